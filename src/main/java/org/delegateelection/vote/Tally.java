package org.delegateelection.vote;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The result of one round of voting as the counters (计票人) report it under the vote supervisors, before any rule is
 * applied. Counts are whole numbers of people or ballots; a field left out of the JSON is {@code null} and is rejected
 * by {@link RoundCounter#count}, which also checks the numbers against each other.
 *
 * <p>The returned and invalid ballots and the approvals come from the ballots read one by one ({@link BallotSheet},
 * {@link BallotCount#tally}): a ballot approving more people (candidates plus write-ins) than there are seats is
 * invalid, one approving as many or fewer is valid, and a ballot with marks beyond the prescribed ones is spoilt
 * (earlier text of 《中国共产党地方组织选举工作条例》, art. 20). Those ballots are counted in {@code invalidBallots}, and
 * their marks are not in {@code approvals}.
 *
 * @param electorsDueToAttend electors due to attend (应到会人数)
 * @param electorsPresent     electors present (实到会人数); at most those due to attend
 * @param ballotsIssued       ballots issued (发出选票); at most one per elector present, as absent electors may not
 *                            vote by proxy (《中国共产党地方组织选举工作条例》 art. 31)
 * @param ballotsReturned     ballots returned (收回选票); more than issued makes the round void, not the input wrong
 * @param invalidBallots      invalid ballots among those returned (无效票)
 * @param approvals           approvals (赞成票) per candidate id on the round's ballot, and per person written in
 *                            under {@link Ballot#writeInKey}; a candidate left out has none
 * @param boxes               when the round was counted box by box (票箱), each box's ballots issued and returned,
 *                            adding up to the round's; empty for a round entered as one batch. A box that returned
 *                            more than it issued makes the round void like the whole round would
 */
public record Tally(
        Integer electorsDueToAttend,
        Integer electorsPresent,
        Integer ballotsIssued,
        Integer ballotsReturned,
        Integer invalidBallots,
        Map<String, Integer> approvals,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Box> boxes) {

    /** Copies the boxes; none ({@code null}) is the tally of one batch. */
    public Tally {
        boxes = boxes == null ? List.of() : List.copyOf(boxes);
    }

    /** The tally of a round entered as one batch, without boxes. */
    public Tally(Integer electorsDueToAttend, Integer electorsPresent, Integer ballotsIssued, Integer ballotsReturned,
            Integer invalidBallots, Map<String, Integer> approvals) {
        this(electorsDueToAttend, electorsPresent, ballotsIssued, ballotsReturned, invalidBallots, approvals,
                List.of());
    }

    /**
     * One ballot box of the round.
     *
     * @param box             its number (票箱号)
     * @param ballotsIssued   ballots issued for it
     * @param ballotsReturned ballots found in it
     */
    public record Box(int box, int ballotsIssued, int ballotsReturned) {
    }

    /** The first box that returned more ballots than it issued, if any. */
    Optional<Box> overfilledBox() {
        return boxes.stream().filter(b -> b.ballotsReturned() > b.ballotsIssued()).findFirst();
    }
}
