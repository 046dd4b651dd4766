package org.delegateelection.candidate;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import org.delegateelection.candidate.CandidateFileReader.FileRow;
import org.delegateelection.candidate.CandidateFileReader.FileValue;
import org.delegateelection.election.ElectionUnit;
import org.delegateelection.election.RecommendingUnit;
import org.delegateelection.system.InvalidInputException;
import org.delegateelection.system.PlainText;
import org.delegateelection.system.Problem;
import org.delegateelection.system.Problems;
import org.delegateelection.system.TableFile;

/**
 * Reads the people of a candidate registry (人选库) from a file an organization department prepares, and checks
 * every row. The whole file is accepted or rejected: all problems are collected and thrown together.
 *
 * <p>Formats: a JSON array of objects (the first element is row 1); CSV in UTF-8, with or without a byte order
 * mark, with a header row; the first sheet of an .xlsx workbook with a header row (in CSV and .xlsx the header is
 * row 1 and the first person row 2, as a spreadsheet numbers them). Blank rows are skipped.
 *
 * <p>Columns are named by the field of {@link Candidate} (id, name, gender, …, English names in any case) or by
 * the Chinese header: 编号, 姓名, 性别, 民族, 出生日期, 入党时间, 正式党员, 学历, 类别, 一线类型, 农民工, 领域, 层级,
 * 推荐单位, 人大代表, 政协委员, 省部级以上表彰. An unknown column is rejected, so that a typo does not silently drop
 * a field; a status column is rejected too, the procedure sets the status. Required in every row: 编号, 姓名, 性别,
 * 民族, 出生日期, 入党时间, 正式党员 (a blank would silently make the person a probationary member), 学历, 类别,
 * 推荐单位; 一线类型 for frontline people. Blank flags (农民工, 人大代表, 政协委员, 省部级以上表彰) are false; blank
 * 领域 and 层级 are "".
 *
 * <p>Values: choices by their Chinese label or constant name (男/女, 大专/大学/研究生/其他, 党员领导干部/生产和工作第一线,
 * 工人/农民/专业技术人员/其他); dates as yyyy-MM-dd, in .xlsx also date cells; yes/no as 是/否, true/false, 1/0.
 * An .xlsx formula cell counts with the result Excel saved with the file, as the person saw it; formulas are never
 * evaluated here, and a formula without a saved result is rejected. The text fields (编号, 姓名, 民族, 领域, 层级,
 * 推荐单位) are printed in the documents: a character their font cannot print is rejected, named.
 *
 * <p>Limits: {@link #MAX_ROWS} people, and in CSV and .xlsx {@link #MAX_COLUMNS} columns and {@link #MAX_CELLS}
 * non-blank cells; the reading stops at the first row beyond them. A rejection lists the first
 * {@link Problems#LISTED} problems by row and counts the others.
 *
 * <p>Every person comes back with status {@link CandidateStatus#REGISTERED}; the registry keeps the status of
 * people it already holds.
 */
public final class CandidateImport {

    /**
     * The largest number of people in one file: a national congress has 2,300 delegates, a unit's registry holds a
     * few hundred people, a file of all units' nominees a few thousand.
     */
    public static final int MAX_ROWS = 20_000;

    /**
     * The most columns of a CSV or .xlsx file: the 17 known columns with room for a few the file adds by mistake
     * (each is then refused by name), counted up to the last non-blank cell of a row.
     */
    public static final int MAX_COLUMNS = 64;

    /** The most non-blank cells of a CSV or .xlsx file: 20 per person of {@link #MAX_ROWS} (17 columns and spare). */
    public static final int MAX_CELLS = 20 * MAX_ROWS;

    /** Longest name accepted, in characters. */
    public static final int MAX_NAME_LENGTH = 50;

    /** The file formats read. */
    public enum Format { JSON, CSV, XLSX }

    private final Set<String> unitCodes;
    private final LocalDate today;
    private final IntPredicate printable;

    /**
     * @param unitCodes the codes of the election's recommending units; every person must name one of them
     * @param today     today's date in Asia/Shanghai, for the checks of birth and joining dates
     * @param printable whether the documents can print a character (a code point), e.g. the PDF font's
     *                  {@code canPrint}: text fields with another character are refused, since the documents print
     *                  every one of them
     */
    public CandidateImport(Set<String> unitCodes, LocalDate today, IntPredicate printable) {
        this.unitCodes = new TreeSet<>(unitCodes);
        this.today = today;
        this.printable = printable;
    }

    /**
     * The import of an election's registry today (Asia/Shanghai): its recommending units, the documents' font.
     *
     * @param printable whether the documents can print a character (a code point)
     */
    public static CandidateImport of(ElectionUnit election, IntPredicate printable) {
        return new CandidateImport(election.recommendingUnits().stream().map(RecommendingUnit::code)
                .collect(Collectors.toSet()), LocalDate.now(ZoneId.of("Asia/Shanghai")), printable);
    }

    /**
     * The people in the file, in the order of the file.
     *
     * @throws InvalidInputException with the problems found by row (row, column as written in the file, reason in
     *                               Chinese; the first {@link Problems#LISTED} and their count), or with a single
     *                               problem for a file that cannot be read, goes beyond {@link #MAX_ROWS},
     *                               {@link #MAX_COLUMNS} or {@link #MAX_CELLS}, or has no people
     */
    public List<Candidate> read(Format format, byte[] content) {
        CandidateFileReader.Content file = switch (format) {
            case JSON -> CandidateFileReader.json(content);
            case CSV -> CandidateFileReader.table(TableFile.Format.CSV, content);
            case XLSX -> CandidateFileReader.table(TableFile.Format.XLSX, content);
        };
        Problems problems = file.problems();
        if (file.rows().isEmpty() && problems.isEmpty()) {
            problems.add(new Problem(null, null, "文件中没有人选"));
        }
        List<Candidate> candidates = new ArrayList<>();
        Map<String, Integer> rowOfId = new HashMap<>();
        for (FileRow row : file.rows()) {
            Candidate candidate = new RowCheck(row, problems).candidate();
            FileValue id = row.values().get(CandidateColumn.ID);
            Integer firstRow = id.text() == null || id.text().isEmpty() ? null
                    : rowOfId.putIfAbsent(id.text(), row.number());
            if (firstRow != null) {
                problems.add(new Problem(row.number(), id.column(), "编号“" + id.text() + "”与第" + firstRow + "行重复"));
            } else if (candidate != null) {
                candidates.add(candidate);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("导入文件有误，未导入任何人选", problems);
        }
        return candidates;
    }

    /** The checks of one row; collects its problems into the file's list. */
    private final class RowCheck {

        private final FileRow row;
        private final Problems problems;
        private final int problemsBefore;

        RowCheck(FileRow row, Problems problems) {
            this.row = row;
            this.problems = problems;
            this.problemsBefore = problems.count();
        }

        /** The person in the row, or {@code null} when a problem was found in it or a value was unreadable. */
        Candidate candidate() {
            String id = text(CandidateColumn.ID, 64);
            String name = text(CandidateColumn.NAME, MAX_NAME_LENGTH);
            Gender gender = choice(CandidateColumn.GENDER, Gender.values(), Gender::label);
            String ethnicity = text(CandidateColumn.ETHNICITY, 32);
            if (ethnicity != null && !ethnicity.isEmpty() && !ethnicity.endsWith("族")) {
                problem(CandidateColumn.ETHNICITY, "民族应写全称，如“汉族”“回族”");
            }
            LocalDate birthDate = date(CandidateColumn.BIRTH_DATE);
            LocalDate joinedPartyOn = date(CandidateColumn.JOINED_PARTY_ON);
            Boolean fullMember = flag(CandidateColumn.FULL_MEMBER);
            Education education = choice(CandidateColumn.EDUCATION, Education.values(), Education::label);
            Category category = choice(CandidateColumn.CATEGORY, Category.values(), Category::label);
            FrontlineKind frontlineKind =
                    choice(CandidateColumn.FRONTLINE_KIND, FrontlineKind.values(), FrontlineKind::label);
            Boolean migrantWorker = flag(CandidateColumn.MIGRANT_WORKER);
            String sector = text(CandidateColumn.SECTOR, 100);
            String level = text(CandidateColumn.LEVEL, 100);
            String unit = text(CandidateColumn.RECOMMENDING_UNIT, 64);
            if (Candidate.CENTRE_NOMINEE.equals(unit)) {
                unit = null;
            } else if (unit != null && !unit.isEmpty() && !unitCodes.contains(unit)) {
                problem(CandidateColumn.RECOMMENDING_UNIT, unitCodes.isEmpty()
                        ? "本次选举尚未登记推荐单位"
                        : "“" + unit + "”不是本次选举的推荐单位；可用：" + String.join("、", unitCodes) + "，或“"
                                + Candidate.CENTRE_NOMINEE + "”");
            }
            Boolean npcDeputy = flag(CandidateColumn.NPC_DEPUTY);
            Boolean cppccMember = flag(CandidateColumn.CPPCC_MEMBER);
            Boolean provincialHonour = flag(CandidateColumn.PROVINCIAL_HONOUR);
            checkDates(birthDate, joinedPartyOn);
            checkIdentity(category, frontlineKind, Boolean.TRUE.equals(migrantWorker));
            boolean unreadable = row.values().values().stream().anyMatch(value -> value.text() == null);
            if (unreadable || problems.count() > problemsBefore) {
                return null;
            }
            return new Candidate(id, name, gender, ethnicity, birthDate, joinedPartyOn, fullMember, education,
                    category, frontlineKind, migrantWorker, sector, level, unit, npcDeputy, cppccMember,
                    provincialHonour, CandidateStatus.REGISTERED);
        }

        /** Dates in the past, and joining at 18 or older: 《中国共产党章程》 art. 1 (年满十八岁). */
        private void checkDates(LocalDate birthDate, LocalDate joinedPartyOn) {
            if (birthDate != null && birthDate.isAfter(today)) {
                problem(CandidateColumn.BIRTH_DATE, "出生日期晚于今天");
            }
            if (joinedPartyOn != null && joinedPartyOn.isAfter(today)) {
                problem(CandidateColumn.JOINED_PARTY_ON, "入党时间晚于今天");
            }
            if (birthDate == null || joinedPartyOn == null) {
                return;
            }
            if (joinedPartyOn.isBefore(birthDate)) {
                problem(CandidateColumn.JOINED_PARTY_ON, "入党时间早于出生日期");
            } else if (birthDate.plusYears(18).isAfter(joinedPartyOn)) {
                problem(CandidateColumn.JOINED_PARTY_ON, "入党时未满十八周岁（党章规定年满十八岁方可入党）");
            }
        }

        /**
         * A frontline person has a kind, a leading cadre none; only workers are migrant workers. The categories
         * are those of the Central Committee's notice on the delegate election (党员领导干部 / 生产和工作第一线).
         */
        private void checkIdentity(Category category, FrontlineKind kind, boolean migrantWorker) {
            boolean kindBlank = "".equals(row.values().get(CandidateColumn.FRONTLINE_KIND).text());
            if (category == Category.FRONTLINE && kindBlank) {
                problem(CandidateColumn.FRONTLINE_KIND, "生产和工作第一线人选须填写一线类型（工人、农民、专业技术人员、其他）");
            }
            if (category == Category.LEADING_CADRE && kind != null) {
                problem(CandidateColumn.FRONTLINE_KIND, "党员领导干部不填一线类型");
            }
            if (migrantWorker && kind != FrontlineKind.WORKER && (kind != null || kindBlank)) {
                problem(CandidateColumn.MIGRANT_WORKER, "只有一线类型为工人的人选可以是农民工");
            }
        }

        /**
         * Required text up to a length, or optional text ("" when blank), plain ({@link PlainText}) and printable;
         * {@code null} after a problem.
         */
        private String text(CandidateColumn column, int maxLength) {
            String text = value(column);
            if (text == null || text.isEmpty()) {
                return text;
            }
            if (text.length() > maxLength) {
                problem(column, "超过 " + maxLength + " 个字符");
                return null;
            }
            String unsafe = PlainText.problem(text, printable);
            if (unsafe != null) {
                problem(column, unsafe);
                return null;
            }
            return text;
        }

        private <E extends Enum<E>> E choice(CandidateColumn column, E[] options, Function<E, String> label) {
            String text = value(column);
            if (text == null || text.isEmpty()) {
                return null;
            }
            for (E option : options) {
                if (label.apply(option).equals(text) || option.name().equalsIgnoreCase(text)) {
                    return option;
                }
            }
            problem(column, "无法识别“" + text + "”，应为 "
                    + Arrays.stream(options).map(label).collect(Collectors.joining("、")));
            return null;
        }

        private LocalDate date(CandidateColumn column) {
            String text = value(column);
            if (text == null || text.isEmpty()) {
                return null;
            }
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                problem(column, "日期“" + text + "”无效，应为 yyyy-MM-dd，如 1970-05-01");
                return null;
            }
        }

        /** 是/否, true/false, 1/0; blank is false for an optional flag. */
        private Boolean flag(CandidateColumn column) {
            String text = value(column);
            if (text == null) {
                return null;
            }
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "是", "true", "1" -> true;
                case "否", "false", "0", "" -> false;
                default -> {
                    problem(column, "无法识别“" + text + "”，应为 是 或 否");
                    yield null;
                }
            };
        }

        /** The text of a column; a blank required value is a problem and gives {@code null}. */
        private String value(CandidateColumn column) {
            String text = row.values().get(column).text();
            if (text != null && text.isEmpty() && column.required()) {
                problem(column, "必填");
                return null;
            }
            return text;
        }

        private void problem(CandidateColumn column, String reason) {
            problems.add(new Problem(row.number(), row.values().get(column).column(), reason));
        }
    }
}
