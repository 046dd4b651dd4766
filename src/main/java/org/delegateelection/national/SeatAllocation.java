package org.delegateelection.national;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;

import org.delegateelection.election.ElectionRequest;
import org.delegateelection.election.RecommendingUnit;
import org.delegateelection.system.InvalidInputException;
import org.delegateelection.system.PlainText;
import org.delegateelection.system.Problem;
import org.delegateelection.system.Problems;
import org.delegateelection.system.TableFile;

/**
 * The Centre's allocation of a congress's seats to its electoral units (代表名额分配), read from a table (CSV or
 * .xlsx, {@link TableFile}) with the header 代码, 选举单位, 名额, 女党员比例(%), 类别 and one row per unit, and checked
 * against the notice: each code valid and once, each name given, seats a positive whole number, the women's share of
 * the unit's members (percent, above 0 and below 100) given for a province, region or municipality — whose women
 * delegates' share must be above it (中共中央《关于党的二十大代表选举工作的通知》, November 2021) — and left empty or
 * valid for the others, the kind one of {@link Kind}; as many rows as the notice's units and seats adding up to its
 * total. Every problem is reported with its row (the header is row 1) and column; nothing is kept of a refused table.
 *
 * @param rows the units in the order of the table
 */
public record SeatAllocation(List<Row> rows) {

    /** The most rows: far more units than any congress has had. */
    public static final int MAX_ROWS = 1000;

    /** The header's columns, in order. */
    public static final List<String> COLUMNS = List.of("代码", "选举单位", "名额", "女党员比例(%)", "类别");

    /**
     * The women's share of the party's members nationally, 29.4 % at the end of 2021 (中共中央组织部《2021年中国共产党
     * 党内统计公报》, June 2022): the share a unit without its own figure (not a province) is registered with; the
     * women's requirement is then reported for it, never blocking.
     */
    public static final BigDecimal NATIONAL_WOMEN_SHARE = new BigDecimal("29.4");

    private static final TableFile.Limits LIMITS = new TableFile.Limits(MAX_ROWS, 8, 8L * (MAX_ROWS + 1));

    /** The kinds of electoral unit, which say which of the Centre's requirements name them. */
    public enum Kind {
        /** Provinces, autonomous regions and municipalities (省区市): the women's requirement names them. */
        PROVINCE("省区市"),
        /** The central and state organs. */
        CENTRAL_ORGANS("中央和国家机关"),
        /** The central financial system and the central enterprise system. */
        FINANCIAL_AND_ENTERPRISES("中央金融系统和中央企业系统"),
        /** The People's Liberation Army and the People's Armed Police. */
        ARMED_FORCES("解放军和武警部队"),
        /** Delegates of Hong Kong, Macao and Taiwan origin. */
        HONG_KONG_MACAO_TAIWAN("港澳台");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The kind as the table writes it. */
        public String label() {
            return label;
        }

        /**
         * Whether the Centre requires of this kind at least one third frontline and at most two thirds leading cadres
         * among its delegates: provinces, the central financial system and the central enterprise system.
         */
        public boolean frontlineRequired() {
            return this == PROVINCE || this == FINANCIAL_AND_ENTERPRISES;
        }

        /**
         * Whether the women's share of this kind's delegates must be above the women's share of its party members:
         * provinces, regions and municipalities only (the others elect "a certain number" of women).
         */
        public boolean womenAboveMembersRequired() {
            return this == PROVINCE;
        }

        static Kind of(String label) {
            return Arrays.stream(values()).filter(k -> k.label.equals(label)).findFirst().orElse(null);
        }
    }

    /**
     * One unit's allocation.
     *
     * @param row          the table's row (the header is row 1)
     * @param code         the unit's code, the tenant of its bodies and its election's business key
     * @param name         e.g. 浙江省
     * @param seats        its seats
     * @param womenShare   the women's share of its party members, percent (33.4), {@code null} when not given
     * @param kind         its kind
     */
    public record Row(int row, String code, String name, int seats, BigDecimal womenShare, Kind kind) {

        /** The women's share of the unit's party members as a fraction (0.334), {@code null} when not given. */
        public BigDecimal womenMemberShare() {
            return womenShare == null ? null : womenShare.movePointLeft(2);
        }

        /**
         * The registration of the unit's election from this row alone, for a unit that has not registered its own
         * beforehand: its seats and women's share (else {@link #NATIONAL_WOMEN_SHARE}, with the women's rule
         * reported only); nominees about 1.3 times the seats, as the handbook's 90 for 69; at least the smallest
         * number of preliminary candidates more than 15 % above the seats (差额 more than 15 %, the notice); the
         * handbook's share of leading cadres among nominees (51 of 90), the rest frontline; women nominees above the
         * members' share and under-55 nominees half of them; one recommending unit, the unit itself, with every
         * nominee. The unit's organization department corrects the figures at step 1 and the plan at step 2; ages are
         * counted on the deadline.
         */
        public ElectionRequest registration(LocalDate deadline) {
            int nominees = Math.max(1, (int) Math.round(seats * 90.0 / 69));
            int preliminary = seats + seats * 15 / 100 + 1;
            int leadingCadres = (int) Math.round(nominees * 51.0 / 90);
            BigDecimal share = womenShare != null ? womenShare : NATIONAL_WOMEN_SHARE;
            int women = BigDecimal.valueOf(nominees).multiply(share)
                    .divide(BigDecimal.valueOf(100), 0, RoundingMode.FLOOR).intValue() + 1;
            Map<String, Map<String, Object>> overrides = womenShare != null ? null
                    : Map.of("womenShare", Map.of("blocking", false));
            return new ElectionRequest(code, name, seats, Math.max(nominees, preliminary), preliminary, share, 0,
                    leadingCadres, Math.max(nominees, preliminary) - leadingCadres, Math.min(women, nominees),
                    (nominees + 1) / 2, deadline, true, List.of(new RecommendingUnit(code, name,
                            Math.max(nominees, preliminary))), overrides, false);
        }
    }

    /** The total of the rows' seats. */
    public int totalSeats() {
        return rows.stream().mapToInt(Row::seats).sum();
    }

    /** The row of a unit's code. */
    public Optional<Row> row(String code) {
        return rows.stream().filter(r -> r.code().equals(code)).findFirst();
    }

    /**
     * Reads and checks the table against the notice.
     *
     * @param printable whether the documents can print a character (the units' names are printed)
     * @throws InvalidInputException with every problem by row and column (the first {@link Problems#LISTED}), or one
     *                               problem for a file that cannot be read or goes beyond its limits
     */
    public static SeatAllocation read(TableFile.Format format, byte[] content, CongressNotice notice,
            IntPredicate printable) {
        Reader reader = new Reader(printable);
        try {
            TableFile.read(format, content, LIMITS, reader::row);
        } catch (TableFile.UnreadableException e) {
            throw new InvalidInputException("无法读取名额分配表", List.of(new Problem(null, null, e.getMessage())));
        }
        if (reader.header == null) {
            reader.problems.add(new Problem(null, null, "名额分配表是空的：第 1 行应为表头 " + String.join(",", COLUMNS)));
        } else {
            if (reader.rows.size() + reader.refusedRows != notice.unitCount()) {
                reader.problems.add(new Problem(null, null, "中央通知的选举单位为 " + notice.unitCount() + " 个，名额分配表有 "
                        + (reader.rows.size() + reader.refusedRows) + " 行"));
            }
            int total = reader.rows.stream().mapToInt(Row::seats).sum();
            if (reader.refusedRows == 0 && total != notice.totalSeats()) {
                reader.problems.add(new Problem(null, "名额", "各选举单位名额合计 " + total + " 名，与中央通知的代表名额总数 "
                        + notice.totalSeats() + " 名不符"));
            }
        }
        if (!reader.problems.isEmpty()) {
            throw new InvalidInputException("名额分配表有误", reader.problems);
        }
        return new SeatAllocation(List.copyOf(reader.rows));
    }

    private static final class Reader {
        private final IntPredicate printable;
        private final Problems problems = new Problems();
        private final List<Row> rows = new ArrayList<>();
        private final Map<String, Integer> codes = new HashMap<>();
        private int[] header;
        private int refusedRows;

        Reader(IntPredicate printable) {
            this.printable = printable;
        }

        void row(TableFile.Row row) {
            if (header == null) {
                header(row);
                return;
            }
            int before = problems.count();
            String code = cell(row, 0);
            String name = cell(row, 1);
            String seatsText = cell(row, 2);
            String shareText = cell(row, 3);
            String kindText = cell(row, 4);
            if (code == null || !ElectionRequest.UNIT_CODE.matcher(code).matches()) {
                problems.add(new Problem(row.number(), "代码", "代码须为1至61位小写字母、数字或连字符，收到「"
                        + (code == null ? "" : code) + "」"));
            } else if (codes.containsKey(code)) {
                problems.add(new Problem(row.number(), "代码", "代码 " + code + " 重复（第" + codes.get(code) + "行已有）"));
            } else {
                codes.put(code, row.number());
            }
            if (name == null || name.isEmpty() || name.length() > 200) {
                problems.add(new Problem(row.number(), "选举单位", "选举单位名称不能为空，且不超过200字"));
            } else if (PlainText.problem(name, printable) != null) {
                problems.add(new Problem(row.number(), "选举单位", PlainText.problem(name, printable)));
            }
            Integer seats = null;
            try {
                seats = seatsText == null ? null : Integer.valueOf(seatsText);
            } catch (NumberFormatException e) {
                // reported below
            }
            if (seats == null || seats < 1) {
                problems.add(new Problem(row.number(), "名额", "名额须为正整数，收到「" + (seatsText == null ? "" : seatsText)
                        + "」"));
            }
            Kind kind = kindText == null ? null : Kind.of(kindText);
            if (kind == null) {
                problems.add(new Problem(row.number(), "类别", "未知的类别「" + (kindText == null ? "" : kindText)
                        + "」；可用的类别：" + String.join("、", Arrays.stream(Kind.values()).map(Kind::label).toList())));
            }
            BigDecimal share = null;
            if (shareText != null && !shareText.isEmpty()) {
                try {
                    share = new BigDecimal(shareText);
                } catch (NumberFormatException e) {
                    share = BigDecimal.valueOf(-1);
                }
                if (share.signum() <= 0 || share.compareTo(BigDecimal.valueOf(100)) >= 0) {
                    problems.add(new Problem(row.number(), "女党员比例(%)", "女党员比例须大于0且小于100（百分数），收到「"
                            + shareText + "」"));
                }
            } else if (kind == Kind.PROVINCE) {
                problems.add(new Problem(row.number(), "女党员比例(%)",
                        "省区市须填写女党员比例：其女代表比例须高于本地区女党员比例"));
            }
            if (problems.count() > before) {
                refusedRows++;
            } else {
                rows.add(new Row(row.number(), code, name, seats, share, kind));
            }
        }

        private void header(TableFile.Row row) {
            header = new int[COLUMNS.size()];
            Arrays.fill(header, -1);
            for (int i = 0; i < row.cells().size(); i++) {
                String name = row.cells().get(i) == null ? "" : row.cells().get(i).strip();
                int column = COLUMNS.indexOf(name);
                if (column >= 0 && header[column] < 0) {
                    header[column] = i;
                } else if (!name.isEmpty()) {
                    problems.add(new Problem(row.number(), name, column >= 0 ? "列重复"
                            : "未知的列名；名额分配表的列为 " + String.join(",", COLUMNS)));
                }
            }
            for (int c = 0; c < COLUMNS.size(); c++) {
                if (header[c] < 0 && c != 3) {
                    problems.add(new Problem(row.number(), COLUMNS.get(c), "缺少必填列"));
                }
            }
        }

        /** The stripped text of a column, {@code null} when the column or the cell is missing or unreadable. */
        private String cell(TableFile.Row row, int column) {
            int index = header[column];
            if (index < 0 || index >= row.cells().size()) {
                return null;
            }
            String text = row.cells().get(index);
            if (text == null) {
                problems.add(new Problem(row.number(), COLUMNS.get(column), row.unreadable().get(index)));
                return null;
            }
            return text.strip();
        }
    }
}
