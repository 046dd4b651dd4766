package org.delegateelection.system;

import java.util.OptionalInt;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule for names and other free text a person enters (names of people, election units and recommending units,
 * sectors, levels): no markup or quoting characters ({@code < > " ' & ; \}), no control characters, and no leading
 * {@code = + - @}, which a spreadsheet opening an exported file would take for a formula.
 */
public final class PlainText {

    private static final Pattern FORBIDDEN = Pattern.compile("[<>\"'&;\\\\\\p{Cntrl}]");
    private static final Pattern FORMULA_START = Pattern.compile("^\\s*[=+\\-@]");

    private PlainText() {
    }

    /** Why the text is refused, in Chinese, or {@code null} when it is acceptable (also for {@code null}). */
    public static String problem(String text) {
        if (text == null) {
            return null;
        }
        Matcher forbidden = FORBIDDEN.matcher(text);
        if (forbidden.find()) {
            String character = forbidden.group();
            return "含有不允许的字符" + (Character.isISOControl(character.charAt(0))
                    ? "（控制字符）" : "「" + character + "」");
        }
        if (FORMULA_START.matcher(text).find()) {
            return "不能以 =、+、-、@ 开头（电子表格会将其当作公式）";
        }
        return null;
    }

    /**
     * Why text that the documents print is refused: as {@link #problem(String)}, or because the documents cannot
     * print one of its characters, the first such named (e.g. a character of CJK Extension B, or an emoji, which the
     * PDF font lacks); {@code null} when it is acceptable.
     *
     * @param printable whether the documents can print a character (a Unicode code point), e.g. the PDF font's
     *                  {@code canPrint}
     */
    public static String problem(String text, IntPredicate printable) {
        String problem = problem(text);
        return problem != null || text == null ? problem : unprintable(text, printable);
    }

    private static String unprintable(String text, IntPredicate printable) {
        OptionalInt missing = text.codePoints().filter(printable.negate()).findFirst();
        if (missing.isEmpty()) {
            return null;
        }
        int character = missing.getAsInt();
        return "字符 " + Character.toString(character) + "（U+" + String.format("%04X", character) + "）无法在文书中打印";
    }
}
