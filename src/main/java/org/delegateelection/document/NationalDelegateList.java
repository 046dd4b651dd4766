package org.delegateelection.document;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.delegateelection.candidate.Candidate;
import org.delegateelection.system.CjkFont;
import org.delegateelection.system.Sheets;
import org.delegateelection.vote.StrokeOrder;

/**
 * The national list of delegates (e.g. 中国共产党第二十次全国代表大会代表名单, 2,296 names): every unit's delegates
 * in one list, in the stroke order of their surnames ({@link StrokeOrder}, 按姓氏笔画为序), as the Organization
 * Department publishes national lists. Each name carries in （…） the notes the published lists print: 女 for a
 * woman, the ethnic group for a minority delegate (（女，满族）); a name that occurs more than once in the list also
 * its electoral unit, as the Central Committee's list tells its two 王凯 apart (王凯（河南）、王凯（解放军和武警部队）),
 * and where the unit is the same too, the year of birth. People of one name keep the order they are given in: the
 * order of their units in the allocation.
 *
 * @param title   the list's title, e.g. "党的全国代表大会代表名单"
 * @param entries the delegates with their units, in the order of the units; put in list order here
 */
public record NationalDelegateList(String title, List<Entry> entries) {

    /** The list's columns, in .xlsx and PDF alike. */
    public static final List<String> COLUMNS = List.of("序号", "姓名", "性别", "民族", "出生年月", "选举单位");

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy.MM");
    private static final float[] WEIGHTS = {1.6f, 5, 1.4f, 2.2f, 2.2f, 6};

    /**
     * A delegate on the list.
     *
     * @param person the delegate
     * @param unit   the name of the electoral unit that elected the delegate, e.g. 河南省
     */
    public record Entry(Candidate person, String unit) {
    }

    /** Puts the entries in list order: by name in stroke order, one name in the order given (a stable sort). */
    public NationalDelegateList {
        entries = entries.stream().sorted(Comparator.comparing((Entry e) -> e.person().name(), StrokeOrder.NAMES))
                .toList();
    }

    /** The names as printed, in list order, each with its notes, e.g. "王凯（女，满族，河南省）". */
    public List<String> printedNames() {
        Map<String, Integer> byName = new HashMap<>();
        Map<String, Integer> byNameAndUnit = new HashMap<>();
        for (Entry e : entries) {
            byName.merge(e.person().name(), 1, Integer::sum);
            byNameAndUnit.merge(e.person().name() + "\n" + e.unit(), 1, Integer::sum);
        }
        List<String> printed = new ArrayList<>();
        for (Entry e : entries) {
            Candidate c = e.person();
            List<String> notes = new ArrayList<>();
            if (c.woman()) {
                notes.add("女");
            }
            if (c.minority()) {
                notes.add(c.ethnicity());
            }
            if (byName.get(c.name()) > 1) {
                notes.add(e.unit());
                if (byNameAndUnit.get(c.name() + "\n" + e.unit()) > 1) {
                    notes.add(c.birthDate().getYear() + "年生");
                }
            }
            printed.add(notes.isEmpty() ? c.name() : c.name() + "（" + String.join("，", notes) + "）");
        }
        return printed;
    }

    /** The workbook: sheet "代表名单" with the title row, the header {@link #COLUMNS} and one row per delegate. */
    public byte[] xlsx() {
        return new Sheets().sheet("代表名单", title() + "（" + entries.size() + " 名，按姓氏笔画为序）", COLUMNS,
                rows().stream().<List<?>>map(row -> row).toList()).toBytes();
    }

    /** The PDF: the title, the count and one table of every delegate, on portrait A4 pages. */
    public byte[] pdf(CjkFont font) {
        return new PdfWriter(font, PdfWriter.PORTRAIT).heading(title(), 18)
                .paragraph("共 " + entries.size() + " 名，按姓氏笔画为序。同名的代表注明选举单位。")
                .table(WEIGHTS, COLUMNS, rows()).toBytes();
    }

    private List<List<String>> rows() {
        List<String> names = printedNames();
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Candidate c = entries.get(i).person();
            rows.add(List.of(String.valueOf(i + 1), names.get(i), c.gender().label(), c.ethnicity(),
                    c.birthDate().format(MONTH), entries.get(i).unit()));
        }
        return rows;
    }
}
