package org.delegateelection.candidate;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.delegateelection.system.ApiError.Problem;
import org.delegateelection.system.InvalidInputException;

/**
 * Reads the rows of an import file into the text of each column, without judging the values. Reports what is wrong
 * with the file's shape (unknown, repeated or missing columns, unreadable cells) as problems; a file that cannot be
 * read at all, or has more than {@link CandidateImport#MAX_ROWS} rows, is rejected at once with one problem.
 */
final class CandidateFileReader {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final String KNOWN_COLUMNS = Arrays.stream(CandidateColumn.values())
            .map(CandidateColumn::chinese).collect(Collectors.joining("、"));

    /** The rows with data and the problems found while reading them. */
    record Content(List<FileRow> rows, List<Problem> problems) {
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
        List<Problem> problems = new ArrayList<>();
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

    /** CSV in UTF-8 with or without a byte order mark; the header is row 1. */
    static Content csv(byte[] content) {
        String text = utf8(content);
        List<Problem> problems = new ArrayList<>();
        List<FileRow> rows = new ArrayList<>();
        // Empty lines are kept as records so that record numbers are the row numbers a spreadsheet shows.
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get();
        try (CSVParser parser = CSVParser.parse(text, format)) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw unreadable("文件为空");
            }
            Header header = new Header(records.next().toList(), problems);
            while (records.hasNext()) {
                CSVRecord csvRecord = records.next();
                add(rows, header.row((int) csvRecord.getRecordNumber(), csvRecord.toList(), problems));
            }
        } catch (IOException | UncheckedIOException e) {
            throw unreadable("不是有效的 CSV 文件：" + e.getMessage());
        }
        return new Content(rows, problems);
    }

    /** The first sheet of an .xlsx workbook; the header is row 1. Formula cells give their cached results. */
    static Content xlsx(byte[] content) {
        try (XSSFWorkbook workbook = openWorkbook(content)) {
            if (workbook.getNumberOfSheets() == 0) {
                throw unreadable(".xlsx 文件中没有工作表");
            }
            return sheet(workbook.getSheetAt(0));
        } catch (IOException e) {
            throw unreadable("无法读取 .xlsx 文件：" + e.getMessage());
        }
    }

    private static Content sheet(Sheet sheet) {
        List<Problem> problems = new ArrayList<>();
        List<FileRow> rows = new ArrayList<>();
        Row first = sheet.getRow(0);
        Header header = new Header(first == null ? List.of() : cellTexts(first, List.of(), problems), problems);
        for (int index = 1; index <= sheet.getLastRowNum(); index++) {
            Row row = sheet.getRow(index);
            if (row != null) {
                add(rows, header.row(index + 1, cellTexts(row, header.names, problems), problems));
            }
        }
        return new Content(rows, problems);
    }

    private static List<String> cellTexts(Row row, List<String> columnNames, List<Problem> problems) {
        List<String> texts = new ArrayList<>();
        for (int index = 0; index < row.getLastCellNum(); index++) {
            String column = index < columnNames.size() && !columnNames.get(index).isEmpty()
                    ? columnNames.get(index) : null;
            texts.add(cellText(row.getCell(index), row.getRowNum() + 1, column, problems));
        }
        return texts;
    }

    /**
     * The text of a cell: dates as yyyy-MM-dd, numbers without a trailing ".0", booleans as true/false. A formula
     * gives the result Excel saved with it; a formula without a saved result, or an error value, is a problem.
     */
    private static String cellText(Cell cell, int rowNumber, String column, List<Problem> problems) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType();
        if (type == CellType.FORMULA) {
            if (!((XSSFCell) cell).getCTCell().isSetV()) {
                problems.add(new Problem(rowNumber, column, "公式没有保存计算结果，请在 Excel 中打开并保存后再导入"));
                return null;
            }
            type = cell.getCachedFormulaResultType();
        }
        return switch (type) {
            case STRING -> cell.getStringCellValue();
            case BOOLEAN -> String.valueOf(cell.getBooleanCellValue());
            case NUMERIC -> DateUtil.isCellDateFormatted(cell)
                    ? cell.getLocalDateTimeCellValue().toLocalDate().toString()
                    : BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros().toPlainString();
            case ERROR -> {
                problems.add(new Problem(rowNumber, column, "单元格是错误值，请更正"));
                yield null;
            }
            default -> "";
        };
    }

    private static XSSFWorkbook openWorkbook(byte[] content) {
        try {
            return new XSSFWorkbook(new ByteArrayInputStream(content));
        } catch (IOException | RuntimeException e) {
            // POI reports a file that is no .xlsx with several runtime exceptions (not a zip, an old .xls, ...).
            throw unreadable("无法读取 .xlsx 文件，请上传 Excel 2007 及以上版本保存的 .xlsx 文件");
        }
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

    private static String jsonText(int row, String key, JsonNode node, List<Problem> problems) {
        if (node.isNull()) {
            return "";
        }
        if (node.isValueNode()) {
            return node.asText().strip();
        }
        problems.add(new Problem(row, key, "应为文本、数字或布尔值"));
        return null;
    }

    private static String utf8(byte[] content) {
        int start = content.length >= 3 && content[0] == (byte) 0xEF && content[1] == (byte) 0xBB
                && content[2] == (byte) 0xBF ? 3 : 0;
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .decode(ByteBuffer.wrap(content, start, content.length - start)).toString();
        } catch (CharacterCodingException e) {
            throw unreadable("CSV 文件不是 UTF-8 编码，请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后再导入");
        }
    }

    /**
     * The column a header cell or JSON key names, or {@code null} after reporting an unknown, repeated or status
     * column.
     */
    private static CandidateColumn column(int row, String name, Map<CandidateColumn, String> seen,
            List<Problem> problems) {
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

    private static void add(List<FileRow> rows, FileRow row) {
        if (row == null) {
            return;
        }
        rows.add(row);
        if (rows.size() > CandidateImport.MAX_ROWS) {
            throw tooManyRows();
        }
    }

    private static InvalidInputException tooManyRows() {
        return unreadable("文件超过 " + CandidateImport.MAX_ROWS + " 行人选，请分批导入");
    }

    private static InvalidInputException unreadable(String reason) {
        return new InvalidInputException("无法读取导入文件", List.of(new Problem(null, null, reason)));
    }

    /** The header row of a CSV file or sheet: which column each position holds. */
    private static final class Header {

        private final List<String> names = new ArrayList<>();
        private final List<CandidateColumn> columns = new ArrayList<>();

        Header(List<String> cells, List<Problem> problems) {
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
         * The row with the given texts ({@code null} for a cell already reported), or {@code null} when all of it
         * is blank. A value under a column without a name is a problem; values under unknown columns were
         * reported with the header.
         */
        FileRow row(int number, List<String> texts, List<Problem> problems) {
            if (texts.stream().allMatch(text -> text != null && text.isBlank())) {
                return null;
            }
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
