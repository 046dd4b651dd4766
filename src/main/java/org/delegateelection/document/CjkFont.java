package org.delegateelection.document;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;

/**
 * The Chinese font of the documents: WenQuanYi Zen Hei (文泉驿正黑), a TrueType collection from Debian's package
 * {@value #DEBIAN_PACKAGE} (GPL-2 with the font embedding exception). PDFs embed the subset they use, so they print
 * anywhere; the charts measure their text with it. Input printed in the documents is checked against the characters
 * the font has ({@link #canPrint}). Thread-safe: every PDF opens the font file on its own.
 */
public final class CjkFont {

    /** The Debian package that installs the font. */
    public static final String DEBIAN_PACKAGE = "fonts-wqy-zenhei";
    /** Where the Debian package installs the font, the default of {@code documents.cjk-font}. */
    public static final String DEBIAN_FILE = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc";
    /** The font's PostScript name in the collection. */
    static final String POSTSCRIPT_NAME = "WenQuanYiZenHei";
    /** The font's family name, as AWT and SVG name it. */
    static final String FAMILY = "WenQuanYi Zen Hei";

    private final Path file;
    private final CmapLookup characters;

    private CjkFont(Path file, CmapLookup characters) {
        this.file = file;
        this.characters = characters;
    }

    /**
     * The font in {@code file} (the package installs it at {@value #DEBIAN_FILE}), registered with AWT for the charts.
     *
     * @throws IllegalStateException naming the Debian package when the file is missing or holds no such font
     */
    public static CjkFont load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("缺少文件所用的中文字体 " + file + "：请安装 Debian 软件包 " + DEBIAN_PACKAGE
                    + "（apt-get install " + DEBIAN_PACKAGE + "），或在 documents.cjk-font 中指定该字体文件的位置");
        }
        try (TrueTypeCollection collection = new TrueTypeCollection(file.toFile())) {
            TrueTypeFont font = collection.getFontByName(POSTSCRIPT_NAME);
            if (font == null) {
                throw new IllegalStateException("字体文件 " + file + " 中没有 " + FAMILY + "：请使用 Debian 软件包 "
                        + DEBIAN_PACKAGE + " 中的 wqy-zenhei.ttc");
            }
            for (Font awt : Font.createFonts(file.toFile())) {
                GraphicsEnvironment.getLocalGraphicsEnvironment().registerFont(awt);
            }
            // the lookup PDFBox uses when it writes text in the font (non-strict: any Unicode cmap of the font)
            return new CjkFont(file, font.getUnicodeCmapLookup(false));
        } catch (IOException | FontFormatException e) {
            throw new IllegalStateException("无法读取中文字体 " + file + "（Debian 软件包 " + DEBIAN_PACKAGE + "）：" + e.getMessage(), e);
        }
    }

    /**
     * Whether the PDFs can print a character: the font's Unicode cmap maps the code point to a glyph. PDFBox refuses
     * to write a character without one ("No glyph for U+20000"), so input printed in the documents is checked with
     * this (e.g. characters of CJK Extension B and emoji, which this font lacks).
     */
    public boolean canPrint(int codePoint) {
        return characters.getGlyphId(codePoint) > 0;
    }

    /** Opens the collection that holds the font; the caller closes it after the PDF using it is saved. */
    TrueTypeCollection openCollection() throws IOException {
        return new TrueTypeCollection(file.toFile());
    }

    /** The font for AWT drawing (charts) in a style of {@link Font} (e.g. {@link Font#BOLD}), size in points. */
    Font awt(int style, int size) {
        return new Font(FAMILY, style, size);
    }
}
