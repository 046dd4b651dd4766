package org.delegateelection.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.delegateelection.system.TableFile.Format;
import org.delegateelection.system.TableFile.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Tables read row by row within the limits of their kind, in both formats. */
class TableFileTest {

    private static final Limits SMALL = new Limits(3, 4, 100);

    @ParameterizedTest
    @EnumSource(Format.class)
    void stopsAtTheFirstRowBeyondTheRowLimit(Format format) throws IOException {
        List<TableFile.Row> read = new ArrayList<>();
        byte[] file = file(format, "a,b", "1,2", "3,4", "5,6", "7,8", "9,10");

        TableFile.UnreadableException e = catchThrowableOfType(TableFile.UnreadableException.class,
                () -> TableFile.read(format, file, SMALL, read::add));

        assertThat(e.getMessage()).isEqualTo("文件超过 3 行数据（不含表头）：第 5 行超出");
        assertThat(read).extracting(TableFile.Row::number).containsExactly(1, 2, 3, 4);
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void countsTheColumnsOfARowUpToItsLastNonBlankCell(Format format) throws IOException {
        List<TableFile.Row> read = new ArrayList<>();
        TableFile.read(format, file(format, "a,b,,,,,,", "1,, ,4"), SMALL, read::add);

        assertThat(read).extracting(TableFile.Row::cells).containsExactly(List.of("a", "b"), List.of("1", "", "", "4"));
        assertThat(catchThrowableOfType(TableFile.UnreadableException.class,
                () -> TableFile.read(format, file(format, "a,b", "1,2,3,4,5"), SMALL, row -> { })))
                .hasMessage("文件超过 4 列：第 2 行第 5 列超出");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void refusesMoreNonBlankCellsThanTheLimit(Format format) throws IOException {
        byte[] file = file(format, "a,b,c", "1,,3", "4,5,6");

        assertThat(catchThrowableOfType(TableFile.UnreadableException.class,
                () -> TableFile.read(format, file, new Limits(3, 4, 7), row -> { })))
                .hasMessage("文件超过 7 个非空单元格：第 3 行超出");
    }

    @Test
    void skipsBlankRowsAndKeepsTheNumbersASpreadsheetShows() throws IOException {
        List<TableFile.Row> read = new ArrayList<>();
        TableFile.read(Format.CSV, "\uFEFFa,b\r\n\r\n,\r\n1,2\r\n".getBytes(StandardCharsets.UTF_8), SMALL, read::add);

        assertThat(read).extracting(TableFile.Row::number).containsExactly(1, 4);
    }

    @Test
    void anErrorValueAndAFormulaWithoutItsResultAreUnreadableCells() throws IOException {
        byte[] file = workbook(sheet -> {
            Row row = sheet.createRow(0);
            row.createCell(0).setCellValue(1002.0);
            row.createCell(1).setCellErrorValue(FormulaError.NA.getCode());
            row.createCell(2).setCellFormula("1+1");
            row.createCell(3).setCellValue(true);
        });
        List<TableFile.Row> read = new ArrayList<>();

        TableFile.read(Format.XLSX, file, SMALL, read::add);

        assertThat(read).singleElement().satisfies(row -> {
            assertThat(row.cells()).containsExactly("1002", null, null, "true");
            assertThat(row.unreadable()).isEqualTo(Map.of(1, "单元格是错误值，请更正",
                    2, "公式没有保存计算结果，请在 Excel 中打开并保存后再导入"));
        });
    }

    @Test
    void aWorkbookThatInflatesMoreThanAHundredTimesIsRefused() throws IOException {
        // 6 MB of shared strings (read whole, not streamed) from a few kilobytes
        byte[] bomb = workbook(sheet -> {
            Row row = sheet.createRow(0);
            for (int c = 0; c < 200; c++) {
                row.createCell(c).setCellValue("a".repeat(32_000) + c);
            }
        });

        assertThat(catchThrowableOfType(TableFile.UnreadableException.class,
                () -> TableFile.read(Format.XLSX, bomb, SMALL, row -> { })).getMessage())
                .startsWith("无法读取 .xlsx 文件");
    }

    @Test
    void aFileThatIsNoWorkbookIsRefused() {
        assertThat(catchThrowableOfType(TableFile.UnreadableException.class, () -> TableFile.read(Format.XLSX,
                "a,b".getBytes(StandardCharsets.UTF_8), SMALL, row -> { })).getMessage()).startsWith("无法读取 .xlsx 文件");
    }

    /** The lines as CSV, or as the first sheet of a workbook, each comma-separated value a text cell. */
    private static byte[] file(Format format, String... lines) throws IOException {
        if (format == Format.CSV) {
            return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        }
        return workbook(sheet -> {
            for (int r = 0; r < lines.length; r++) {
                Row row = sheet.createRow(r);
                String[] cells = lines[r].split(",", -1);
                for (int c = 0; c < cells.length; c++) {
                    row.createCell(c).setCellValue(cells[c]);
                }
            }
        });
    }

    private interface SheetWriter {
        void write(XSSFSheet sheet);
    }

    private static byte[] workbook(SheetWriter writer) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            writer.write(workbook.createSheet("表"));
            workbook.write(out);
            return out.toByteArray();
        }
    }
}
