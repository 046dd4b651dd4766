package org.delegateelection.vote;

import java.util.List;

/**
 * What one round of voting decided, as {@link RoundCounter#count} finds it. Written to and read from JSON as is.
 *
 * @param kind        what happened and whether another round is needed
 * @param elected     the candidates elected in this round, most approvals first; equal approvals keep ballot order.
 *                    Empty for {@link Kind#NO_QUORUM} and {@link Kind#VOID}
 * @param threshold   the least number of approvals that elects: more than half of the electors due to attend
 * @param nextBallot  the ballot of the next round, or {@code null} for {@link Kind#ELECTED_ALL}
 * @param explanation one or two sentences in Chinese for the people at the congress
 */
public record RoundOutcome(Kind kind, List<Elected> elected, int threshold, Ballot nextBallot, String explanation) {

    /** Copies the list of elected. */
    public RoundOutcome {
        elected = List.copyOf(elected);
    }

    /** What a round decided. */
    public enum Kind {
        /** Not more than the quorum share present: the round cannot proceed; the same ballot is voted on again. */
        NO_QUORUM,
        /** More ballots returned than issued: the round is void; the same ballot is voted on again. */
        VOID,
        /** Every seat of this round is filled. */
        ELECTED_ALL,
        /**
         * Candidates with equal approvals compete for the last seat(s): those above them are elected, the tied ones
         * go to a new round for the remaining seats.
         */
        TIE_AT_LAST_SEAT,
        /**
         * Fewer candidates reached the threshold than there are seats: they are elected, and the missing seats go to
         * another round among the other candidates of this ballot.
         */
        SHORTFALL
    }

    /**
     * One elected candidate.
     *
     * @param candidateId the candidate's id
     * @param approvals   approvals received in this round
     */
    public record Elected(String candidateId, int approvals) {
    }
}
