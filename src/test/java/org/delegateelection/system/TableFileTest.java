package org.delegateelection.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

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
    void aSheetWithADocumentTypeDeclarationIsRefusedWithoutReadingItsEntities() throws IOException {
        Path secret = Files.createTempFile("secret-", ".txt");
        Files.writeString(secret, "机密内容");
        String sheet = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!DOCTYPE worksheet [<!ENTITY x SYSTEM \""
                + secret.toUri() + "\">]>"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                + "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&x;</t></is></c></row></sheetData>"
                + "</worksheet>";
        byte[] file = replacingSheet(file(Format.XLSX, "a"), sheet);
        List<TableFile.Row> read = new ArrayList<>();

        assertThat(catchThrowableOfType(TableFile.UnreadableException.class,
                () -> TableFile.read(Format.XLSX, file, SMALL, read::add)).getMessage()).startsWith("无法读取 .xlsx 文件");
        assertThat(read).isEmpty();
        Files.delete(secret);
    }

    @Test
    void readsInlineStringsWithoutTheirPhoneticGuidesAndCellsWithoutReferences() throws IOException {
        String sheet = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                + "<row><c t=\"inlineStr\"><is><r><t>张</t></r><r><t>伟</t></r><rPh sb=\"0\" eb=\"1\"><t>zhang</t></rPh>"
                + "</is></c><c s=\"0\"/><c><v>2.50</v></c></row>"
                + "<row r=\"3\"><c r=\"C3\" t=\"str\"><f>A1</f><v>张伟</v></c><c r=\"D3\" t=\"b\"><v>0</v></c></row>"
                + "</sheetData></worksheet>";
        List<TableFile.Row> read = new ArrayList<>();

        TableFile.read(Format.XLSX, replacingSheet(file(Format.XLSX, "a"), sheet), SMALL, read::add);

        assertThat(read).extracting(TableFile.Row::number).containsExactly(1, 3);
        assertThat(read).extracting(TableFile.Row::cells)
                .containsExactly(List.of("张伟", "", "2.5"), List.of("", "", "张伟", "false"));
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

    /** The workbook with its first sheet's XML replaced by {@code sheet}. */
    private static byte[] replacingSheet(byte[] workbook, String sheet) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(workbook));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                zip.putNextEntry(new ZipEntry(entry.getName()));
                zip.write(entry.getName().equals("xl/worksheets/sheet1.xml") ? sheet.getBytes(StandardCharsets.UTF_8)
                        : in.readAllBytes());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
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
