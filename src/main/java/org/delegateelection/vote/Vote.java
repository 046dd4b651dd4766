package org.delegateelection.vote;

import org.delegateelection.candidate.CandidateList;

/**
 * The two secret-ballot votes of the procedure, both counted by {@link org.delegateelection.vote.RoundCounter}
 * round by round: the plenary vote on the prospective candidates (step 20) and the election at the congress (step
 * 23).
 */
public enum Vote {

    /**
     * Step 20: the plenary session of the unit's party committee (全委会) votes the prospective candidates from the
     * preliminary list, quorum more than two thirds of the members. Nobody can be written in: a prospective candidate
     * must have been inspected (《中国共产党地方组织选举工作条例》 art. 24 for the quorum).
     */
    PLENARY("plenary_round", Assembly.COMMITTEE_PLENARY, CandidateList.PROSPECTIVE, false, "plenary-ballots"),

    /** Step 23: the congress (党代表大会) elects the delegates, quorum more than half; people may be written in. */
    CONGRESS("tally_round", Assembly.CONGRESS, CandidateList.ELECTED, true, "ballots");

    private final String roundTable;
    private final Assembly assembly;
    private final CandidateList decides;
    private final boolean writeIns;
    private final String ballotsResource;

    Vote(String roundTable, Assembly assembly, CandidateList decides, boolean writeIns, String ballotsResource) {
        this.ballotsResource = ballotsResource;
        this.roundTable = roundTable;
        this.assembly = assembly;
        this.decides = decides;
        this.writeIns = writeIns;
    }

    /** The table keeping the vote's counted rounds. */
    String roundTable() {
        return roundTable;
    }

    /** The body that votes, which sets the quorum. */
    public Assembly assembly() {
        return assembly;
    }

    /** The list the people elected in the vote make up. */
    public CandidateList decides() {
        return decides;
    }

    /** True when a ballot of this vote may name a person written in (另选他人). */
    public boolean writeIns() {
        return writeIns;
    }

    /** The resource of an election that takes the vote's ballot files: {@code POST /api/elections/{id}/<this>}. */
    public String ballotsResource() {
        return ballotsResource;
    }
}
