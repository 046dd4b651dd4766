package org.delegateelection.nomination;

import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.delegateelection.system.InvalidInputException;
import org.delegateelection.system.PlainText;
import org.delegateelection.system.Problem;
import org.delegateelection.system.Problems;
import org.delegateelection.system.TableFile;

/**
 * Reads and checks a file of branch recommendation tallies (党支部推荐情况) of one recommending unit, row by row
 * ({@link TableFile}): a header row, then one row per branch and person it recommends, with the columns 基层党委,
 * 党支部, 党员数, 参加推荐党员数, 人选编号, 姓名, 出生日期, 工作单位, 得票数. A person is named by the registry id
 * (人选编号), or, not yet in the registry, by name with birth date or workplace; a branch that recommended nobody has
 * one row without a person. Every row is checked, and all problems are thrown together at the end; each good row is
 * handed on as it is read (to be written in the caller's transaction, which the rejection rolls back).
 *
 * <p>Refused, with row and reason: a branch with more members taking part than members, or more votes for a person
 * than members taking part (each member recommends a person at most once), a branch listed under two grassroots
 * committees or with two different figures, a person named twice in one branch, a person of the registry recommended
 * by another recommending unit or not in it, a grassroots committee of another recommending unit; in a consultation
 * round after the first, a person not on the list the last round sent down (三上三下: the next round recommends from
 * that list). The procedure's source: 中共中央《关于党的二十大代表选举工作的通知》（2021年11月）: "推荐提名从基层开始，
 * 所有基层党组织和党员参加", "自下而上、上下结合、反复酝酿、逐级遴选".
 */
public final class TallyFile {

    /** The most rows of a file: a unit of 20,000 branches recommending ten people each. */
    public static final int MAX_ROWS = 200_000;

    /** The most columns: the nine known, with room for a few added by mistake (each refused by name). */
    public static final int MAX_COLUMNS = 16;

    private static final TableFile.Limits LIMITS = new TableFile.Limits(MAX_ROWS, MAX_COLUMNS, 10L * MAX_ROWS);

    /** The longest name of a grassroots committee, a branch or a workplace. */
    static final int MAX_TEXT = 200;

    private static final Column[] COLUMNS = Column.values();

    /** The columns, by their Chinese header (and English name). */
    enum Column {
        COMMITTEE("基层党委", "committee", true),
        BRANCH("党支部", "branch", true),
        MEMBERS("党员数", "members", true),
        TAKING_PART("参加推荐党员数", "membersTakingPart", true),
        CANDIDATE_ID("人选编号", "candidateId", false),
        NAME("姓名", "name", false),
        BIRTH_DATE("出生日期", "birthDate", false),
        WORKPLACE("工作单位", "workplace", false),
        VOTES("得票数", "votes", false);

        final String chinese;
        final String english;
        final boolean required;

        Column(String chinese, String english, boolean required) {
            this.chinese = chinese;
            this.english = english;
            this.required = required;
        }

        static Column named(String header) {
            return Arrays.stream(values()).filter(c -> c.chinese.equals(header)
                    || c.english.toLowerCase(Locale.ROOT).equals(header.toLowerCase(Locale.ROOT))).findFirst()
                    .orElse(null);
        }
    }

    /**
     * What the checks know beyond the file.
     *
     * @param unitCode          the recommending unit the file is of
     * @param registry          every person of the election's registry: id → the person's name and unit
     * @param otherCommittees   the grassroots committees of the other units in force: name → unit code
     * @param branchesInForce   the branches of this unit in force: branch → its grassroots committee
     * @param roundList         in a round after the first, the list the last round sent down; {@code null} in the
     *                          first round, where anyone of the unit may be recommended
     */
    public record Context(String unitCode, Map<String, Registered> registry, Map<String, String> otherCommittees,
            Map<String, String> branchesInForce, RoundList roundList) {
    }

    /**
     * The list a consultation round recommends from (一下, 二下).
     *
     * @param round  the round of the file (2 or 3)
     * @param people the people on the list of the round before: registry id → name
     */
    public record RoundList(int round, Map<String, String> people) {

        /** The people on the list with this name (a person not named by id is matched by name). */
        List<String> named(String name) {
            return people.entrySet().stream().filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey).toList();
        }

        String refusal() {
            return "不在第 " + (round - 1) + " 轮下发的推荐人选名单中，第 " + round + " 轮只能推荐名单中的人选";
        }
    }

    /**
     * A person of the registry as the checks see it.
     *
     * @param name     the registered name
     * @param unitCode the recommending unit, {@code null} for a nominee of the Centre
     */
    public record Registered(String name, String unitCode) {
    }

    /**
     * What a file held once it is accepted.
     *
     * @param committees the grassroots committees, in the order of the file
     * @param branches   how many branches
     * @param rows       how many data rows
     */
    public record Summary(Set<String> committees, int branches, int rows) {
    }

    private final Context context;
    private final Problems problems = new Problems();
    private final Map<String, Branch> branches = new HashMap<>();
    private final Set<String> committees = new LinkedHashSet<>();
    /** The column of each position of the header, {@code null} for a position without a name. */
    private Column[] columns;
    private int rows;
    /** The last row's committee and branch when they passed their own checks: a row naming them again skips them. */
    private String lastCommittee;
    private String lastBranch;

    private TallyFile(Context context) {
        this.context = context;
    }

    /**
     * Reads the file from the stream in one pass, holding a row at a time and what the checks across rows need (each
     * branch's committee, figures and people named), and hands each good row to {@code rows} while no problem has
     * been found (after the first, only the checks go on, to report every problem).
     *
     * @throws InvalidInputException with every problem by row (the first {@link Problems#LISTED}, and how many in
     *                               all), or one problem for a file that cannot be read, goes beyond its limits or has
     *                               no rows; the rows handed on must then be discarded
     */
    public static Summary read(TableFile.Format format, InputStream content, Context context,
            Consumer<TallyRow> rows) {
        TallyFile file = new TallyFile(context);
        try {
            TableFile.read(format, content, LIMITS, row -> file.row(row, rows));
        } catch (TableFile.UnreadableException e) {
            throw new InvalidInputException("无法读取推荐情况文件", List.of(new Problem(null, null, e.getMessage())));
        }
        return file.finish();
    }

    private void row(TableFile.Row row, Consumer<TallyRow> sink) {
        if (columns == null) {
            header(row);
            return;
        }
        rows++;
        String[] values = new String[COLUMNS.length];
        Arrays.fill(values, "");
        for (int i = 0; i < row.cells().size(); i++) {
            String text = row.cells().get(i);
            Column column = i < columns.length ? columns[i] : null;
            if (text == null) {
                problems.add(new Problem(row.number(), column == null ? null : column.chinese,
                        row.unreadable().get(i)));
            } else if (column != null) {
                values[column.ordinal()] = text.strip();
            } else if (!text.isBlank()) {
                problems.add(new Problem(row.number(), null, "第" + (i + 1) + "列有数据但没有列名"));
            }
        }
        TallyRow tally = check(row.number(), values);
        if (tally != null && problems.isEmpty()) {
            sink.accept(tally);
        }
    }

    private void header(TableFile.Row row) {
        columns = new Column[row.cells().size()];
        Set<Column> seen = EnumSet.noneOf(Column.class);
        if (row.number() != 1) {
            problems.add(new Problem(1, null, "第 1 行应为表头"));
        }
        for (int i = 0; i < row.cells().size(); i++) {
            String name = row.cells().get(i) == null ? "" : row.cells().get(i).strip();
            if (name.isEmpty()) {
                continue;
            }
            Column column = Column.named(name);
            if (column == null) {
                problems.add(new Problem(row.number(), name, "未知的列名；可用的列名：" + Arrays.stream(COLUMNS)
                        .map(c -> c.chinese).collect(Collectors.joining("、"))));
            } else if (!seen.add(column)) {
                problems.add(new Problem(row.number(), name, "列重复"));
            } else {
                columns[i] = column;
            }
        }
        for (Column column : COLUMNS) {
            if (column.required && !seen.contains(column)) {
                problems.add(new Problem(row.number(), column.chinese, "缺少必填列"));
            }
        }
        if (!seen.contains(Column.CANDIDATE_ID) && !seen.contains(Column.NAME)) {
            problems.add(new Problem(row.number(), Column.CANDIDATE_ID.chinese, "须有“人选编号”或“姓名”列"));
        }
    }

    /** The row's checks; the row, or {@code null} when a value could not be read. */
    private TallyRow check(int number, String[] values) {
        RowCheck row = new RowCheck(number, values);
        boolean sameCommittee = values[Column.COMMITTEE.ordinal()].equals(lastCommittee);
        String committee = sameCommittee ? lastCommittee : row.text(Column.COMMITTEE, true);
        lastCommittee = null;
        String branchName = values[Column.BRANCH.ordinal()];
        if (!branchName.equals(lastBranch)) {
            branchName = row.text(Column.BRANCH, true);
            lastBranch = branchName;
        }
        Integer members = row.integer(Column.MEMBERS, true, 1);
        Integer takingPart = row.integer(Column.TAKING_PART, true, 0);
        if (members != null && takingPart != null && takingPart > members) {
            row.problem(Column.TAKING_PART, "参加推荐党员数 " + takingPart + " 多于党员数 " + members);
        }
        Person person = row.person();
        Integer votes = row.integer(Column.VOTES, person != null, 0);
        if (person == null && votes != null) {
            row.problem(Column.VOTES, "有得票数但未写明人选（人选编号或姓名）");
        }
        if (votes != null && takingPart != null && votes > takingPart) {
            row.problem(Column.VOTES, "得票数 " + votes + " 多于参加推荐党员数 " + takingPart);
        }
        if (committee != null) {
            String otherUnit = sameCommittee ? null : context.otherCommittees().get(committee);
            if (otherUnit != null) {
                row.problem(Column.COMMITTEE, "基层党委“" + committee + "”属于推荐单位 " + otherUnit + "，不能由本单位上报");
            } else {
                lastCommittee = committee;
            }
        }
        if (committee == null || branchName == null || members == null || takingPart == null) {
            return null;
        }
        boolean newCommittee = committees.add(committee);
        Branch branch = branches.get(branchName);
        boolean newBranch = branch == null;
        if (newBranch) {
            branch = new Branch(number, committee, members, takingPart);
            branches.put(branchName, branch);
        } else if (!branch.committee.equals(committee)) {
            row.problem(Column.COMMITTEE, "党支部“" + branchName + "”在第" + branch.row + "行列于基层党委“"
                    + branch.committee + "”，一个党支部只能属于一个基层党委");
        } else if (branch.members != members || branch.takingPart != takingPart) {
            row.problem(Column.MEMBERS, "党支部“" + branchName + "”的党员数、参加推荐党员数与第" + branch.row
                    + "行不一致（" + branch.members + "、" + branch.takingPart + "）");
        }
        if (person != null) {
            Integer first = branch.people.putIfAbsent(person.key(), number);
            if (first != null) {
                row.problem(person.candidateId() != null ? Column.CANDIDATE_ID : Column.NAME, "人选“"
                        + person.label() + "”在党支部“" + branchName + "”中已列于第" + first + "行，同一党支部只能列一次");
            }
        }
        return row.failed() ? null : new TallyRow(number, committee, branchName, members, takingPart, person,
                person == null ? 0 : votes, newCommittee, newBranch);
    }

    private Summary finish() {
        if (columns == null || rows == 0) {
            problems.add(new Problem(null, null, "文件中没有党支部推荐情况"));
        }
        branches.forEach((name, branch) -> {
            String inForce = context.branchesInForce().get(name);
            if (inForce != null && !inForce.equals(branch.committee) && !committees.contains(inForce)) {
                problems.add(new Problem(branch.row, Column.BRANCH.chinese, "党支部“" + name + "”已列于基层党委“"
                        + inForce + "”上报的推荐情况中，一个党支部只能属于一个基层党委"));
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidInputException("推荐情况文件有误，未保存任何数据", problems);
        }
        return new Summary(committees, branches.size(), rows);
    }

    /** A branch as first read: its row, committee and figures, and the people it named (key → row). */
    private static final class Branch {
        final int row;
        final String committee;
        final int members;
        final int takingPart;
        final Map<String, Integer> people = new HashMap<>();

        Branch(int row, String committee, int members, int takingPart) {
            this.row = row;
            this.committee = committee;
            this.members = members;
            this.takingPart = takingPart;
        }
    }

    /** The checks of one row's values. */
    private final class RowCheck {
        private final int number;
        private final String[] values;
        private boolean failed;

        RowCheck(int number, String[] values) {
            this.number = number;
            this.values = values;
        }

        boolean failed() {
            return failed;
        }

        String text(Column column, boolean required) {
            String text = values[column.ordinal()];
            if (text.isEmpty()) {
                if (required) {
                    problem(column, "必填");
                }
                return null;
            }
            if (text.length() > MAX_TEXT) {
                problem(column, "超过 " + MAX_TEXT + " 个字符");
                return null;
            }
            String unsafe = PlainText.problem(text);
            if (unsafe != null) {
                problem(column, unsafe);
                return null;
            }
            return text;
        }

        Integer integer(Column column, boolean required, int min) {
            String text = values[column.ordinal()];
            if (text.isEmpty()) {
                if (required) {
                    problem(column, "必填");
                }
                return null;
            }
            try {
                int value = Integer.parseInt(text);
                if (value < min || value > 1_000_000) {
                    problem(column, "应为 " + min + " 到 1000000 之间的整数");
                    return null;
                }
                return value;
            } catch (NumberFormatException e) {
                problem(column, "“" + text + "”不是整数");
                return null;
            }
        }

        /** The person named, or {@code null} for a row of the branch's figures only. */
        Person person() {
            // an id of the registry is known good text: the registry's import checked it
            String written = values[Column.CANDIDATE_ID.ordinal()];
            Registered registered = written.isEmpty() ? null : context.registry().get(written);
            String id = registered != null ? written : text(Column.CANDIDATE_ID, false);
            String name = text(Column.NAME, false);
            String birth = values[Column.BIRTH_DATE.ordinal()];
            String workplace = text(Column.WORKPLACE, false);
            LocalDate birthDate = null;
            if (!birth.isEmpty()) {
                try {
                    birthDate = LocalDate.parse(birth);
                } catch (DateTimeParseException e) {
                    problem(Column.BIRTH_DATE, "日期“" + birth + "”无效，应为 yyyy-MM-dd，如 1970-05-01");
                }
            }
            if (id != null) {
                if (registered == null) {
                    problem(Column.CANDIDATE_ID, "人选库中没有编号为“" + id + "”的人选；尚未入库的人选请只写姓名和出生日期或工作单位");
                } else if (!context.unitCode().equals(registered.unitCode())) {
                    problem(Column.CANDIDATE_ID, registered.name() + "（" + id + "）不是本推荐单位的人选，不能由本单位推荐");
                } else if (name != null && !name.equals(registered.name())) {
                    problem(Column.NAME, "姓名“" + name + "”与人选库中编号 " + id + " 的姓名“" + registered.name() + "”不一致");
                } else if (context.roundList() != null && !context.roundList().people().containsKey(id)) {
                    problem(Column.CANDIDATE_ID, registered.name() + "（" + id + "）" + context.roundList().refusal());
                }
                return new Person(id, registered == null ? name : registered.name(), null, null);
            }
            if (name != null && context.roundList() != null) {
                // after the first round only people of the list, who are in the registry: a name is matched there
                List<String> named = context.roundList().named(name);
                if (named.size() == 1) {
                    return new Person(named.get(0), name, null, null);
                }
                problem(named.isEmpty() ? Column.NAME : Column.CANDIDATE_ID, named.isEmpty()
                        ? "“" + name + "”" + context.roundList().refusal()
                        : "名单中有 " + named.size() + " 人名为“" + name + "”，请写明人选编号");
                return new Person(null, name, birthDate, workplace);
            }
            if (name == null) {
                if (birthDate != null || workplace != null) {
                    problem(Column.NAME, "写明出生日期或工作单位的行须写姓名");
                }
                return null;
            }
            if (name.length() > 50) {
                problem(Column.NAME, "超过 50 个字符");
            }
            if (birthDate == null && workplace == null && birth.isEmpty()) {
                problem(Column.NAME, "尚未入库的人选须写明出生日期或工作单位，以便区分同名的人");
            }
            return new Person(null, name, birthDate, workplace);
        }

        void problem(Column column, String reason) {
            failed = true;
            problems.add(new Problem(number, column.chinese, reason));
        }
    }
}
