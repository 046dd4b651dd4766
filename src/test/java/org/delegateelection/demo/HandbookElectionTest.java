package org.delegateelection.demo;

import org.delegateelection.candidate.Candidate;
import org.delegateelection.candidate.CandidateStatus;
import org.delegateelection.candidate.Category;
import org.delegateelection.candidate.FrontlineKind;
import org.delegateelection.demo.DecisionPlan.Tally;
import org.delegateelection.demo.DecisionPlan.UnitNomination;
import org.delegateelection.election.ElectionUnit;
import org.delegateelection.election.RecommendingUnit;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class HandbookElectionTest {

    private final HandbookElection election = new HandbookElection();
    private final ElectionUnit unit = election.unit();
    private final DecisionPlan plan = election.plan();
    private final Map<String, Candidate> byId = election.candidates().stream()
            .collect(Collectors.toMap(Candidate::id, Function.identity()));

    @Test
    void generatesTheSameElectionEveryTime() {
        HandbookElection again = new HandbookElection();

        assertThat(again.unit()).isEqualTo(unit);
        assertThat(again.candidates()).isEqualTo(election.candidates());
        assertThat(again.plan()).isEqualTo(plan);
    }

    @Test
    void unitHasTheHandbookFigures() {
        assertThat(unit.code()).isEqualTo("handbook-province");
        assertThat(unit.seats()).isEqualTo(69);
        assertThat(unit.nomineeQuota()).isEqualTo(90);
        assertThat(unit.minPreliminary()).isEqualTo(80);
        assertThat(unit.womenMemberShare()).isEqualByComparingTo("0.290");
        assertThat(unit.recommendingUnits()).hasSize(17);
        assertThat(unit.recommendingUnits().stream().map(RecommendingUnit::code).filter(c -> c.matches("city\\d\\d")))
                .hasSize(13);
        assertThat(unit.recommendingUnits().stream().mapToInt(RecommendingUnit::nomineeQuota).sum()).isEqualTo(90);
    }

    @Test
    void poolIsRealisticAndEveryUnitRecommendsMoreThanItsQuota() {
        List<Candidate> pool = election.candidates();

        assertThat(pool).hasSizeBetween(120, 140);
        assertThat(pool).allSatisfy(c -> {
            assertThat(c.id()).matches("HB-\\d{4}");
            assertThat(c.status()).isEqualTo(CandidateStatus.REGISTERED);
            assertThat(c.ageOn(unit.ageReferenceDate())).isBetween(38, 62);
            assertThat(c.joinedPartyOn()).isAfter(c.birthDate().plusYears(18)).isBefore(unit.ageReferenceDate());
            assertThat(c.frontlineKind() != null).isEqualTo(c.frontline());
            if (c.frontline()) {
                assertThat(c.level()).isIn("乡科级", "无");
            }
        });
        assertThat(pool.stream().map(Candidate::id).distinct()).hasSize(pool.size());
        assertThat(pool.stream().map(Candidate::name).distinct()).hasSize(pool.size());
        assertThat(pool.stream().filter(c -> !c.fullMember())).hasSize(2);
        assertThat(pool.stream().filter(Candidate::fullMember))
                .allSatisfy(c -> assertThat(c.joinedPartyOn()).isBefore(unit.ageReferenceDate().minusYears(1)));
        assertThat(pool.stream().filter(Candidate::minority).map(Candidate::ethnicity).distinct())
                .hasSizeGreaterThanOrEqualTo(4);
        for (RecommendingUnit recommending : unit.recommendingUnits()) {
            assertThat(pool.stream().filter(c -> c.recommendingUnit().equals(recommending.code())).count())
                    .as(recommending.code())
                    .isGreaterThan(recommending.nomineeQuota());
        }
    }

    @Test
    void eachUnitNominatesExactlyItsQuotaFromItsOwnPeople() {
        assertThat(plan.nominations()).extracting(UnitNomination::unitCode)
                .containsExactlyElementsOf(unit.recommendingUnits().stream().map(RecommendingUnit::code).toList());
        for (int i = 0; i < plan.nominations().size(); i++) {
            UnitNomination nomination = plan.nominations().get(i);
            RecommendingUnit recommending = unit.recommendingUnits().get(i);
            assertThat(nomination.nomineeIds()).hasSize(recommending.nomineeQuota());
            assertThat(people(nomination.nomineeIds()))
                    .allSatisfy(c -> assertThat(c.recommendingUnit()).isEqualTo(recommending.code()));
            assertThat(nomination.branchesRecommending()).isBetween(nomination.branchesTotal() / 2 + 1,
                    nomination.branchesTotal());
            assertThat(nomination.membersParticipating()).isBetween(nomination.membersTotal() / 2 + 1,
                    nomination.membersTotal());
        }
    }

    @Test
    void nomineesMeetThePoolTargets() {
        List<String> nominees = plan.nominations().stream().flatMap(n -> n.nomineeIds().stream()).toList();
        Counts counts = new Counts(people(nominees));

        assertThat(plan.inspectionList()).containsExactlyInAnyOrderElementsOf(nominees);
        assertThat(counts.size).isEqualTo(unit.nomineeQuota());
        assertThat(counts.leadingCadres).isEqualTo(unit.leadingCadreTarget());
        assertThat(counts.frontline).isEqualTo(unit.frontlineTarget());
        assertThat(counts.women).isGreaterThanOrEqualTo(unit.minWomenNominees());
        assertThat(counts.minorities).isGreaterThanOrEqualTo(unit.minMinorities());
        assertThat(counts.under55).isGreaterThanOrEqualTo(unit.minUnder55Nominees());
        assertThat(people(nominees)).allMatch(Candidate::fullMember);
    }

    @Test
    void listsNarrowStepByStep() {
        assertThat(plan.inspectionList()).hasSize(90);
        assertThat(plan.keptAfterInspection()).hasSize(88);
        assertThat(plan.inspectionList()).containsAll(plan.keptAfterInspection());
        assertThat(plan.keptAfterInspection()).containsAll(plan.preliminaryList());
        assertThat(plan.preliminaryList()).containsAll(plan.prospectiveList());
        assertThat(plan.prospectiveList()).containsAll(plan.electedList());
        assertThat(plan.keptAfterInspection()).containsAll(plan.failingPreliminaryProposal());

        assertThat(plan.preliminaryList().size()).isGreaterThanOrEqualTo(unit.minPreliminary())
                .isLessThan(plan.keptAfterInspection().size() - 1);
        assertThat(plan.prospectiveList()).hasSize(80);
        assertThat((double) plan.prospectiveList().size()).isGreaterThan(unit.seats() * 1.15);
        assertThat(plan.electedList()).hasSize(unit.seats());
    }

    @Test
    void decidedListsMeetTheStructuralQuotas() {
        assertThat(violations(plan.preliminaryList())).isEmpty();
        assertThat(violations(plan.prospectiveList())).isEmpty();
        assertThat(violations(plan.electedList())).isEmpty();
    }

    @Test
    void failingProposalHasTooFewWomenButIsOtherwiseFine() {
        assertThat(plan.failingPreliminaryProposal()).hasSize(plan.preliminaryList().size());
        assertThat(violations(plan.failingPreliminaryProposal())).containsExactly("women");
    }

    @Test
    void confirmedReportTakesOutSomeoneNoLaterListNeeds() {
        String removed = plan.confirmedReport().candidateId();

        assertThat(plan.confirmedReport().confirmed()).isTrue();
        assertThat(plan.confirmedReport().report()).isNotBlank();
        assertThat(plan.confirmedReport().finding()).isNotBlank();
        assertThat(plan.keptAfterInspection()).contains(removed);
        assertThat(plan.preliminaryList()).doesNotContain(removed);
        assertThat(plan.failingPreliminaryProposal()).doesNotContain(removed);
        assertThat(plan.keptAfterInspection().size() - 1).isGreaterThan(plan.preliminaryList().size());
    }

    @Test
    void objectionDuringTheNoticeIsAboutAPreliminaryCandidateAndNotConfirmed() {
        assertThat(plan.unconfirmedObjection().confirmed()).isFalse();
        assertThat(plan.preliminaryList()).contains(plan.unconfirmedObjection().candidateId());
        assertThat(plan.unconfirmedObjection().report()).isNotBlank();
        assertThat(plan.unconfirmedObjection().finding()).isNotBlank();
    }

    @Test
    void probationaryMembersAreOnNoList() {
        List<String> probationary = election.candidates().stream().filter(c -> !c.fullMember())
                .map(Candidate::id).toList();

        assertThat(probationary).isNotEmpty();
        assertThat(plan.inspectionList()).doesNotContainAnyElementsOf(probationary);
        assertThat(plan.failingPreliminaryProposal()).doesNotContainAnyElementsOf(probationary);
    }

    @Test
    void tallyElectsExactlyThePlannedDelegates() {
        Tally tally = plan.tally();
        int valid = tally.ballotsReturned() - tally.invalidBallots();

        assertThat(tally.electorsPresent()).isGreaterThan(tally.electorsDueToAttend() / 2)
                .isLessThanOrEqualTo(tally.electorsDueToAttend());
        assertThat(tally.ballotsIssued()).isLessThanOrEqualTo(tally.electorsPresent());
        assertThat(tally.ballotsReturned()).isLessThanOrEqualTo(tally.ballotsIssued());
        assertThat(tally.approvals().keySet()).containsExactlyElementsOf(plan.prospectiveList());
        assertThat(tally.approvals().values()).allMatch(a -> a >= 0 && a <= valid);
        assertThat(tally.approvals().values().stream().mapToInt(Integer::intValue).sum())
                .isLessThanOrEqualTo(valid * unit.seats());
        List<String> aboveHalf = tally.approvals().entrySet().stream()
                .filter(e -> e.getValue() > tally.electorsDueToAttend() / 2)
                .map(Map.Entry::getKey).toList();
        assertThat(aboveHalf).containsExactlyElementsOf(plan.electedList());
    }

    @Test
    void electedResembleTheNationalComposition() {
        List<Candidate> elected = people(plan.electedList());
        Counts counts = new Counts(elected);
        LocalDate on = unit.ageReferenceDate();

        assertThat(share(counts.frontline, counts.size)).isBetween(0.30, 0.40);
        assertThat(share(counts.women, counts.size)).isBetween(0.29, 0.36);
        assertThat(elected.stream().mapToInt(c -> c.ageOn(on)).average().orElseThrow()).isBetween(50.0, 54.0);
        assertThat(share(elected.stream().filter(c -> c.ageOn(on) < 45).count(), counts.size)).isBetween(0.10, 0.25);
        assertThat(share(elected.stream().filter(c -> c.education().collegeOrAbove()).count(), counts.size))
                .isGreaterThanOrEqualTo(0.90);
        assertThat(share(elected.stream().filter(c -> c.joinedPartyOn().isAfter(LocalDate.of(1978, 12, 18))).count(),
                counts.size)).isGreaterThanOrEqualTo(0.90);
        List<Candidate> frontline = elected.stream().filter(Candidate::frontline).toList();
        assertThat(share(frontline.stream().filter(Candidate::provincialHonour).count(), frontline.size()))
                .isGreaterThanOrEqualTo(0.80);
    }

    /** The rules a preliminary, prospective or elected list must meet; returns the names of those it breaks. */
    private List<String> violations(List<String> ids) {
        Counts counts = new Counts(people(ids));
        List<String> broken = new ArrayList<>();
        if (counts.leadingCadres * 3 > counts.size * 2) {
            broken.add("leadingCadres");
        }
        if (counts.frontline * 3 < counts.size) {
            broken.add("frontline");
        }
        if (share(counts.women, counts.size) <= unit.womenMemberShare().doubleValue()) {
            broken.add("women");
        }
        if (counts.minorities < unit.minMinorities()) {
            broken.add("minorities");
        }
        if (counts.under55 * 2 < counts.size) {
            broken.add("under55");
        }
        if (Math.abs(share(counts.workers, counts.size) - 0.087) > 0.03) {
            broken.add("workers");
        }
        if (Math.abs(share(counts.farmers, counts.size) - 0.038) > 0.03) {
            broken.add("farmers");
        }
        if (Math.abs(share(counts.technicians, counts.size) - 0.124) > 0.03) {
            broken.add("technicians");
        }
        if (new HashSet<>(ids).size() != ids.size()) {
            broken.add("duplicates");
        }
        return broken;
    }

    private List<Candidate> people(List<String> ids) {
        return ids.stream().map(byId::get).toList();
    }

    private static double share(long part, long whole) {
        return (double) part / whole;
    }

    private final class Counts {
        final int size;
        int leadingCadres;
        int frontline;
        int women;
        int minorities;
        int under55;
        int workers;
        int farmers;
        int technicians;

        Counts(List<Candidate> people) {
            size = people.size();
            for (Candidate c : people) {
                leadingCadres += c.category() == Category.LEADING_CADRE ? 1 : 0;
                frontline += c.category() == Category.FRONTLINE ? 1 : 0;
                women += c.woman() ? 1 : 0;
                minorities += c.minority() ? 1 : 0;
                under55 += c.ageOn(unit.ageReferenceDate()) < 55 ? 1 : 0;
                workers += c.frontlineKind() == FrontlineKind.WORKER ? 1 : 0;
                farmers += c.frontlineKind() == FrontlineKind.FARMER ? 1 : 0;
                technicians += c.frontlineKind() == FrontlineKind.PROFESSIONAL_TECHNICIAN ? 1 : 0;
            }
        }
    }
}
