package org.delegateelection.procedure;

import org.delegateelection.candidate.CandidateList;

/**
 * A document a step's form links to for download: the roster of prospective candidates (step 21), the election
 * result (steps 24 and 25), the composition of a list (the list decided before the step), or the ballot paper of the
 * vote's next round (steps 20, 22 and 23), the support of the branch recommendation (steps 5 to 8).
 *
 * @param kind which document
 * @param list for {@link Kind#COMPOSITION}, the list whose composition is shown; otherwise {@code null}
 * @param vote for {@link Kind#BALLOT_PAPER}, the ballot's vote as requested: congress, preliminary or plenary;
 *             otherwise {@code null}
 */
public record StepDocument(Kind kind, CandidateList list, String vote) {

    /** The documents the application produces for a step. */
    public enum Kind {
        /** The roster of prospective candidates with their registration forms (PDF and .xlsx). */
        PROSPECTIVE_ROSTER,
        /** The election result: the elected in stroke order, every round and its tally (PDF and .xlsx). */
        ELECTION_RESULT,
        /** The composition of a list against the requirements (chart and .xlsx). */
        COMPOSITION,
        /** The ballot paper of a vote's next round (PDF, A4 and A3). */
        BALLOT_PAPER,
        /**
         * The support of the branch recommendation, ranked (.xlsx): of the task's recommending unit at steps 5 to 7,
         * of the whole electoral unit at step 8. The steps with it show the support in their forms too.
         */
        SUPPORT
    }

    /** The roster of prospective candidates. */
    public static StepDocument roster() {
        return new StepDocument(Kind.PROSPECTIVE_ROSTER, null, null);
    }

    /** The election result. */
    public static StepDocument result() {
        return new StepDocument(Kind.ELECTION_RESULT, null, null);
    }

    /** The composition of {@code list}. */
    public static StepDocument composition(CandidateList list) {
        return new StepDocument(Kind.COMPOSITION, list, null);
    }

    /** The support of the branch recommendation. */
    public static StepDocument support() {
        return new StepDocument(Kind.SUPPORT, null, null);
    }

    /** The ballot paper of the next round of {@code vote}: congress, preliminary or plenary. */
    public static StepDocument ballotPaper(String vote) {
        return new StepDocument(Kind.BALLOT_PAPER, null, vote);
    }
}
