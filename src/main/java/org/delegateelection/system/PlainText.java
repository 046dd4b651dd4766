package org.delegateelection.system;

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
}
