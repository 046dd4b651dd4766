package org.delegateelection.vote;

import java.util.Map;

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
 */
public record Tally(
        Integer electorsDueToAttend,
        Integer electorsPresent,
        Integer ballotsIssued,
        Integer ballotsReturned,
        Integer invalidBallots,
        Map<String, Integer> approvals) {
}
