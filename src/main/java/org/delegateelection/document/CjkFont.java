package org.delegateelection.document;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.fontbox.ttf.TrueTypeCollection;

/**
 * The Chinese font of the documents: WenQuanYi Zen Hei (文泉驿正黑), a TrueType collection from Debian's package
 * {@value #DEBIAN_PACKAGE} (GPL-2 with the font embedding exception). PDFs embed the subset they use, so they print
 * anywhere; the charts measure their text with it. Thread-safe: every PDF opens the font file on its own.
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

    private CjkFont(Path file) {
        this.file = file;
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
            if (collection.getFontByName(POSTSCRIPT_NAME) == null) {
                throw new IllegalStateException("字体文件 " + file + " 中没有 " + FAMILY + "：请使用 Debian 软件包 "
                        + DEBIAN_PACKAGE + " 中的 wqy-zenhei.ttc");
            }
            for (Font font : Font.createFonts(file.toFile())) {
                GraphicsEnvironment.getLocalGraphicsEnvironment().registerFont(font);
            }
        } catch (IOException | FontFormatException e) {
            throw new IllegalStateException("无法读取中文字体 " + file + "（Debian 软件包 " + DEBIAN_PACKAGE + "）：" + e.getMessage(), e);
        }
        return new CjkFont(file);
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
