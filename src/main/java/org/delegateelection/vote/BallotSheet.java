package org.delegateelection.vote;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.delegateelection.system.InvalidInputException;
import org.delegateelection.system.Problem;
import org.delegateelection.system.Problems;
import org.delegateelection.system.TableFile;
import org.delegateelection.vote.BallotCount.Marks;

/**
 * Reads the ballots of one round as the counters read them, one row per ballot, and adds them up into a
 * {@link BallotCount}; the rows themselves are not kept. The file (CSV in UTF-8, or the first sheet of an .xlsx
 * workbook) has a header row and then one row per ballot returned:
 * <ul>
 * <li>one column per candidate of the ballot, headed by the candidate's id, optionally followed by a space and the
 * name ("HB-0001 丁一"); columns may come in any order; a person written in and put on a later round's ballot is
 * headed "另选:姓名";</li>
 * <li>in a candidate's cell: 赞成 (or ○), 反对 (or ×), 弃权; beside a disapproval a person may be written in,
 * "反对:王五" (full-width colon too), in a vote that allows it — never beside an approval or an abstention
 * (《中国共产党基层组织选举工作条例》 art. 25);</li>
 * <li>an optional column 无效: 是 when the counters found marks beyond the prescribed ones (a spoilt ballot); its other
 * cells are then not read.</li>
 * </ul>
 * A ballot approving more people, candidates and write-ins together, than the seats of the round is invalid
 * (earlier text of 《中国共产党地方组织选举工作条例》, art. 20) and counted among the invalid ballots; its marks are
 * not counted. Empty rows are skipped. A file with any problem is rejected whole, every problem naming the row (the
 * header is row 1) and the column.
 */
public final class BallotSheet {

    /**
     * The most ballot rows a file may hold: the largest congress that elects delegates to the national congress has
     * a few thousand electors (the benchmark's 3,000), and one file holds the ballots of one round.
     */
    public static final int MAX_ROWS = 10_000;

    /** Columns a file may have beyond one per candidate of the ballot: 无效 and a few left blank. */
    public static final int EXTRA_COLUMNS = 4;

    private static final String MESSAGE = "选票文件有误，未保存任何选票";
    private static final String SPOILT_COLUMN = "无效";
    private static final String WRITE_IN_SEPARATOR = ":";
    private static final int MAX_NAME = 50;

    private final Ballot ballot;
    private final boolean writeInsAllowed;
    private final Problems problems = new Problems();
    private final Map<String, int[]> counts = new LinkedHashMap<>();
    private final List<Reading> kept;
    private List<String> header;
    private String[] keys;
    private int returned;
    private int invalid;

    private BallotSheet(Ballot ballot, boolean writeInsAllowed, boolean keep) {
        this.ballot = ballot;
        this.writeInsAllowed = writeInsAllowed;
        this.kept = keep ? new ArrayList<>() : null;
        ballot.candidateIds().forEach(id -> counts.put(id, new int[3]));
    }

    /**
     * One ballot as read: spoilt (无效 是), or per candidate of the ballot, in ballot order whatever the file's order
     * of columns, its mark written alike however the file wrote it: 赞成, 反对, 弃权, or "反对:王五" with the name
     * written in beside a disapproval.
     *
     * @param spoilt true for a ballot the counters marked spoilt; its cells are then empty
     * @param cells  the marks, one per candidate of the ballot in ballot order
     */
    public record Reading(boolean spoilt, List<String> cells) {

        /** A spoilt ballot. */
        public static final Reading SPOILT = new Reading(true, List.of());

        /** Copies the cells. */
        public Reading {
            cells = List.copyOf(cells);
        }

        /** The mark of one candidate as a person reads it: the cell, or 无效 for every candidate of a spoilt ballot. */
        public String cell(int candidate) {
            return spoilt ? SPOILT_COLUMN : cells.get(candidate);
        }
    }

    /**
     * Reads and adds up a ballot file for the given ballot, row by row ({@link TableFile}), within
     * {@link #MAX_ROWS} ballots and {@link #EXTRA_COLUMNS} columns beyond the candidates.
     *
     * @param writeInsAllowed false for a vote in which nobody may be written in (a name beside a disapproval is then
     *                        a problem of its row)
     * @return the counts, with every candidate of the ballot
     * @throws InvalidInputException with the problems, each naming its row and column (the first
     *                               {@link org.delegateelection.system.Problems#LISTED} and their count), or with one
     *                               problem for a file that cannot be read or goes beyond the limits; nothing is
     *                               returned then
     */
    public static BallotCount read(TableFile.Format format, byte[] content, Ballot ballot, boolean writeInsAllowed) {
        return read(format, content, new BallotSheet(ballot, writeInsAllowed, false));
    }

    /**
     * Reads a ballot file as {@link #read} does, and keeps its ballots as read, in the order of the file's rows, for
     * a box whose two entries are compared ballot by ballot ({@link BallotBoxes}).
     *
     * @return the ballots, each valid or invalid as {@link #count} counts it, at least one
     * @throws InvalidInputException as {@link #read}; nothing is returned then
     */
    public static List<Reading> readings(TableFile.Format format, byte[] content, Ballot ballot,
            boolean writeInsAllowed) {
        BallotSheet sheet = new BallotSheet(ballot, writeInsAllowed, true);
        read(format, content, sheet);
        return List.copyOf(sheet.kept);
    }

    /**
     * Adds up ballots read by {@link #readings} for the same ballot, as {@link #read} adds up a file's: the counts of
     * a box once its entries agree or are settled.
     */
    public static BallotCount count(Ballot ballot, List<Reading> readings) {
        BallotSheet sheet = new BallotSheet(ballot, true, false);
        readings.forEach(sheet::add);
        return sheet.count();
    }

    private static BallotCount read(TableFile.Format format, byte[] content, BallotSheet sheet) {
        Ballot ballot = sheet.ballot;
        int columns = ballot.candidateIds().size() + EXTRA_COLUMNS;
        try {
            TableFile.read(format, content, new TableFile.Limits(MAX_ROWS, columns, (long) (MAX_ROWS + 1) * columns),
                    sheet::readRow);
        } catch (TableFile.UnreadableException e) {
            throw unreadable(e.getMessage());
        }
        if (sheet.keys == null) {
            sheet.problems.add(new Problem(1, null, "文件为空，应有表头行（各候选人编号）和每张选票一行"));
        } else if (sheet.returned == 0 && sheet.problems.isEmpty()) {
            sheet.problems.add(new Problem(null, null, "文件中没有选票"));
        }
        if (!sheet.problems.isEmpty()) {
            throw new InvalidInputException(MESSAGE, sheet.problems);
        }
        return sheet.count();
    }

    private BallotCount count() {
        Map<String, Marks> marks = new LinkedHashMap<>();
        counts.forEach((key, c) -> marks.put(key, new Marks(c[0], c[1], c[2])));
        return new BallotCount(ballot, returned, invalid, marks);
    }

    /**
     * A non-blank row: the header when it is row 1 (else the file lacks one), then a ballot. A header with problems
     * ends the reading: no ballot can be read under it.
     */
    private void readRow(TableFile.Row row) {
        List<String> cells = row.cells().stream().map(text -> text == null ? "" : text.strip()).toList();
        if (keys == null) {
            header = row.number() == 1 ? cells : List.of();
            row.unreadable().forEach((column, reason) -> problems.add(new Problem(1, null, reason)));
            keys = header(header);
            if (!problems.isEmpty()) {
                throw new InvalidInputException(MESSAGE, problems);
            }
            if (row.number() == 1) {
                return;
            }
        }
        if (!row.unreadable().isEmpty()) {
            new TreeMap<>(row.unreadable()).forEach((column, reason) -> problems.add(
                    new Problem(row.number(), column < header.size() ? header.get(column) : null, reason)));
            return;
        }
        readBallot(row.number(), cells, keys, header);
    }

    /** The key of each column: a candidate key, {@link #SPOILT_COLUMN}, or {@code null} for an empty column. */
    private String[] header(List<String> header) {
        String[] keys = new String[header.size()];
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < header.size(); c++) {
            String text = header.get(c);
            if (text.isEmpty()) {
                continue;
            }
            String key = text.equals(SPOILT_COLUMN) ? SPOILT_COLUMN : text.split("\\s+")[0];
            if (!seen.add(key)) {
                problems.add(new Problem(1, text, "列重复"));
            } else if (!key.equals(SPOILT_COLUMN) && !counts.containsKey(key)) {
                problems.add(new Problem(1, text, "不是本轮选票上的候选人：" + key));
            }
            keys[c] = key;
        }
        for (String id : ballot.candidateIds()) {
            if (!seen.contains(id)) {
                problems.add(new Problem(1, id, "缺少本轮选票上候选人 " + id + " 的列"));
            }
        }
        return keys;
    }

    private void readBallot(int rowNumber, List<String> row, String[] keys, List<String> header) {
        for (int c = keys.length; c < row.size(); c++) {
            if (!row.get(c).isEmpty()) {
                problems.add(new Problem(rowNumber, null, "第 " + (c + 1) + " 列没有表头，不能填写"));
            }
        }
        String spoilt = cell(row, indexOf(keys, SPOILT_COLUMN));
        if (!spoilt.isEmpty() && !spoilt.equals("是") && !spoilt.equals("否")) {
            problems.add(new Problem(rowNumber, SPOILT_COLUMN, "须填“是”或留空，现为“" + spoilt + "”"));
            return;
        }
        if (spoilt.equals("是")) {
            add(Reading.SPOILT);
            return;
        }
        Map<String, String> cells = new HashMap<>();
        List<String> writeIns = new ArrayList<>();
        int before = problems.count();
        for (int c = 0; c < keys.length; c++) {
            if (keys[c] == null || keys[c].equals(SPOILT_COLUMN)) {
                continue;
            }
            String text = cell(row, c);
            int colon = Math.max(text.indexOf(':'), text.indexOf('：'));
            String markText = colon < 0 ? text : text.substring(0, colon).strip();
            Optional<Mark> mark = Mark.of(markText);
            if (mark.isEmpty()) {
                problems.add(new Problem(rowNumber, header.get(c), text.isEmpty() ? "未填写；须为 赞成、反对 或 弃权"
                        : "“" + text + "”不是 赞成（○）、反对（×）或 弃权"));
                continue;
            }
            cells.put(keys[c], mark.get().text());
            if (colon >= 0) {
                String name = text.substring(colon + 1).strip();
                if (!writeInsAllowed) {
                    problems.add(new Problem(rowNumber, header.get(c), "本次表决不能另选他人"));
                } else if (mark.get() != Mark.DISAPPROVE) {
                    problems.add(new Problem(rowNumber, header.get(c), "只有投反对票时才能另选他人"));
                } else if (name.isEmpty() || name.length() > MAX_NAME) {
                    problems.add(new Problem(rowNumber, header.get(c), "另选他人须写明姓名（1 至 50 字）"));
                } else if (ballot.candidateIds().contains(Ballot.writeInKey(name)) || writeIns.contains(name)) {
                    problems.add(new Problem(rowNumber, header.get(c), "另选的 " + name + " 已在本张选票上"));
                } else {
                    writeIns.add(name);
                    cells.put(keys[c], mark.get().text() + WRITE_IN_SEPARATOR + name);
                }
            }
        }
        if (problems.count() > before) {
            return;
        }
        add(new Reading(false, ballot.candidateIds().stream().map(cells::get).toList()));
    }

    /**
     * Counts one ballot: returned; invalid when spoilt or approving more people, candidates and write-ins together,
     * than the seats; otherwise each mark and each person written in.
     */
    private void add(Reading reading) {
        if (kept != null) {
            kept.add(reading);
        }
        returned++;
        if (reading.spoilt()) {
            invalid++;
            return;
        }
        List<String> cells = reading.cells();
        long approvals = cells.stream().filter(cell -> cell.equals(Mark.APPROVE.text())
                || cell.contains(WRITE_IN_SEPARATOR)).count();
        if (approvals > ballot.seats()) {
            invalid++;
            return;
        }
        for (int c = 0; c < cells.size(); c++) {
            int colon = cells.get(c).indexOf(WRITE_IN_SEPARATOR);
            Mark mark = Mark.of(colon < 0 ? cells.get(c) : cells.get(c).substring(0, colon)).orElseThrow();
            counts.get(ballot.candidateIds().get(c))[mark.ordinal()]++;
            if (colon >= 0) {
                counts.computeIfAbsent(Ballot.writeInKey(cells.get(c).substring(colon + 1)), k -> new int[3])[0]++;
            }
        }
    }

    private static int indexOf(String[] keys, String key) {
        for (int c = 0; c < keys.length; c++) {
            if (key.equals(keys[c])) {
                return c;
            }
        }
        return -1;
    }

    private static String cell(List<String> row, int column) {
        return column < 0 || column >= row.size() ? "" : row.get(column);
    }

    private static InvalidInputException unreadable(String reason) {
        return new InvalidInputException(MESSAGE, List.of(new Problem(null, "file", reason)));
    }
}
