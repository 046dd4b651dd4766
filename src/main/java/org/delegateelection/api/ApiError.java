package org.delegateelection.api;

import java.util.List;
import org.delegateelection.system.InvalidInputException;
import org.delegateelection.system.Problem;

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
}
