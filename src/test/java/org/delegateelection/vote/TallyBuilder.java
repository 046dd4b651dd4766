package org.delegateelection.vote;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test support: a {@link Tally} written with the counters' words instead of six numbers in a row, e.g.
 * {@code TallyBuilder.due(800).present(780).issued(780).returned(779).invalid(3).approving("A", 612).build()}.
 * A step left out stays {@code null}, as a field missing from the JSON; approvals left out are none.
 */
public final class TallyBuilder {

    private final Integer due;
    private Integer present;
    private Integer issued;
    private Integer returned;
    private Integer invalid;
    private Map<String, Integer> approvals = new LinkedHashMap<>();

    private TallyBuilder(Integer due) {
        this.due = due;
    }

    /** Electors due to attend (应到会人数). */
    public static TallyBuilder due(Integer electorsDueToAttend) {
        return new TallyBuilder(electorsDueToAttend);
    }

    /** Electors present (实到会人数). */
    public TallyBuilder present(Integer electorsPresent) {
        this.present = electorsPresent;
        return this;
    }

    /** Ballots issued (发出选票). */
    public TallyBuilder issued(Integer ballotsIssued) {
        this.issued = ballotsIssued;
        return this;
    }

    /** Ballots returned (收回选票). */
    public TallyBuilder returned(Integer ballotsReturned) {
        this.returned = ballotsReturned;
        return this;
    }

    /** Invalid ballots among those returned (无效票). */
    public TallyBuilder invalid(Integer invalidBallots) {
        this.invalid = invalidBallots;
        return this;
    }

    /** Approvals (赞成票) of one candidate, or of one person written in. */
    public TallyBuilder approving(String candidate, int votes) {
        approvals.put(candidate, votes);
        return this;
    }

    /** Approvals of several candidates at once (a {@code null} map stays {@code null} in the tally). */
    public TallyBuilder approvals(Map<String, Integer> byCandidate) {
        if (byCandidate == null) {
            approvals = null;
        } else {
            approvals.putAll(byCandidate);
        }
        return this;
    }

    /** The tally as the counters report it. */
    public Tally build() {
        return new Tally(due, present, issued, returned, invalid,
                approvals == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(approvals)));
    }
}
