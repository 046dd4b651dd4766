package org.delegateelection.procedure;

import org.delegateelection.candidate.CandidateList;

/**
 * A document a step's form links to for download: the roster of prospective candidates (step 21), the election
 * result (steps 24 and 25), or the composition of a list (the list decided before the step).
 *
 * @param kind which document
 * @param list for {@link Kind#COMPOSITION}, the list whose composition is shown; otherwise {@code null}
 */
public record StepDocument(Kind kind, CandidateList list) {

    /** The documents the application produces for a step. */
    public enum Kind {
        /** The roster of prospective candidates with their registration forms (PDF and .xlsx). */
        PROSPECTIVE_ROSTER,
        /** The election result: the elected in stroke order, every round and its tally (PDF and .xlsx). */
        ELECTION_RESULT,
        /** The composition of a list against the requirements (chart and .xlsx). */
        COMPOSITION
    }

    /** The roster of prospective candidates. */
    public static StepDocument roster() {
        return new StepDocument(Kind.PROSPECTIVE_ROSTER, null);
    }

    /** The election result. */
    public static StepDocument result() {
        return new StepDocument(Kind.ELECTION_RESULT, null);
    }

    /** The composition of {@code list}. */
    public static StepDocument composition(CandidateList list) {
        return new StepDocument(Kind.COMPOSITION, list);
    }
}
