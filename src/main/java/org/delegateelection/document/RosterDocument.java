package org.delegateelection.document;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.delegateelection.candidate.Candidate;
import org.delegateelection.system.CjkFont;
import org.delegateelection.system.Sheets;
import org.delegateelection.vote.StrokeOrder;

/**
 * The roster of a list of people (e.g. the prospective candidates sent to the Central Organization Department for
 * its review, step 21) with one registration form (登记表) per person, as .xlsx and as PDF. People stand in the stroke
 * order of their names ({@link StrokeOrder}), people of the same name by id.
 *
 * @param electionName the election unit's name, e.g. "示例省"
 * @param listNoun     the list's Chinese noun, e.g. "代表候选人预备人选"
 * @param ageDate      the date ages are counted on
 * @param unitNames    recommending unit code → name; a code without a name is shown as it is
 * @param people       the people on the list, in any order
 * @param votes        person id → how the body that decided the list voted for the person, e.g. "赞成 58 票（第 1 轮）",
 *                     printed on the registration form as 全委会表决; people without an entry have none printed
 * @param changedSinceDecision ids of the people whose registry data changed after the list was decided: the roster
 *                     shows them as decided and says so beside them
 */
public record RosterDocument(String electionName, String listNoun, LocalDate ageDate, Map<String, String> unitNames,
                             List<Candidate> people, Map<String, String> votes, Set<String> changedSinceDecision) {

    /** The roster's columns, in .xlsx and PDF alike. */
    public static final List<String> COLUMNS = List.of("序号", "编号", "姓名", "性别", "民族", "出生年月", "年龄",
            "入党时间", "学历", "身份", "领域", "层级", "推荐单位", "人大代表", "政协委员", "省部级以上表彰");

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy.MM");
    private static final float[] WEIGHTS = {2.2f, 4, 4, 2, 2.8f, 3.6f, 2.2f, 3.6f, 3.2f, 6.5f, 4, 3, 4, 2.5f, 2.5f,
        3.5f};

    /** Copies the people into roster order. */
    public RosterDocument {
        people = people.stream().sorted(Comparator.comparing(Candidate::name, StrokeOrder.NAMES)
                .thenComparing(Candidate::id)).toList();
        unitNames = Map.copyOf(unitNames);
        votes = Map.copyOf(votes);
        changedSinceDecision = Set.copyOf(changedSinceDecision);
    }

    /** The note on people changed since the decision, e.g. "张三、李四的信息在名单确定后有变更，本名册为确定时的信息。"; "" for none. */
    String changedNote() {
        List<String> names = people.stream().filter(c -> changedSinceDecision.contains(c.id())).map(Candidate::name)
                .toList();
        return names.isEmpty() ? "" : String.join("、", names) + "的信息在名单确定后有变更，本名册为确定时的信息。";
    }

    /** The title, e.g. "示例省代表候选人预备人选名册". */
    public String title() {
        return electionName + listNoun + "名册";
    }

    /**
     * The workbook: sheet "名册" with a title row, the header {@link #COLUMNS} and one row per person, then one sheet
     * "登记表 n 姓名" per person (n the roster number) with the form's items as label–value rows.
     */
    public byte[] xlsx() {
        Sheets sheets = new Sheets().sheet("名册", title() + "（年龄计算截至 " + ageDate + "，按姓氏笔画排序）" + changedNote(),
                COLUMNS,
                rows().stream().<List<?>>map(row -> row).toList());
        for (int i = 0; i < people.size(); i++) {
            Candidate person = people.get(i);
            List<List<?>> items = new ArrayList<>();
            formItems(person).forEach((label, value) -> items.add(List.of(label, value)));
            sheets.sheet("登记表 " + (i + 1) + " " + person.name(), formTitle(), List.of("项目", "内容"), items);
        }
        return sheets.toBytes();
    }

    /** The PDF: the roster on landscape pages, then each person's registration form on a portrait page of its own. */
    public byte[] pdf(CjkFont font) {
        PdfWriter pdf = new PdfWriter(font, PdfWriter.LANDSCAPE);
        pdf.heading(title(), 18).paragraph("共 " + people.size() + " 名，按姓氏笔画排序；年龄计算截至 " + ageDate + "。"
                + changedNote())
                .table(WEIGHTS, COLUMNS, rows());
        for (Candidate person : people) {
            List<List<String>> rows = new ArrayList<>();
            List<Map.Entry<String, String>> items = List.copyOf(formItems(person).entrySet());
            for (int i = 0; i < items.size(); i += 2) {
                Map.Entry<String, String> right = i + 1 < items.size() ? items.get(i + 1) : Map.entry("", "");
                rows.add(List.of(items.get(i).getKey(), items.get(i).getValue(), right.getKey(), right.getValue()));
            }
            pdf.newPage(PdfWriter.PORTRAIT).heading(formTitle(), 16).paragraph(electionName)
                    .table(new float[] {2.2f, 3.5f, 2.2f, 3.5f}, null, rows);
        }
        return pdf.toBytes();
    }

    private String formTitle() {
        return listNoun + "登记表";
    }

    private List<List<String>> rows() {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            Candidate c = people.get(i);
            rows.add(List.of(String.valueOf(i + 1), c.id(), c.name(), c.gender().label(), c.ethnicity(),
                    c.birthDate().format(MONTH), String.valueOf(c.ageOn(ageDate)), c.joinedPartyOn().format(MONTH),
                    c.education().label(), c.identity(), c.sector(), c.level(), unit(c), yesNo(c.npcDeputy()),
                    yesNo(c.cppccMember()), yesNo(c.provincialHonour())));
        }
        return rows;
    }

    /** The items of the registration form, in the order printed. */
    private Map<String, String> formItems(Candidate c) {
        Map<String, String> items = new LinkedHashMap<>();
        items.put("姓名", c.name());
        items.put("编号", c.id());
        items.put("性别", c.gender().label());
        items.put("民族", c.ethnicity());
        items.put("出生年月", c.birthDate().format(MONTH) + "（" + c.ageOn(ageDate) + "岁）");
        items.put("入党时间", c.joinedPartyOn().format(MONTH));
        items.put("党员类别", c.fullMember() ? "正式党员" : "预备党员");
        items.put("学历", c.education().label());
        items.put("身份", c.identity());
        items.put("农民工", yesNo(c.migrantWorker()));
        items.put("领域", c.sector());
        items.put("层级", c.level());
        items.put("推荐单位", unit(c));
        items.put("人大代表", yesNo(c.npcDeputy()));
        items.put("政协委员", yesNo(c.cppccMember()));
        items.put("省部级以上表彰", yesNo(c.provincialHonour()));
        items.put("所处环节", c.status().label());
        if (votes.containsKey(c.id())) {
            items.put("全委会表决", votes.get(c.id()));
        }
        if (changedSinceDecision.contains(c.id())) {
            items.put("信息变更", "名单确定后有变更，本表为确定时的信息");
        }
        return items;
    }

    private String unit(Candidate c) {
        return c.recommendedBy(unitNames);
    }

    private static String yesNo(boolean value) {
        return value ? "是" : "否";
    }
}
