package org.delegateelection.ballot;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.delegateelection.ballot.BallotCount.Marks;
import org.delegateelection.system.ApiError.Problem;
import org.delegateelection.system.InvalidInputException;

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

    /** The file formats read. */
    public enum Format {
        /** Comma-separated, UTF-8, optional byte order mark. */
        CSV,
        /** Office Open XML workbook; the first sheet is read. */
        XLSX
    }

    /** The most ballot rows a file may hold. */
    public static final int MAX_ROWS = 100_000;

    private static final String SPOILT_COLUMN = "无效";
    private static final int MAX_NAME = 50;

    private final Ballot ballot;
    private final boolean writeInsAllowed;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, int[]> counts = new LinkedHashMap<>();
    private int returned;
    private int invalid;

    private BallotSheet(Ballot ballot, boolean writeInsAllowed) {
        this.ballot = ballot;
        this.writeInsAllowed = writeInsAllowed;
        ballot.candidateIds().forEach(id -> counts.put(id, new int[3]));
    }

    /**
     * Reads and adds up a ballot file for the given ballot.
     *
     * @param writeInsAllowed false for a vote in which nobody may be written in (a name beside a disapproval is then
     *                        a problem of its row)
     * @return the counts, with every candidate of the ballot
     * @throws InvalidInputException with every problem, each naming its row and column; nothing is returned then
     */
    public static BallotCount read(Format format, byte[] content, Ballot ballot, boolean writeInsAllowed) {
        List<List<String>> rows = format == Format.CSV ? csvRows(content) : xlsxRows(content);
        BallotSheet sheet = new BallotSheet(ballot, writeInsAllowed);
        sheet.readRows(rows);
        if (!sheet.problems.isEmpty()) {
            throw new InvalidInputException("选票文件有误，未保存任何选票", sheet.problems);
        }
        Map<String, Marks> marks = new LinkedHashMap<>();
        sheet.counts.forEach((key, c) -> marks.put(key, new Marks(c[0], c[1], c[2])));
        return new BallotCount(ballot, sheet.returned, sheet.invalid, marks);
    }

    private void readRows(List<List<String>> rows) {
        if (rows.isEmpty()) {
            problems.add(new Problem(1, null, "文件为空，应有表头行（各候选人编号）和每张选票一行"));
            return;
        }
        if (rows.size() - 1 > MAX_ROWS) {
            problems.add(new Problem(null, null, "选票行数超过 " + MAX_ROWS + " 行"));
            return;
        }
        List<String> header = rows.get(0);
        String[] keys = header(header);
        if (!problems.isEmpty()) {
            return;
        }
        for (int i = 1; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            if (row.stream().allMatch(String::isEmpty)) {
                continue;
            }
            readBallot(i + 1, row, keys, header);
        }
        if (returned == 0 && problems.isEmpty()) {
            problems.add(new Problem(null, null, "文件中没有选票"));
        }
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
            returned++;
            invalid++;
            return;
        }
        Map<String, Mark> marks = new LinkedHashMap<>();
        List<String> writeIns = new ArrayList<>();
        int before = problems.size();
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
            marks.put(keys[c], mark.get());
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
                }
            }
        }
        if (problems.size() > before) {
            return;
        }
        returned++;
        long approvals = marks.values().stream().filter(m -> m == Mark.APPROVE).count() + writeIns.size();
        if (approvals > ballot.seats()) {
            invalid++;
            return;
        }
        marks.forEach((key, mark) -> counts.get(key)[mark.ordinal()]++);
        writeIns.forEach(name -> counts.computeIfAbsent(Ballot.writeInKey(name), k -> new int[3])[0]++);
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

    private static List<List<String>> csvRows(byte[] content) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw unreadable("CSV 文件须为 UTF-8 编码");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<List<String>> rows = new ArrayList<>();
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get()
                .parse(new StringReader(text))) {
            for (CSVRecord record : parser) {
                rows.add(record.stream().map(String::strip).toList());
            }
        } catch (IOException | UncheckedIOException e) {
            throw unreadable("CSV 文件无法读取：" + e.getMessage());
        }
        return rows;
    }

    private static List<List<String>> xlsxRows(byte[] content) {
        List<List<String>> rows = new ArrayList<>();
        DataFormatter formatter = new DataFormatter();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(content))) {
            Sheet sheet = workbook.getSheetAt(0);
            for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                List<String> cells = new ArrayList<>();
                for (int c = 0; row != null && c < row.getLastCellNum(); c++) {
                    cells.add(row.getCell(c) == null ? "" : formatter.formatCellValue(row.getCell(c)).strip());
                }
                rows.add(cells);
            }
        } catch (IOException | RuntimeException e) {
            throw unreadable("不是可读取的 .xlsx 工作簿");
        }
        return rows;
    }

    private static InvalidInputException unreadable(String reason) {
        return new InvalidInputException("选票文件有误，未保存任何选票", List.of(new Problem(null, "file", reason)));
    }
}
