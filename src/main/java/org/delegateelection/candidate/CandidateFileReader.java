package org.delegateelection.candidate;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.delegateelection.system.InvalidInputException;
import org.delegateelection.system.Problem;
import org.delegateelection.system.Problems;
import org.delegateelection.system.TableFile;

/**
 * Reads the rows of an import file into the text of each column, without judging the values. Reports what is wrong
 * with the file's shape (unknown, repeated or missing columns, unreadable cells) as problems; a file that cannot be
 * read at all, or goes beyond the limits of {@link CandidateImport} (rows, columns, cells), is rejected at once with
 * one problem. CSV and .xlsx are read row by row ({@link TableFile}), never whole.
 */
final class CandidateFileReader {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final TableFile.Limits LIMITS = new TableFile.Limits(CandidateImport.MAX_ROWS,
            CandidateImport.MAX_COLUMNS, CandidateImport.MAX_CELLS);

    private static final String KNOWN_COLUMNS = Arrays.stream(CandidateColumn.values())
            .map(CandidateColumn::chinese).collect(Collectors.joining("、"));

    /** The rows with data and the problems found while reading them, to which the checks of the values add. */
    record Content(List<FileRow> rows, Problems problems) {
    }

    /** One row with data: its number as a person counts rows in the file, and a value for every column. */
    record FileRow(int number, Map<CandidateColumn, FileValue> values) {
    }

    /**
     * A value of a row.
     *
     * @param column the column's name as written in the file (or its usual name when the file lacks the column)
     * @param text   the text, stripped, "" when blank; {@code null} when unavailable for a reason already reported
     */
    record FileValue(String column, String text) {
    }

    private CandidateFileReader() {
    }

    /** A JSON array of objects; the first element is row 1. */
    static Content json(byte[] content) {
        JsonNode root = parseJson(content);
        if (!root.isArray()) {
            throw unreadable("JSON 文件应为人选对象的数组，形如 [{\"id\": …}, …]");
        }
        if (root.size() > CandidateImport.MAX_ROWS) {
            throw tooManyRows();
        }
        Problems problems = new Problems();
        List<FileRow> rows = new ArrayList<>();
        for (int index = 0; index < root.size(); index++) {
            int number = index + 1;
            JsonNode element = root.get(index);
            if (!element.isObject()) {
                problems.add(new Problem(number, null, "应为一个人选对象 {…}"));
                continue;
            }
            Map<CandidateColumn, String> keys = new EnumMap<>(CandidateColumn.class);
            Map<CandidateColumn, FileValue> values = new EnumMap<>(CandidateColumn.class);
            for (Map.Entry<String, JsonNode> property : element.properties()) {
                String key = property.getKey();
                CandidateColumn column = column(number, key, keys, problems);
                if (column != null) {
                    keys.put(column, key);
                    values.put(column, new FileValue(key, jsonText(number, key, property.getValue(), problems)));
                }
            }
            for (CandidateColumn column : CandidateColumn.values()) {
                values.putIfAbsent(column, new FileValue(column.english(), ""));
            }
            rows.add(new FileRow(number, values));
        }
        return new Content(rows, problems);
    }

    /**
     * CSV in UTF-8 with or without a byte order mark, or the first sheet of an .xlsx workbook; the header is row 1.
     * Formula cells give their saved results.
     */
    static Content table(TableFile.Format format, byte[] content) {
        Table table = new Table();
        try {
            TableFile.read(format, content, LIMITS, table::add);
        } catch (TableFile.UnreadableException e) {
            throw unreadable(e.getMessage());
        }
        if (table.header == null) {
            throw unreadable("文件为空");
        }
        return new Content(table.rows, table.problems);
    }

    private static JsonNode parseJson(byte[] content) {
        try {
            return JSON.readTree(content);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : "第" + at.getLineNr() + "行第" + at.getColumnNr() + "列附近：";
            throw unreadable("不是有效的 JSON 文件，" + where + e.getOriginalMessage());
        } catch (IOException e) {
            throw unreadable("不是有效的 JSON 文件：" + e.getMessage());
        }
    }

    private static String jsonText(int row, String key, JsonNode node, Problems problems) {
        if (node.isNull()) {
            return "";
        }
        if (node.isValueNode()) {
            return node.asText().strip();
        }
        problems.add(new Problem(row, key, "应为文本、数字或布尔值"));
        return null;
    }

    /**
     * The column a header cell or JSON key names, or {@code null} after reporting an unknown, repeated or status
     * column.
     */
    private static CandidateColumn column(int row, String name, Map<CandidateColumn, String> seen,
            Problems problems) {
        if (CandidateColumn.isStatus(name)) {
            problems.add(new Problem(row, name, "状态不能导入，由选举程序确定"));
            return null;
        }
        CandidateColumn column = CandidateColumn.named(name);
        if (column == null) {
            problems.add(new Problem(row, name, "未知的列名，请核对拼写；可用的列名：" + KNOWN_COLUMNS
                    + "（或 Candidate 的英文字段名）"));
            return null;
        }
        if (seen.containsKey(column)) {
            problems.add(new Problem(row, name, "与“" + seen.get(column) + "”是同一列，重复"));
            return null;
        }
        return column;
    }

    private static InvalidInputException tooManyRows() {
        return unreadable("文件超过 " + CandidateImport.MAX_ROWS + " 行人选，请分批导入");
    }

    private static InvalidInputException unreadable(String reason) {
        return new InvalidInputException("无法读取导入文件", List.of(new Problem(null, null, reason)));
    }

    /** The rows of a CSV file or sheet as they are read: the header (row 1), then the people. */
    private static final class Table {

        private final Problems problems = new Problems();
        private final List<FileRow> rows = new ArrayList<>();
        private Header header;

        /** A non-blank row; the first is the header when it is row 1, else the file has an empty header. */
        void add(TableFile.Row row) {
            if (header == null) {
                header = new Header(row.number() == 1 ? texts(row, List.of()) : List.of(), problems);
                if (row.number() == 1) {
                    return;
                }
            }
            rows.add(header.row(row.number(), texts(row, header.names), problems));
        }

        /** The texts of the row's cells, after reporting each unreadable one under its column's name. */
        private List<String> texts(TableFile.Row row, List<String> columnNames) {
            row.unreadable().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(cell -> {
                int index = cell.getKey();
                String column = index < columnNames.size() && !columnNames.get(index).isEmpty()
                        ? columnNames.get(index) : null;
                problems.add(new Problem(row.number(), column, cell.getValue()));
            });
            return row.cells();
        }
    }

    /** The header row of a CSV file or sheet: which column each position holds. */
    private static final class Header {

        private final List<String> names = new ArrayList<>();
        private final List<CandidateColumn> columns = new ArrayList<>();

        Header(List<String> cells, Problems problems) {
            Map<CandidateColumn, String> seen = new EnumMap<>(CandidateColumn.class);
            for (String cell : cells) {
                String name = cell == null ? "" : cell.strip();
                CandidateColumn column = name.isEmpty() ? null : column(1, name, seen, problems);
                if (column != null) {
                    seen.put(column, name);
                }
                names.add(name);
                columns.add(column);
            }
            for (CandidateColumn column : CandidateColumn.values()) {
                if (column.required() && !seen.containsKey(column)) {
                    problems.add(new Problem(1, column.chinese(), "缺少必填列"));
                }
            }
        }

        /**
         * The row with the given texts ({@code null} for a cell already reported). A value under a column without a
         * name is a problem; values under unknown columns were reported with the header.
         */
        FileRow row(int number, List<String> texts, Problems problems) {
            Map<CandidateColumn, FileValue> values = new EnumMap<>(CandidateColumn.class);
            for (int index = 0; index < texts.size(); index++) {
                String text = texts.get(index) == null ? null : texts.get(index).strip();
                CandidateColumn column = index < columns.size() ? columns.get(index) : null;
                if (column != null) {
                    values.put(column, new FileValue(names.get(index), text));
                } else if ((index >= names.size() || names.get(index).isEmpty()) && text != null
                        && !text.isEmpty()) {
                    problems.add(new Problem(number, null, "第" + (index + 1) + "列有数据但没有列名"));
                }
            }
            for (CandidateColumn column : CandidateColumn.values()) {
                // A missing required column was reported with the header; a missing optional one reads as blank.
                String text = column.required() && !columns.contains(column) ? null : "";
                values.putIfAbsent(column, new FileValue(column.chinese(), text));
            }
            return new FileRow(number, values);
        }
    }
}
