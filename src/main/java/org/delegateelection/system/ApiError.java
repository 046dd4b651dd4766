package org.delegateelection.system;

import java.util.List;

/**
 * The body of every 4xx answer of the domain REST API: a message for a person and the problems behind it.
 *
 * @param message      one sentence in Chinese; when not every problem is listed it says so
 * @param problems     the rows or fields at fault, with the reason for each: at most the first {@link Problems#LISTED}
 * @param problemCount how many problems were found, listed or not
 */
public record ApiError(String message, List<Problem> problems, int problemCount) {

    /** An answer that lists all its problems. */
    public ApiError(String message, List<Problem> problems) {
        this(message, problems, problems.size());
    }

    /** The answer to rejected input: its summary, the problems listed and their count. */
    public static ApiError of(InvalidInputException e) {
        return new ApiError(e.summary(), e.problems(), e.problemCount());
    }

    /**
     * One problem with the input.
     *
     * @param row    1-based row of an imported file (the header is row 1 in CSV and .xlsx, the first element is row
     *               1 in a JSON array), or {@code null}
     * @param field  the field or column name, or {@code null} when the whole row is at fault
     * @param reason why it is rejected, in Chinese
     */
    public record Problem(Integer row, String field, String reason) {

        @Override
        public String toString() {
            String where = (row == null ? "" : "第" + row + "行") + (field == null ? "" : "字段 " + field);
            return where.isEmpty() ? reason : where + "：" + reason;
        }
    }
}
