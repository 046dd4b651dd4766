package org.delegateelection.system;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Input that is rejected whole: a bad import file, a bad REST body, a bad task completion. Carries the problems
 * found, each naming the row (1-based, as a person counts them in the file; {@code null} when not row-based) and the
 * field: the first {@link Problems#LISTED} of them and how many there are in all, so that an answer stays small
 * however many cells are wrong. Nothing has been stored when this is thrown. The REST layer answers it with 400 and its
 * problems.
 */
public class InvalidInputException extends RuntimeException {

    private final String summary;
    private final transient List<Problem> problems;
    private final int problemCount;

    /** One message for a person and the list of problems behind it (at least one), of which the first are kept. */
    public InvalidInputException(String message, List<Problem> problems) {
        this(message, problems.subList(0, Math.min(problems.size(), Problems.LISTED)), problems.size());
    }

    /** One message for a person and the problems collected for it (at least one). */
    public InvalidInputException(String message, Problems problems) {
        this(message, problems.listed(), problems.count());
    }

    private InvalidInputException(String message, List<Problem> listed, int problemCount) {
        super(summary(message, listed.size(), problemCount) + describe(listed));
        this.summary = summary(message, listed.size(), problemCount);
        this.problems = List.copyOf(listed);
        this.problemCount = problemCount;
    }

    /** A single problem with a field. */
    public static InvalidInputException field(String field, String reason) {
        return new InvalidInputException("输入有误", List.of(new Problem(null, field, reason)));
    }

    /**
     * The same rejection in other words: another message, and each problem listed changed (e.g. to name the form
     * field the input came from); the count of all problems stays.
     */
    public InvalidInputException restated(String message, UnaryOperator<Problem> change) {
        return new InvalidInputException(message, problems.stream().map(change).toList(), problemCount);
    }

    /**
     * The message without the problems, e.g. "导入文件有误，未导入任何人选", saying so when only the first problems are
     * listed; {@link #getMessage()} lists them too.
     */
    public String summary() {
        return summary;
    }

    /** The first {@link Problems#LISTED} problems, in the order found or by row (see {@link Problems}). */
    public List<Problem> problems() {
        return problems;
    }

    /** How many problems were found, listed or not. */
    public int problemCount() {
        return problemCount;
    }

    private static String summary(String message, int listed, int count) {
        return listed < count ? message + "（共 " + count + " 处问题，仅列出前 " + listed + " 处）" : message;
    }

    private static String describe(List<Problem> problems) {
        StringBuilder text = new StringBuilder("：");
        for (Problem problem : problems) {
            if (text.length() > 1) {
                text.append("；");
            }
            text.append(problem);
        }
        return text.toString();
    }
}
