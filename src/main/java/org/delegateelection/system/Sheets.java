package org.delegateelection.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * An .xlsx workbook of plain tables, one per sheet: an optional title row, a bold header row, then the rows. Text is
 * written as string cells, never as formulas, so a name such as "=HYPERLINK(…)" stays text when the file is opened;
 * numbers ({@link Number}) as numeric cells. Not thread-safe; one instance makes one workbook.
 */
public final class Sheets {

    private final XSSFWorkbook workbook = new XSSFWorkbook();
    private final CellStyle bold;

    /** An empty workbook. */
    public Sheets() {
        Font font = workbook.createFont();
        font.setBold(true);
        bold = workbook.createCellStyle();
        bold.setFont(font);
    }

    /**
     * Adds a sheet: {@code title} (may be {@code null}) in its first row, then {@code header} in bold, then one row
     * per entry of {@code rows}, each value a {@link String}, a {@link Number} or {@code null} (an empty cell). The
     * sheet's name is made safe for Excel (at most 31 characters, none of {@code []:*?/\}).
     */
    public Sheets sheet(String name, String title, List<String> header, List<List<?>> rows) {
        Sheet sheet = workbook.createSheet(WorkbookUtil.createSafeSheetName(name));
        int next = 0;
        if (title != null) {
            Cell cell = sheet.createRow(next++).createCell(0);
            cell.setCellValue(title);
            cell.setCellStyle(bold);
        }
        int[] widths = new int[header.size()];
        Row head = sheet.createRow(next++);
        for (int i = 0; i < header.size(); i++) {
            Cell cell = head.createCell(i);
            cell.setCellValue(header.get(i));
            cell.setCellStyle(bold);
            widths[i] = 2 * header.get(i).length();
        }
        for (List<?> values : rows) {
            Row row = sheet.createRow(next++);
            for (int i = 0; i < values.size(); i++) {
                Object value = values.get(i);
                if (value instanceof Number number) {
                    row.createCell(i).setCellValue(number.doubleValue());
                } else if (value != null) {
                    row.createCell(i).setCellValue(value.toString());
                }
                if (value != null && i < widths.length) {
                    widths[i] = Math.max(widths[i], 2 * value.toString().length());
                }
            }
        }
        for (int i = 0; i < header.size(); i++) {
            sheet.setColumnWidth(i, 256 * Math.max(8, Math.min(60, widths[i] + 2)));
        }
        return this;
    }

    /** The workbook as .xlsx bytes. */
    public byte[] toBytes() {
        try (workbook) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
