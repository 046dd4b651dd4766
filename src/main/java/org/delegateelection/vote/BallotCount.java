package org.delegateelection.vote;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ballots of one round added up, which is all that is kept of them: how many were returned, how many of those
 * were invalid, and for every person the approvals, disapprovals and abstentions on the valid ones. There is no
 * ballot-by-ballot record, so nothing here can say who handed in which ballot or in which order the ballots were read
 * (secret ballot, 《中国共产党地方组织选举工作条例》 art. 6): the same ballots read in any order give equal counts.
 *
 * @param ballot          the ballot the round voted on
 * @param ballotsReturned ballots read (收回选票)
 * @param invalidBallots  of them, invalid: approving more people than seats, or marked spoilt by the counters
 * @param marks           per candidate id on the ballot, and per write-in ({@link Ballot#writeInKey}), the marks on
 *                        the valid ballots; every candidate of the ballot is present, write-ins only when approved
 */
public record BallotCount(Ballot ballot, int ballotsReturned, int invalidBallots, Map<String, Marks> marks) {

    /** Copies the map, keeping its order (ballot order, then write-ins as first met). */
    public BallotCount {
        marks = Collections.unmodifiableMap(new LinkedHashMap<>(marks));
    }

    /** Approvals, disapprovals and abstentions for one person on the valid ballots. */
    public record Marks(int approvals, int disapprovals, int abstentions) {

        /** These marks and those of other ballots together. */
        public Marks plus(Marks other) {
            return new Marks(approvals + other.approvals, disapprovals + other.disapprovals,
                    abstentions + other.abstentions);
        }
    }

    /**
     * The tally counted by {@link RoundCounter}: these ballots with the attendance the counters report.
     *
     * @param electorsDueToAttend electors due to attend
     * @param electorsPresent     electors present
     * @param ballotsIssued       ballots issued
     */
    public Tally tally(Integer electorsDueToAttend, Integer electorsPresent, Integer ballotsIssued) {
        Map<String, Integer> approvals = new LinkedHashMap<>();
        marks.forEach((key, m) -> approvals.put(key, m.approvals()));
        return new Tally(electorsDueToAttend, electorsPresent, ballotsIssued, ballotsReturned, invalidBallots,
                approvals);
    }
}
