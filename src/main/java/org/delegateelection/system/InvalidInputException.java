package org.delegateelection.system;

import java.util.List;

/**
 * Input that is rejected whole: a bad import file, a bad REST body, a bad task completion. Carries every problem
 * found, each naming the row (1-based, as a person counts them in the file; {@code null} when not row-based) and the
 * field. Nothing has been stored when this is thrown. The REST layer answers it with 400 and {@link ApiError}.
 */
public class InvalidInputException extends RuntimeException {

    private final String summary;
    private final transient List<ApiError.Problem> problems;

    /** One message for a person and the list of problems behind it (at least one). */
    public InvalidInputException(String message, List<ApiError.Problem> problems) {
        super(message + describe(problems));
        this.summary = message;
        this.problems = List.copyOf(problems);
    }

    /** A single problem with a field. */
    public static InvalidInputException field(String field, String reason) {
        return new InvalidInputException("输入有误", List.of(new ApiError.Problem(null, field, reason)));
    }

    /** The message without the problems, e.g. "人选名单文件有误"; {@link #getMessage()} lists them too. */
    public String summary() {
        return summary;
    }

    /** Every problem found, in the order found. */
    public List<ApiError.Problem> problems() {
        return problems;
    }

    private static String describe(List<ApiError.Problem> problems) {
        StringBuilder text = new StringBuilder("：");
        for (ApiError.Problem problem : problems) {
            if (text.length() > 1) {
                text.append("；");
            }
            text.append(problem);
        }
        return text.toString();
    }
}
