package org.delegateelection.vote;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The order of names on ballots and lists, "按姓氏笔画为序" (《中国共产党地方组织选举工作条例》 art. 30,
 * 《中国共产党基层组织选举工作条例》 art. 24), the way the mainland counts and orders strokes:
 * <ul>
 * <li>Two characters compare by their number of strokes (GF 3002-1999《GB13000.1字符集汉字笔顺规范》: 艹 3, 阝 2,
 * 黄 11); at the same number, by their strokes one by one in the order 横 竖 撇 点 折 (GF 3003-1999《GB13000.1字符集汉字字序
 * （笔画序）规范》; 提 counts as 横, 竖钩 as 竖, 捺 as 点, every turning stroke as 折, GF 2001-2001): 古 石 卢 叶 田 冯;
 * with the same strokes too, by structure, 左右 before 上下 before 整体: 孔 before 巴, 叶 before 申.</li>
 * <li>A character whose sequence of strokes the data lacks comes after those of its count that have one, by code
 * point ({@link #unsequenced} names it for a person to check); one the data has no count for (a character outside
 * the CJK Unified Ideographs, or one newer than the data) comes after every counted character, by code point.
 * Characters tied on everything go by code point, so that two different characters never compare as equal.</li>
 * <li>Names compare character by character from the first. A name of two characters is read as surname, blank,
 * given name, and the blank comes before every character: 王曦 before 王一彪, as the published lists of party
 * congresses set them. A name that is the beginning of another comes first (李 before 李力).</li>
 * <li>Compound surnames are not special (欧阳坚 stands among the surnames of 8 strokes, by 欧), nor names with a
 * middle dot; the dot and spaces (also the ideographic space of "丁　宁") are not characters for sorting.</li>
 * <li>Identical names (also names that differ only in dots and spaces) compare as equal: they keep the order the
 * caller gives them in, with a stable sort or a tie-break of its own.</li>
 * </ul>
 * The data is the application's resource {@code strokes/mainland-strokes.txt} (generated from Unihan's
 * kTotalStrokes, cnchar and rime-stroke), read once on first use. The comparator is thread-safe; a {@code null}
 * name is a programming error.
 */
public final class StrokeOrder {

    /** Compares two names as described above. */
    public static final Comparator<String> NAMES = StrokeOrder::compareNames;

    /** Stands between surname and given name of a two-character name; sorts before every character. */
    private static final int BLANK = -1;

    /** The middle dots of names of minority nationalities and foreigners, in the forms they are typed in. */
    private static final String DOTS = "\u00B7\u2022\u2027\u30FB\uFF65";

    private StrokeOrder() {
    }

    /**
     * The characters of these names whose sequence of strokes the data lacks (and so whose place among the
     * characters of their stroke count is by code point only), each once, in the order they first appear.
     */
    public static List<String> unsequenced(Collection<String> names) {
        Set<String> found = new LinkedHashSet<>();
        for (String name : names) {
            for (int c : units(name)) {
                if (c != BLANK && Table.sequence(c) == null) {
                    found.add(Character.toString(c));
                }
            }
        }
        return List.copyOf(found);
    }

    private static int compareNames(String left, String right) {
        int[] a = units(left);
        int[] b = units(right);
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            int order = compareUnits(a[i], b[i]);
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    /** The characters of a name without dots and spaces, with the blank after the surname of a two-character name. */
    private static int[] units(String name) {
        int[] chars = Objects.requireNonNull(name, "name").codePoints()
                .filter(c -> DOTS.indexOf(c) < 0 && !Character.isWhitespace(c) && !Character.isSpaceChar(c))
                .toArray();
        return chars.length == 2 ? new int[] {chars[0], BLANK, chars[1]} : chars;
    }

    private static int compareUnits(int a, int b) {
        if (a == b) {
            return 0;
        }
        if (a == BLANK || b == BLANK) {
            return a == BLANK ? -1 : 1;
        }
        int order = Integer.compare(Table.count(a), Table.count(b));
        if (order == 0 && Table.count(a) != Table.UNCOUNTED) {
            order = compareSequences(Table.sequence(a), Table.sequence(b));
            if (order == 0 && Table.sequence(a) != null) {
                order = Integer.compare(Table.structure(a), Table.structure(b));
            }
        }
        return order != 0 ? order : Integer.compare(a, b);
    }

    /** Sequences of one count have one length; a missing one comes after. */
    private static int compareSequences(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        return a.compareTo(b);
    }

    /** The resource, loaded when first used (class initialization is thread-safe). */
    private static final class Table {

        static final int UNCOUNTED = Integer.MAX_VALUE;
        static final int UNKNOWN_STRUCTURE = 4;
        private static final String RESOURCE = "/strokes/mainland-strokes.txt";
        /** Planes 0 to 3 hold every CJK ideograph. */
        private static final int SIZE = 0x40000;

        private static final byte[] COUNTS = new byte[SIZE];
        private static final byte[] STRUCTURES = new byte[SIZE];
        private static final String[] SEQUENCES = new String[SIZE];

        static {
            try (InputStream in = Objects.requireNonNull(StrokeOrder.class.getResourceAsStream(RESOURCE), RESOURCE);
                 BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (!line.startsWith("#")) {
                        String[] fields = line.split("\t");
                        int c = fields[0].codePointAt(0);
                        COUNTS[c] = Byte.parseByte(fields[1]);
                        if (fields.length > 2 && !fields[2].isEmpty()) {
                            SEQUENCES[c] = fields[2];
                        }
                        if (fields.length > 3) {
                            STRUCTURES[c] = Byte.parseByte(fields[3]);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(RESOURCE, e);
            }
        }

        private Table() {
        }

        static int count(int c) {
            return c < COUNTS.length && COUNTS[c] > 0 ? COUNTS[c] : UNCOUNTED;
        }

        static String sequence(int c) {
            return c < SEQUENCES.length ? SEQUENCES[c] : null;
        }

        static int structure(int c) {
            return c < STRUCTURES.length && STRUCTURES[c] > 0 ? STRUCTURES[c] : UNKNOWN_STRUCTURE;
        }
    }
}
