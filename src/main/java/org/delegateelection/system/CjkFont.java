package org.delegateelection.system;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

/**
 * The Chinese font of the documents. By default {@link #bundled()}: Noto Sans SC Regular (SIL Open Font License 1.1),
 * which ships in the application at {@value #BUNDLED} with its licence; {@code documents.cjk-font} may name another
 * TrueType font file instead ({@link #load}). PDFs embed the subset they use, so they print anywhere; the charts
 * measure their text with it. Input printed in the documents is checked against the characters the font has
 * ({@link #canPrint}). The file is parsed once; the parsed font is only read afterwards (PDFBox synchronizes its
 * reads), so one instance serves every PDF, from any thread.
 */
public final class CjkFont {

    /** The classpath resource of the font that ships with the application. */
    public static final String BUNDLED = "fonts/NotoSansSC_400Regular.ttf";
    /** Text every document prints, which a Chinese font must have. */
    private static final String DOCUMENT_TEXT = "代表候选人预备人选名册登记表选举结果第轮投票";

    private static CjkFont bundled;

    private final String source;
    private final TrueTypeFont trueType;
    private final CmapLookup characters;
    private final Font awt;

    private CjkFont(String source, TrueTypeFont trueType, CmapLookup characters, Font awt) {
        this.source = source;
        this.trueType = trueType;
        this.characters = characters;
        this.awt = awt;
    }

    /**
     * The font that ships with the application (resource {@value #BUNDLED}), read on the first call and shared
     * afterwards.
     *
     * @throws IllegalStateException when the resource is missing from the classpath (a broken build)
     */
    public static synchronized CjkFont bundled() {
        if (bundled == null) {
            try (InputStream in = CjkFont.class.getClassLoader().getResourceAsStream(BUNDLED)) {
                if (in == null) {
                    throw new IllegalStateException("应用中缺少随附的中文字体 " + BUNDLED);
                }
                bundled = read("随应用提供的字体 " + BUNDLED, in.readAllBytes());
            } catch (IOException e) {
                throw new IllegalStateException("无法读取随应用提供的中文字体 " + BUNDLED + "：" + e.getMessage(), e);
            }
        }
        return bundled;
    }

    /**
     * The font in a TrueType file ({@code .ttf}) or the first font of a TrueType collection ({@code .ttc}, e.g.
     * WenQuanYi Zen Hei in Debian's {@code wqy-zenhei.ttc}), for {@code documents.cjk-font}.
     *
     * @throws IllegalStateException naming the file when it is missing, is no TrueType font PDFBox can embed (e.g. an
     *                               OpenType font with CFF outlines) or lacks Chinese characters
     */
    public static CjkFont load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("缺少文书所用的中文字体文件 " + file + "（documents.cjk-font）：请指定一个"
                    + " TrueType 字体文件（.ttf 或 .ttc），或不设置 documents.cjk-font，使用随应用提供的 Noto Sans SC");
        }
        try {
            return read("字体文件 " + file, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalStateException("无法读取中文字体文件 " + file + "：" + e.getMessage(), e);
        }
    }

    private static CjkFont read(String source, byte[] data) {
        try {
            TrueTypeFont trueType;
            if (data.length >= 4 && new String(data, 0, 4, StandardCharsets.US_ASCII).equals("ttcf")) {
                // the collection stays open: its fonts read from its data
                TrueTypeFont[] first = new TrueTypeFont[1];
                new TrueTypeCollection(new ByteArrayInputStream(data)).processAllFonts(font -> {
                    if (first[0] == null) {
                        first[0] = font;
                    }
                });
                trueType = first[0];
            } else {
                trueType = new TTFParser().parse(new RandomAccessReadBuffer(data));
            }
            // no glyph substitution: the documents set Chinese and Latin text horizontally, which needs none, and
            // PDFBox's substitution for Latin text (Noto's GSUB has it) makes writing a roster 2 to 4 times slower
            trueType.setEnableGsub(false);
            // the lookup PDFBox uses when it writes text in the font (non-strict: any Unicode cmap of the font)
            CmapLookup characters = trueType.getUnicodeCmapLookup(false);
            String missing = DOCUMENT_TEXT.codePoints().filter(c -> characters.getGlyphId(c) <= 0)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
            if (!missing.isEmpty()) {
                throw new IllegalStateException(source + "（" + trueType.getName() + "）不是中文字体：缺少文书中的字符「"
                        + missing + "」");
            }
            Font awt = Font.createFonts(new ByteArrayInputStream(data))[0];
            return new CjkFont(source, trueType, characters, awt);
        } catch (IOException | FontFormatException e) {
            throw new IllegalStateException("无法读取" + source + "：它不是 PDF 可以嵌入的 TrueType 字体（" + e.getMessage()
                    + "）", e);
        }
    }

    /**
     * Whether the PDFs can print a character: the font's Unicode cmap maps the code point to a glyph. PDFBox refuses
     * to write a character without one ("No glyph for U+20000"), so input printed in the documents is checked with
     * this (e.g. most characters of CJK Extension B and emoji, which Noto Sans SC lacks).
     */
    public boolean canPrint(int codePoint) {
        return characters.getGlyphId(codePoint) > 0;
    }

    /** The font's family name, e.g. "Noto Sans SC"; the SVG charts name it first among their fonts. */
    public String family() {
        return awt.getFamily();
    }

    /** Where the font comes from, e.g. "随应用提供的字体 fonts/NotoSansSC_400Regular.ttf", and its family. */
    @Override
    public String toString() {
        return source + "（" + family() + "）";
    }

    /** The parsed font, for PDFBox to embed; shared, so never closed by its users. */
    public TrueTypeFont trueType() {
        return trueType;
    }

    /**
     * The font for AWT drawing (charts) in a style of {@link Font} (e.g. {@link Font#BOLD}, which AWT draws by
     * emboldening the regular face), size in points.
     */
    public Font awt(int style, int size) {
        return awt.deriveFont(style, (float) size);
    }
}
