package org.delegateelection.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import javax.xml.parsers.ParserConfigurationException;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellAddress;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.model.Styles;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads an uploaded table row by row, never holding more than the row being read: CSV in UTF-8 (with or without a
 * byte order mark), or the first sheet of an .xlsx workbook, read as a stream of XML events with Apache POI's
 * {@link XSSFReader} and {@link XSSFSheetXMLHandler} rather than as a workbook model. The limits of the kind of file
 * ({@link Limits}) are enforced while reading: the first row beyond them stops the reading, and the file is refused
 * with one reason, however much follows. For .xlsx, POI's zip-bomb guards apply to every part read
 * ({@link #MIN_INFLATE_RATIO}, {@link #MAX_ENTRY_BYTES}). Blank rows (every cell blank) are skipped.
 *
 * <p>The text of an .xlsx cell: a number as a plain decimal without trailing zeros, a date cell as yyyy-MM-dd,
 * {@code true}/{@code false}, text as written; a formula gives the result Excel saved with it. A formula without a
 * saved result and an error value (#N/A, …) are unreadable cells, reported with the row.
 */
public final class TableFile {

    /**
     * Parts of an .xlsx that expand more than 100 times (POI's default, set here so that it is a rule of this
     * application) are taken for a zip bomb: spreadsheets compress 5 to 30 times.
     */
    public static final double MIN_INFLATE_RATIO = 0.01;

    /**
     * The most bytes one part of an .xlsx may expand to: 100 MiB, twice a sheet of 10,000 ballots of 100 candidates
     * written with inline strings (about 55 bytes a cell). The sheet is streamed, but the shared strings and the
     * styles are read whole, so this bounds the memory a workbook costs.
     */
    public static final long MAX_ENTRY_BYTES = 100L * 1024 * 1024;

    static {
        ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
        ZipSecureFile.setMaxEntrySize(MAX_ENTRY_BYTES);
    }

    private static final String FORMULA_WITHOUT_RESULT = "公式没有保存计算结果，请在 Excel 中打开并保存后再导入";
    private static final String ERROR_VALUE = "单元格是错误值，请更正";

    /** The file formats read. */
    public enum Format {
        /** Comma-separated, UTF-8, optional byte order mark. */
        CSV,
        /** Office Open XML workbook; the first sheet is read. */
        XLSX
    }

    /**
     * The most a kind of file may hold.
     *
     * @param rows    data rows after the header: a non-blank row numbered beyond {@code rows + 1} is refused
     * @param columns columns of a row, counted up to its last non-blank cell
     * @param cells   non-blank cells of the whole file, the header's included
     */
    public record Limits(int rows, int columns, long cells) {
    }

    /**
     * One non-blank row.
     *
     * @param number     as a spreadsheet numbers it, the header being row 1; in CSV the record's number
     * @param cells      the text of each cell as written, up to the last non-blank one ("" for a blank cell);
     *                   {@code null} for an unreadable cell
     * @param unreadable the unreadable cells: 0-based column → why, in Chinese
     */
    public record Row(int number, List<String> cells, Map<Integer, String> unreadable) {
    }

    /** A file that cannot be read, or that goes beyond its limits. The message says why, in Chinese. */
    public static final class UnreadableException extends RuntimeException {

        UnreadableException(String reason) {
            super(reason);
        }
    }

    private TableFile() {
    }

    /**
     * Reads the file and hands each non-blank row, in order, to {@code rows}; an exception thrown there stops the
     * reading and comes out of here as it is.
     *
     * @throws UnreadableException when the file cannot be read, or at the first row beyond {@code limits}
     */
    public static void read(Format format, byte[] content, Limits limits, Consumer<Row> rows) {
        Counter counter = new Counter(limits, rows);
        try {
            if (format == Format.CSV) {
                csv(content, counter);
            } else {
                xlsx(content, counter);
            }
        } catch (HandedOn e) {
            throw e.failure;
        }
    }

    private static void csv(byte[] content, Counter counter) {
        int start = content.length >= 3 && content[0] == (byte) 0xEF && content[1] == (byte) 0xBB
                && content[2] == (byte) 0xBF ? 3 : 0;
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(content, start, content.length - start))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new UnreadableException("CSV 文件不是 UTF-8 编码，请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后再导入");
        }
        // Empty lines are kept as records so that record numbers are the row numbers a spreadsheet shows.
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get();
        try (CSVParser parser = format.parse(new StringReader(text))) {
            for (CSVRecord csvRecord : parser) {
                counter.startRow((int) csvRecord.getRecordNumber());
                for (int column = 0; column < csvRecord.size(); column++) {
                    counter.cell(column, csvRecord.get(column), null);
                }
                counter.endRow();
            }
        } catch (IOException | UncheckedIOException e) {
            throw new UnreadableException("不是有效的 CSV 文件：" + e.getMessage());
        }
    }

    private static void xlsx(byte[] content, Counter counter) {
        Path file = null;
        OPCPackage workbook = null;
        try {
            // a package opened from a file reads each part when asked; one opened from a stream inflates them all
            file = Files.createTempFile(spool(), "upload-", ".xlsx");
            Files.write(file, content);
            workbook = OPCPackage.open(file.toFile(), PackageAccess.READ);
            XSSFReader reader = new XSSFReader(workbook);
            Iterator<InputStream> sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw new UnreadableException(".xlsx 文件中没有工作表");
            }
            try (InputStream sheet = sheets.next()) {
                XMLReader parser = XMLHelper.newXMLReader();
                parser.setContentHandler(new CellEvents(reader.getStylesTable(),
                        new ReadOnlySharedStringsTable(workbook), counter));
                parser.parse(new InputSource(sheet));
            }
        } catch (UnreadableException | HandedOn e) {
            throw e;
        } catch (IOException | OpenXML4JException | SAXException | ParserConfigurationException
                | RuntimeException e) {
            // POI reports a file that is no .xlsx, or a zip bomb, with several exceptions (not a zip, an old .xls, …)
            throw new UnreadableException("无法读取 .xlsx 文件：请上传 Excel 2007 及以上版本保存的 .xlsx 文件"
                    + "（文件未损坏，解压后每一部分不超过 " + MAX_ENTRY_BYTES / 1024 / 1024 + " MB）");
        } finally {
            if (workbook != null) {
                workbook.revert();
            }
            deleteQuietly(file);
        }
    }

    /**
     * The directory an .xlsx is written to while it is read: the application's own under the system's temporary
     * directory, readable by its owner only where the file system knows POSIX permissions. Each file is deleted when
     * read; what a node killed while reading left behind goes with {@link #clearSpool()} at the next start.
     */
    static Path spool() throws IOException {
        Path spool = Path.of(System.getProperty("java.io.tmpdir"), "delegate-election-uploads");
        if (!Files.isDirectory(spool)) {
            try {
                Files.createDirectories(spool, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException e) {
                Files.createDirectories(spool);
            }
        }
        return spool;
    }

    /**
     * Deletes what is left in the spool (see {@link #spool()}).
     *
     * @throws UncheckedIOException when the spool cannot be listed
     */
    public static void clearSpool() {
        try (var files = Files.list(spool())) {
            files.forEach(TableFile::deleteQuietly);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // left to the cleaning of the temporary directory
        }
    }

    /** What the consumer of the rows threw, carried out of the parsers unchanged. */
    private static final class HandedOn extends RuntimeException {

        private final RuntimeException failure;

        HandedOn(RuntimeException failure) {
            super(failure);
            this.failure = failure;
        }
    }

    /** The rows as they are read: checks the limits at each non-blank cell and hands on each non-blank row. */
    private static final class Counter {

        private final Limits limits;
        private final Consumer<Row> rows;
        private final List<String> texts = new ArrayList<>();
        private final Map<Integer, String> unreadable = new HashMap<>();
        private long cells;
        private int number;
        private int column;
        private int lastNonBlank;

        Counter(Limits limits, Consumer<Row> rows) {
            this.limits = limits;
            this.rows = rows;
        }

        /** A row starts, numbered as a person counts rows (from 1). */
        void startRow(int rowNumber) {
            number = rowNumber;
            column = -1;
            texts.clear();
            unreadable.clear();
            lastNonBlank = -1;
        }

        /** A cell of the row at a 0-based column: its text, or {@code null} and why it cannot be read. */
        void cell(int at, String text, String unreadableReason) {
            column = at;
            if (unreadableReason == null && (text == null || text.isBlank())) {
                return;
            }
            if (number > limits.rows() + 1) {
                throw new UnreadableException("文件超过 " + limits.rows() + " 行数据（不含表头）：第 " + number + " 行超出");
            }
            if (at >= limits.columns()) {
                throw new UnreadableException("文件超过 " + limits.columns() + " 列：第 " + number + " 行第 " + (at + 1)
                        + " 列超出");
            }
            if (++cells > limits.cells()) {
                throw new UnreadableException("文件超过 " + limits.cells() + " 个非空单元格：第 " + number + " 行超出");
            }
            while (texts.size() <= at) {
                texts.add("");
            }
            texts.set(at, unreadableReason == null ? text : null);
            if (unreadableReason != null) {
                unreadable.put(at, unreadableReason);
            }
            lastNonBlank = Math.max(lastNonBlank, at);
        }

        /** The row ends: handed on unless blank. */
        void endRow() {
            if (lastNonBlank < 0) {
                return;
            }
            Row row = new Row(number, Collections.unmodifiableList(new ArrayList<>(texts.subList(0, lastNonBlank + 1))),
                    Map.copyOf(unreadable));
            try {
                rows.accept(row);
            } catch (RuntimeException e) {
                throw new HandedOn(e);
            }
        }

        /** The column after the last cell, for a cell written without its reference. */
        int nextColumn() {
            return column + 1;
        }
    }

    /**
     * The sheet's XML events, passed to POI's sheet handler, whose cells come back here: sees each cell's type,
     * formula and value, which the handler's callback does not tell, to report formulas without a saved result and
     * error values, and to give booleans as {@code true}/{@code false}.
     */
    private static final class CellEvents extends DefaultHandler implements XSSFSheetXMLHandler.SheetContentsHandler {

        private final XSSFSheetXMLHandler sheet;
        private final Counter counter;
        private String reference;
        private String type;
        private boolean formula;
        private boolean valued;

        CellEvents(Styles styles, SharedStrings strings, Counter counter) {
            this.sheet = new XSSFSheetXMLHandler(styles, strings, this, new CellText(), false);
            this.counter = counter;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes)
                throws SAXException {
            switch (localName) {
                case "c" -> {
                    reference = attributes.getValue("r");
                    type = attributes.getValue("t");
                    formula = false;
                    valued = false;
                }
                case "f" -> formula = true;
                case "v", "is" -> valued = true;
                default -> {
                    // rows and the rest: POI's handler sees them
                }
            }
            sheet.startElement(uri, localName, qName, attributes);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            sheet.endElement(uri, localName, qName);
            if ("c".equals(localName) && formula && !valued) {
                counter.cell(column(), null, FORMULA_WITHOUT_RESULT);
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            sheet.characters(ch, start, length);
        }

        @Override
        public void startRow(int rowNum) {
            counter.startRow(rowNum + 1);
        }

        @Override
        public void endRow(int rowNum) {
            counter.endRow();
        }

        @Override
        public void cell(String cellReference, String formattedValue, XSSFComment comment) {
            if ("e".equals(type)) {
                counter.cell(column(), null, ERROR_VALUE);
            } else if ("b".equals(type)) {
                counter.cell(column(), formattedValue.toLowerCase(Locale.ROOT), null);
            } else {
                counter.cell(column(), formattedValue, null);
            }
        }

        private int column() {
            return reference == null ? counter.nextColumn() : new CellAddress(reference).getColumn();
        }
    }

    /** Numbers as plain decimals and date cells as yyyy-MM-dd, whatever format the cell shows them in. */
    private static final class CellText extends DataFormatter {

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                return DateUtil.getLocalDateTime(value).toLocalDate().toString();
            }
            return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        }
    }
}
