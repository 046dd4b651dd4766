package org.delegateelection.system;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The problems found in an input, in the order a person reads them: problems without a row first, then by row, and
 * within a row in the order found. Keeps only the first {@link #LISTED} of them and counts all, so that a file with
 * a problem in each of a million cells costs a hundred problems of memory, not a million.
 */
public final class Problems {

    /** How many problems an answer lists; the others are only counted ({@link ApiError#problemCount()}). */
    public static final int LISTED = 100;

    private static final Comparator<Problem> BY_ROW =
            Comparator.comparing(Problem::row, Comparator.nullsFirst(Comparator.naturalOrder()));

    private final List<Problem> listed = new ArrayList<>();
    private int count;

    /** Adds a problem: kept when it is among the first {@link #LISTED} by row, counted anyway. */
    public void add(Problem problem) {
        count++;
        if (listed.size() == LISTED && BY_ROW.compare(problem, listed.get(LISTED - 1)) >= 0) {
            return;
        }
        int at = listed.size();
        while (at > 0 && BY_ROW.compare(listed.get(at - 1), problem) > 0) {
            at--;
        }
        listed.add(at, problem);
        if (listed.size() > LISTED) {
            listed.remove(LISTED);
        }
    }

    /** True before the first problem. */
    public boolean isEmpty() {
        return count == 0;
    }

    /** How many problems were added. */
    public int count() {
        return count;
    }

    /** The first {@link #LISTED} problems by row. */
    public List<Problem> listed() {
        return List.copyOf(listed);
    }
}
