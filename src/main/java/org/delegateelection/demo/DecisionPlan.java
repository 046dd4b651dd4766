package org.delegateelection.demo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.delegateelection.vote.Tally;

/**
 * What the deciding bodies of the demo election decide, step by step, so that a driver can act as them. Lists hold
 * candidate ids of {@link HandbookElection#candidates()} in id order.
 *
 * <p>The report against a candidate is meant to arrive after the inspection report (step 13) and before the
 * preliminary list is proposed (step 16): its candidate is in {@link #keptAfterInspection()} but on no later list.
 *
 * @param nominations                the tallies and nominees of every recommending unit (steps 5–7), in unit order
 * @param inspectionList             people to inspect, proposed by the standing committee (step 8): all 90 nominees;
 *                                   the four checks (step 11) clear them all
 * @param keptAfterInspection        people kept by the inspection report (step 13): the political assessment finds two
 *                                   of the inspected unsuitable
 * @param failingPreliminaryProposal a first proposal of the preliminary list (step 16) that the quota check rejects:
 *                                   three frontline women of {@link #preliminaryList()} swapped for three frontline
 *                                   men kept after inspection, so women fall to 23 of 82 (28.0 %), not above the
 *                                   29.0 % of women among the province's party members
 * @param preliminaryList            the preliminary candidates (step 16), 82
 * @param prospectiveList            the prospective candidates voted by the plenary committee (step 20), 80
 * @param plenaryTally               the tally of the plenary vote (step 20) that approves {@link #prospectiveList()}
 *                                   out of the preliminary list, with as many places as it has people
 * @param electedList                the delegates the congress elects (step 23), 69
 * @param tally                      the tally of the congress vote that elects {@link #electedList()}
 * @param confirmedReport            a report against a candidate (信访举报) that the verification confirms
 * @param unconfirmedObjection       an objection during the public notice (step 18) that is not confirmed
 */
public record DecisionPlan(
        List<UnitNomination> nominations,
        List<String> inspectionList,
        List<String> keptAfterInspection,
        List<String> failingPreliminaryProposal,
        List<String> preliminaryList,
        List<String> prospectiveList,
        Tally plenaryTally,
        List<String> electedList,
        Tally tally,
        CandidateReport confirmedReport,
        CandidateReport unconfirmedObjection) {

    public DecisionPlan {
        nominations = List.copyOf(nominations);
        inspectionList = List.copyOf(inspectionList);
        keptAfterInspection = List.copyOf(keptAfterInspection);
        failingPreliminaryProposal = List.copyOf(failingPreliminaryProposal);
        preliminaryList = List.copyOf(preliminaryList);
        prospectiveList = List.copyOf(prospectiveList);
        electedList = List.copyOf(electedList);
    }

    /**
     * One recommending unit's branch recommendation (step 5) and decision (step 7).
     *
     * @param unitCode             the recommending unit's code
     * @param branchesTotal        party branches in the unit
     * @param branchesRecommending branches that held a recommendation meeting
     * @param membersTotal         party members in the unit
     * @param membersParticipating members who took part in the recommendation
     * @param nomineeIds           the nominees the unit's party committee decides, exactly its nominee quota
     */
    public record UnitNomination(
            String unitCode,
            int branchesTotal,
            int branchesRecommending,
            int membersTotal,
            int membersParticipating,
            List<String> nomineeIds) {

        public UnitNomination {
            nomineeIds = List.copyOf(nomineeIds);
        }
    }

    /**
     * The tally of one round of a vote (step 20 or 23), from which the driver generates the ballots it enters.
     *
     * @param electorsDueToAttend electors due to attend (应到会)
     * @param electorsPresent     electors present (实到会)
     * @param ballotsIssued       ballots handed out
     * @param ballotsReturned     ballots returned
     * @param invalidBallots      returned ballots that are invalid
     * @param approvals           approvals per candidate id, in id order
     */
    public record Tally(
            int electorsDueToAttend,
            int electorsPresent,
            int ballotsIssued,
            int ballotsReturned,
            int invalidBallots,
            Map<String, Integer> approvals) {

        public Tally {
            approvals = Collections.unmodifiableMap(new LinkedHashMap<>(approvals));
        }
    }

    /**
     * A report against a candidate or an objection during the public notice, with the verification's outcome.
     *
     * @param candidateId the candidate it is about
     * @param report      what was reported, in Chinese
     * @param confirmed   whether the verification confirms it
     * @param finding     the verification's finding, in Chinese
     */
    public record CandidateReport(String candidateId, String report, boolean confirmed, String finding) {
    }
}
