package org.delegateelection.document;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.delegateelection.system.CjkFont;

/**
 * A PDF laid out from top to bottom on A4 (or A3) pages: headings, paragraphs, ruled tables whose cells wrap their
 * text and grids of ballot cells, a table or grid going on to the next page (with its header again) when a page is
 * full. All text in the {@link CjkFont},
 * embedded as a subset. Units are PDF points (1/72 inch). Not thread-safe; one writer makes one document.
 */
final class PdfWriter implements AutoCloseable {

    /** Portrait A4. */
    static final PDRectangle PORTRAIT = PDRectangle.A4;
    /** Portrait A3, for ballots with many names. */
    static final PDRectangle A3 = PDRectangle.A3;
    /** Landscape A4, for wide tables. */
    static final PDRectangle LANDSCAPE = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());

    private static final float MARGIN = 50;
    private static final float BODY = 10.5f;
    private static final float PADDING = 3;
    /** The heights of a grid cell's mark box and label box, and the label's largest size. */
    private static final float MARK_BOX = 30, LABEL_BOX = 24, LABEL = 12;

    private final PDDocument document = new PDDocument();
    private final PDFont font;
    private PDRectangle size;
    private PDPageContentStream page;
    private float y;

    /** A new document whose first page will have the given size. */
    PdfWriter(CjkFont cjkFont, PDRectangle size) {
        try {
            // the shared parsed font; PDFBox leaves a TrueTypeFont passed in open when the document closes
            this.font = PDType0Font.load(document, cjkFont.trueType(), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.size = size;
    }

    /** Starts a new page of the given size. */
    PdfWriter newPage(PDRectangle pageSize) {
        try {
            if (page != null) {
                page.close();
            }
            PDPage next = new PDPage(pageSize);
            document.addPage(next);
            page = new PDPageContentStream(document, next);
            size = pageSize;
            y = pageSize.getHeight() - MARGIN;
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A centred heading, wrapped at the page width. */
    PdfWriter heading(String text, float fontSize) {
        List<String> lines = wrap(text, fontSize, size.getWidth() - 2 * MARGIN);
        ensure(fontSize * (lines.size() + 1));
        for (String line : lines) {
            write(line, fontSize, (size.getWidth() - width(line, fontSize)) / 2, y - fontSize);
            y -= fontSize * 1.4f;
        }
        y -= fontSize * 0.6f;
        return this;
    }

    /**
     * A grid over the page width, {@code columns} cells a row, as the ballots of a secret vote are printed: each cell
     * an empty box (for the voter's mark) above a box with its label centred on one line, shrunk to fit (an empty
     * label leaves the box blank, to write a name in). {@code caption} (may be {@code null}) is written above the
     * grid and kept with its first row. When a row does not fit below, a new page of the same size starts and
     * {@code pageHeader} draws on it first.
     */
    PdfWriter grid(String caption, List<String> labels, int columns, Runnable pageHeader) {
        float width = (size.getWidth() - 2 * MARGIN) / columns;
        if (caption != null) {
            if (y - 2 * BODY - MARK_BOX - LABEL_BOX < MARGIN) {
                newPage(size);
                pageHeader.run();
            }
            paragraph(caption);
        }
        for (int start = 0; start < labels.size(); start += columns) {
            if (y - MARK_BOX - LABEL_BOX < MARGIN) {
                newPage(size);
                pageHeader.run();
            }
            try {
                for (int i = start; i < Math.min(start + columns, labels.size()); i++) {
                    float x = MARGIN + (i - start) * width;
                    page.addRect(x, y - MARK_BOX, width, MARK_BOX);
                    page.addRect(x, y - MARK_BOX - LABEL_BOX, width, LABEL_BOX);
                    String label = labels.get(i);
                    if (!label.isEmpty()) {
                        float fontSize = Math.min(LABEL, (width - 2 * PADDING) / width(label, 1));
                        write(label, fontSize, x + (width - width(label, fontSize)) / 2,
                                y - MARK_BOX - (LABEL_BOX + fontSize * 0.8f) / 2);
                    }
                }
                page.setLineWidth(0.5f);
                page.stroke();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            y -= MARK_BOX + LABEL_BOX;
        }
        y -= BODY;
        return this;
    }

    /** A paragraph in the body size, wrapped at the page width. */
    PdfWriter paragraph(String text) {
        for (String line : wrap(text, BODY, size.getWidth() - 2 * MARGIN)) {
            ensure(BODY * 1.5f);
            write(line, BODY, MARGIN, y - BODY);
            y -= BODY * 1.5f;
        }
        y -= BODY * 0.5f;
        return this;
    }

    /**
     * A ruled table over the page width. {@code weights} give the columns' relative widths; {@code header} (may be
     * {@code null}) is repeated on each page the table runs over; each row has one text per column (empty for none).
     */
    PdfWriter table(float[] weights, List<String> header, List<List<String>> rows) {
        float total = 0;
        for (float weight : weights) {
            total += weight;
        }
        float[] widths = new float[weights.length];
        for (int i = 0; i < weights.length; i++) {
            widths[i] = (size.getWidth() - 2 * MARGIN) * weights[i] / total;
        }
        ensure(BODY * 3);
        if (header != null) {
            row(widths, header);
        }
        for (List<String> cells : rows) {
            if (row(widths, cells)) {
                if (header != null) {
                    row(widths, header);
                }
                row(widths, cells);
            }
        }
        y -= BODY;
        return this;
    }

    /** The document as PDF bytes; the writer is closed afterwards. */
    byte[] toBytes() {
        try (this) {
            if (page != null) {
                page.close();
                page = null;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        try (document) {
            if (page != null) {
                page.close();
            }
        }
    }

    /**
     * Draws one row, or only starts a new page when it does not fit below; returns whether it started a page (the
     * caller draws the header and the row again).
     */
    private boolean row(float[] widths, List<String> cells) {
        List<List<String>> lines = new ArrayList<>();
        int height = 1;
        for (int i = 0; i < widths.length; i++) {
            List<String> wrapped = wrap(i < cells.size() ? cells.get(i) : "", BODY, widths[i] - 2 * PADDING);
            lines.add(wrapped);
            height = Math.max(height, wrapped.size());
        }
        float rowHeight = height * BODY * 1.3f + 2 * PADDING;
        if (y - rowHeight < MARGIN) {
            newPage(size);
            return true;
        }
        try {
            float x = MARGIN;
            for (int i = 0; i < widths.length; i++) {
                page.addRect(x, y - rowHeight, widths[i], rowHeight);
                float lineY = y - PADDING - BODY;
                for (String line : lines.get(i)) {
                    write(line, BODY, x + PADDING, lineY);
                    lineY -= BODY * 1.3f;
                }
                x += widths[i];
            }
            page.setLineWidth(0.5f);
            page.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        y -= rowHeight;
        return false;
    }

    private void ensure(float height) {
        if (page == null || y - height < MARGIN) {
            newPage(size);
        }
    }

    private void write(String text, float fontSize, float x, float baseline) {
        try {
            page.beginText();
            page.setFont(font, fontSize);
            page.newLineAtOffset(x, baseline);
            page.showText(text);
            page.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private float width(String text, float fontSize) {
        try {
            return font.getStringWidth(text) / 1000 * fontSize;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text broken into lines no wider than {@code width}, at any character (Chinese has no spaces). */
    private List<String> wrap(String text, float fontSize, float width) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            paragraph.codePoints().forEach(cp -> {
                String next = line + Character.toString(cp);
                if (line.length() > 0 && width(next, fontSize) > width) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                line.appendCodePoint(cp);
            });
            lines.add(line.toString());
        }
        return lines;
    }
}
