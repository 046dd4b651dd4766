package org.delegateelection.system;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
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
import java.util.Map;
import java.util.function.Consumer;


import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

import com.fasterxml.aalto.stax.InputFactoryImpl;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BOMInputStream;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.model.Styles;
import org.codehaus.stax2.XMLStreamReader2;
import org.codehaus.stax2.typed.TypedValueDecoder;
import org.xml.sax.SAXException;

/**
 * Reads an uploaded table row by row, never holding more than the row being read: CSV in UTF-8 (with or without a
 * byte order mark), or the first sheet of an .xlsx workbook. The workbook is opened with Apache POI ({@link
 * OPCPackage}, {@link XSSFReader}, its shared strings and styles); the sheet's XML is read as a stream of events with
 * the Aalto StAX parser and its cells are turned into text here, not by POI's sheet handler and
 * {@code DataFormatter} (which cost about 2.5 KB and 2.3 µs more a cell). The limits of the kind of file
 * ({@link Limits}) are enforced while reading: the first row beyond them stops the reading, and the file is refused
 * with one reason, however much follows. For .xlsx, POI's zip-bomb guards apply to every part read ({@link #MIN_INFLATE_RATIO},
 * {@link #MAX_ENTRY_BYTES}), and a sheet with a document type declaration is refused. Blank rows (every cell blank)
 * are skipped.
 *
 * <p>The text of an .xlsx cell: a number as a plain decimal without trailing zeros, a number in a date style as
 * yyyy-MM-dd, {@code true}/{@code false}, text as written (an inline string without its phonetic guide); a formula
 * gives the result Excel saved with it. A formula without a saved result and an error value (#N/A, …) are unreadable
 * cells, reported with the row.
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

    /**
     * The parser of a sheet's XML, made explicitly (not the JVM's {@code XMLInputFactory.newInstance()}) and configured
     * once: no document type declarations, so no entity of any kind is expanded or fetched (OWASP XML External Entity
     * Prevention Cheat Sheet). Safe for concurrent use once configured.
     */
    private static final XMLInputFactory XML = xmlInputFactory();

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

    private static XMLInputFactory xmlInputFactory() {
        XMLInputFactory factory = new InputFactoryImpl();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
    }

    /**
     * Reads the file and hands each non-blank row, in order, to {@code rows}; an exception thrown there stops the
     * reading and comes out of here as it is.
     *
     * @throws UnreadableException when the file cannot be read, or at the first row beyond {@code limits}
     */
    public static void read(Format format, byte[] content, Limits limits, Consumer<Row> rows) {
        read(format, new ByteArrayInputStream(content), limits, rows);
    }

    /**
     * Reads the file from a stream as {@link #read(Format, byte[], Limits, Consumer)} does, without holding it: CSV
     * row by row as it arrives, an .xlsx copied to the spool ({@link #spool()}) first. A row is handed on before the
     * rest of the file is read, so that a fault further on (text that is no UTF-8, a truncated workbook) comes after
     * rows already handed on. An exception the stream throws (e.g. a size limit of the upload) comes out as it is;
     * the stream is left open.
     *
     * @throws UnreadableException when the file cannot be read, or at the first row beyond {@code limits}
     * @throws UncheckedIOException when the stream cannot be read
     */
    public static void read(Format format, InputStream content, Limits limits, Consumer<Row> rows) {
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

    private static void csv(InputStream content, Counter counter) {
        // Empty lines are kept as records so that record numbers are the row numbers a spreadsheet shows.
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get();
        // BOMInputStream skips a UTF-8 byte order mark (as Excel writes "CSV UTF-8") and only that
        try (CSVParser parser = format.parse(new InputStreamReader(BOMInputStream.builder().setInputStream(content)
                .get(), StandardCharsets.UTF_8.newDecoder()))) {
            for (CSVRecord csvRecord : parser) {
                counter.startRow((int) csvRecord.getRecordNumber());
                for (int column = 0; column < csvRecord.size(); column++) {
                    counter.cell(column, csvRecord.get(column), null);
                }
                counter.endRow();
            }
        } catch (IOException | UncheckedIOException e) {
            if (e instanceof CharacterCodingException || e.getCause() instanceof CharacterCodingException) {
                throw new UnreadableException("CSV 文件不是 UTF-8 编码，请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后再导入");
            }
            throw new UnreadableException("不是有效的 CSV 文件：" + e.getMessage());
        }
    }

    private static void xlsx(InputStream content, Counter counter) {
        Path file = null;
        OPCPackage workbook = null;
        try {
            // a package opened from a file reads each part when asked; one opened from a stream inflates them all
            file = Files.createTempFile(spool(), "upload-", ".xlsx");
            try (OutputStream out = Files.newOutputStream(file)) {
                content.transferTo(out);
            }
        } catch (IOException e) {
            deleteQuietly(file);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
        try {
            workbook = OPCPackage.open(file.toFile(), PackageAccess.READ);
            XSSFReader reader = new XSSFReader(workbook);
            Iterator<InputStream> sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw new UnreadableException(".xlsx 文件中没有工作表");
            }
            try (InputStream sheet = sheets.next()) {
                XMLStreamReader2 xml = (XMLStreamReader2) XML.createXMLStreamReader(sheet);
                try {
                    new SheetCells(xml, new ReadOnlySharedStringsTable(workbook), reader.getStylesTable(), counter)
                            .read();
                } finally {
                    xml.close();
                }
            }
        } catch (UnreadableException | HandedOn e) {
            throw e;
        } catch (IOException | OpenXML4JException | SAXException | XMLStreamException | RuntimeException e) {
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
     * The cells of the sheet's XML ({@code sheetData}: {@code row}, {@code c} with {@code v}, {@code f} or {@code is}),
     * handed to the counter as text: a shared string by its index, an inline string as its runs without their
     * phonetic guides, a formula's saved string, {@code true}/{@code false}, a number as a plain decimal or, in a date
     * style, as yyyy-MM-dd (ECMA-376 Part 1, 18.3.1.4 c, 18.18.11 ST_CellType).
     */
    private static final class SheetCells {

        private final XMLStreamReader2 xml;
        private final Counter counter;
        private final SharedStrings strings;
        private final String[] stringTexts;
        private final Styles styles;
        private final Map<Integer, Boolean> dateStyles = new HashMap<>();
        private final StringBuilder inline = new StringBuilder();
        private final ReferenceColumn reference = new ReferenceColumn();
        private final TypeOfCell cellType = new TypeOfCell();

        SheetCells(XMLStreamReader2 xml, SharedStrings strings, Styles styles, Counter counter) {
            this.xml = xml;
            this.counter = counter;
            this.strings = strings;
            this.stringTexts = new String[strings.getCount()];
            this.styles = styles;
        }

        void read() throws XMLStreamException {
            int rowNumber = 0;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    if ("row".equals(xml.getLocalName())) {
                        String number = xml.getAttributeValue(null, "r");
                        rowNumber = number == null ? rowNumber + 1 : Integer.parseInt(number);
                        counter.startRow(rowNumber);
                    } else if ("c".equals(xml.getLocalName())) {
                        cell();
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && "row".equals(xml.getLocalName())) {
                    counter.endRow();
                }
            }
        }

        /** From a cell's start to its end. */
        private void cell() throws XMLStreamException {
            int column = -1;
            CellType type = CellType.NUMBER;
            int style = 0;
            for (int i = 0; i < xml.getAttributeCount(); i++) {
                // if/else rather than a switch on the name, which would hash the name of every attribute
                String name = xml.getAttributeLocalName(i);
                if ("r".equals(name)) {
                    xml.getAttributeAs(i, reference);
                    column = reference.column;
                } else if ("t".equals(name)) {
                    xml.getAttributeAs(i, cellType);
                    type = cellType.type;
                } else if ("s".equals(name)) {
                    style = xml.getAttributeAsInt(i);
                }
            }
            if (column < 0) {
                column = counter.nextColumn();
            }
            boolean formula = false;
            boolean valued = false;
            String text = null;
            while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
                String name = xml.getLocalName();
                if ("v".equals(name)) {
                    valued = true;
                    text = type == CellType.SHARED ? sharedString(index()) : xml.getElementText();
                } else if ("is".equals(name)) {
                    valued = true;
                    text = inlineString();
                } else {
                    formula |= "f".equals(name);
                    xml.skipElement();
                }
            }
            if (!valued) {
                // a blank cell counts too: the next cell without a reference is the one after it
                counter.cell(column, formula ? null : "", formula ? FORMULA_WITHOUT_RESULT : null);
                return;
            }
            switch (type) {
                case ERROR -> counter.cell(column, null, ERROR_VALUE);
                case BOOLEAN -> counter.cell(column, text.startsWith("0") ? "false" : "true", null);
                case NUMBER -> counter.cell(column, text.isEmpty() ? text : number(text, style), null);
                default -> counter.cell(column, text, null);
            }
        }

        /**
         * From {@code v}'s start to its end: the index of a shared string, read from the parser's characters without
         * a String of them.
         */
        private int index() throws XMLStreamException {
            int index = 0;
            int digits = 0;
            for (int event = xml.next(); event != XMLStreamConstants.END_ELEMENT; event = xml.next()) {
                if (event != XMLStreamConstants.CHARACTERS && event != XMLStreamConstants.SPACE) {
                    throw new IllegalArgumentException("a shared string's index that is no number");
                }
                char[] characters = xml.getTextCharacters();
                for (int i = xml.getTextStart(); i < xml.getTextStart() + xml.getTextLength(); i++) {
                    char digit = characters[i];
                    if (digit >= '0' && digit <= '9') {
                        index = Math.addExact(Math.multiplyExact(index, 10), digit - '0');
                        digits++;
                    } else if (!Character.isWhitespace(digit)) {
                        throw new IllegalArgumentException("a shared string's index that is no number");
                    }
                }
            }
            if (digits == 0) {
                throw new IllegalArgumentException("a shared string without its index");
            }
            return index;
        }

        private String sharedString(int index) {
            String text = stringTexts[index];
            if (text == null) {
                text = strings.getItemAt(index).getString();
                stringTexts[index] = text;
            }
            return text;
        }

        /** From {@code is}'s start to its end: the text of its runs, phonetic runs left out. */
        private String inlineString() throws XMLStreamException {
            inline.setLength(0);
            int depth = 1;
            while (depth > 0) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (xml.getLocalName()) {
                        case "t" -> inline.append(xml.getElementText());
                        case "rPh", "rPr", "phoneticPr" -> xml.skipElement();
                        default -> depth++;
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
            return inline.toString();
        }

        private String number(String text, int style) {
            double value = Double.parseDouble(text);
            if (isDateStyle(style) && DateUtil.isValidExcelDate(value)) {
                return DateUtil.getLocalDateTime(value).toLocalDate().toString();
            }
            return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        }

        private boolean isDateStyle(int index) {
            if (styles == null || index >= styles.getNumCellStyles()) {
                return false;
            }
            return dateStyles.computeIfAbsent(index, i -> {
                CellStyle cellStyle = styles.getStyleAt(i);
                return cellStyle != null
                        && DateUtil.isADateFormat(cellStyle.getDataFormat(), cellStyle.getDataFormatString());
            });
        }
    }

    /** The type of a cell (ECMA-376 Part 1, 18.18.11 ST_CellType); a cell that names none is a number. */
    private enum CellType {
        /** {@code s}: an index into the shared strings. */
        SHARED,
        /** {@code n}. */
        NUMBER,
        /** {@code b}: 0 or 1. */
        BOOLEAN,
        /** {@code e}: #N/A, #DIV/0! and the like. */
        ERROR,
        /** {@code inlineStr}, {@code str} (a formula's string), {@code d} (an ISO 8601 date): the text as written. */
        TEXT
    }

    /** Decodes a cell's {@code t} from the parser's characters (Stax2's typed access), making no String of it. */
    private static final class TypeOfCell extends TypedValueDecoder {

        private CellType type;

        @Override
        public void decode(String value) {
            decode(value.toCharArray(), 0, value.length());
        }

        @Override
        public void decode(char[] buffer, int start, int end) {
            type = end - start != 1 ? CellType.TEXT : switch (buffer[start]) {
                case 's' -> CellType.SHARED;
                case 'n' -> CellType.NUMBER;
                case 'b' -> CellType.BOOLEAN;
                case 'e' -> CellType.ERROR;
                default -> CellType.TEXT;
            };
        }

        @Override
        public void handleEmptyValue() {
            type = CellType.NUMBER;
        }
    }

    /**
     * Decodes the 0-based column of a cell's reference ({@code AB12} → 27) from the parser's characters, making no
     * String of it.
     */
    private static final class ReferenceColumn extends TypedValueDecoder {

        private int column;

        @Override
        public void decode(String value) {
            decode(value.toCharArray(), 0, value.length());
        }

        @Override
        public void decode(char[] buffer, int start, int end) {
            int letters = 0;
            for (int i = start; i < end; i++) {
                char letter = Character.toUpperCase(buffer[i]);
                if (letter < 'A' || letter > 'Z') {
                    break;
                }
                letters = letters * 26 + letter - 'A' + 1;
            }
            if (letters == 0) {
                throw new IllegalArgumentException("a cell reference without a column");
            }
            column = letters - 1;
        }

        @Override
        public void handleEmptyValue() {
            throw new IllegalArgumentException("an empty cell reference");
        }
    }
}
