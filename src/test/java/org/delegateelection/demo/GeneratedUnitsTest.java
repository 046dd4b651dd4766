package org.delegateelection.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.delegateelection.candidate.Candidate;
import org.delegateelection.demo.DecisionPlan.UnitNomination;
import org.delegateelection.election.ElectionUnit;
import org.delegateelection.national.SeatAllocation;
import org.delegateelection.nomination.Participation;
import org.delegateelection.quota.QuotaChecker;
import org.delegateelection.quota.QuotaReport;
import org.delegateelection.quota.QuotaRules;
import org.delegateelection.report.CompositionReport;
import org.delegateelection.report.NationalRollUp;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The 38 units of the national allocation as generated, without Spring: each unit's plan elects its delegates, and
 * the delegates of all 38 roll up to the figures the Organization Department published for the 20th Congress.
 */
public class GeneratedUnitsTest {

    /** The day the roll-up counts ages on: the Centre's date for the units' results. */
    public static final LocalDate AGE_ON = LocalDate.of(2022, 6, 30);
    private static final GeneratedUnits NATIONAL = new GeneratedUnits();

    @Test
    void theThirtyEightUnitsElectTheNationalFiguresOfThe20thCongress() {
        CompositionReport national = rollUp().composition();

        assertThat(national.count()).isEqualTo(2296);
        assertThat(national.frontline()).isEqualTo(figure(771, "33.6"));
        assertThat(national.workers()).isEqualTo(figure(192, "8.4"));
        assertThat(national.migrantWorkers()).isEqualTo(26);
        assertThat(national.farmers()).isEqualTo(figure(85, "3.7"));
        assertThat(national.professionalTechnicians()).isEqualTo(figure(266, "11.6"));
        assertThat(national.women()).isEqualTo(figure(619, "27.0"));
        assertThat(national.minorities()).isEqualTo(figure(264, "11.5"));
        assertThat(national.minorityGroups()).isEqualTo(40);
        assertThat(national.averageAge()).isEqualTo(new BigDecimal("52.2"));
        assertThat(national.under55()).isEqualTo(figure(1371, "59.7"));
        assertThat(national.under45()).isEqualTo(figure(434, "18.9"));
        assertThat(national.collegeOrAbove()).isEqualTo(figure(2191, "95.4"));
        assertThat(national.university()).isEqualTo(figure(826, "36.0"));
        assertThat(national.postgraduate()).isEqualTo(figure(1210, "52.7"));
        assertThat(national.joinedAfterReform()).isEqualTo(figure(2224, "96.9"));
        assertThat(national.joinedBefore1949().count()).isZero();
        assertThat(national.frontlineWithHonours()).isEqualTo(figure(710, "92.1"));
    }

    @Test
    void everyUnitMeetsTheCentresRequirementsOfItsKindAndFourSeatsStayEmpty() {
        NationalRollUp rollUp = rollUp();

        assertThat(rollUp.units()).isEqualTo(38);
        assertThat(rollUp.seats()).isEqualTo(2300);
        assertThat(rollUp.missing().values()).allSatisfy(names -> assertThat(names).isEmpty());
        assertThat(rollUp.unitFigures()).filteredOn(f -> f.delegates() < f.seats())
                .extracting(NationalRollUp.UnitFigures::code)
                .containsExactlyInAnyOrderElementsOf(GeneratedUnits.VACANT);
        NationalRollUp.UnitFigures army = rollUp.unitFigures().stream().filter(f -> f.code().equals("pla"))
                .findFirst().orElseThrow();
        assertThat(army.requirements()).containsExactly("55岁以下代表不少于一半");
        NationalRollUp.UnitFigures zhejiang = rollUp.unitFigures().stream().filter(f -> f.code().equals("zhejiang"))
                .findFirst().orElseThrow();
        assertThat(zhejiang.requirements()).hasSize(4);
        assertThat(zhejiang.women().percent()).isGreaterThan(new BigDecimal("33.4"));
    }

    @Test
    void theHandbooksUnitIsTheHandbookElection() {
        HandbookElection handbook = new HandbookElection();
        HandbookElection ofTheNation = NATIONAL.of("handbook-province");

        assertThat(ofTheNation.unit()).isEqualTo(handbook.unit());
        assertThat(ofTheNation.candidates()).isEqualTo(handbook.candidates());
        assertThat(ofTheNation.plan()).isEqualTo(handbook.plan());
    }

    @Test
    void everyUnitsPlanPassesEveryBlockingCheckOfItsRulesAndElectsItsDelegates() {
        for (SeatAllocation.Row allocated : NATIONAL.allocation().rows()) {
            HandbookElection election = NATIONAL.of(allocated.code());
            QuotaRules rules = allocated.code().equals("handbook-province") ? QuotaRules.defaults()
                    : QuotaRules.defaults().withOverrides(new ObjectMapper().valueToTree(
                            GeneratedUnits.ruleOverrides(allocated.kind())));
            assertThat(failedChecks(election, rules)).as(allocated.name()).isEmpty();
            assertThat(election.unit().seats()).isEqualTo(allocated.seats());
            assertThat(election.plan().electedList()).hasSize(allocated.seats()
                    - (GeneratedUnits.VACANT.contains(allocated.code()) ? 1 : 0));
            assertThat(election.plan().prospectiveList().size()).isGreaterThan(allocated.seats() * 115 / 100);
            assertThat(election.unit().recommendingUnits()).allSatisfy(ru -> assertThat(ru.nomineeQuota()).isPositive());
        }
    }

    @Test
    void generatingAgainGivesTheSameUnits() {
        GeneratedUnits again = new GeneratedUnits();

        for (String code : List.of("pla", "macau", "xinjiang")) {
            assertThat(again.of(code).candidates()).isEqualTo(NATIONAL.of(code).candidates());
            assertThat(again.of(code).plan()).isEqualTo(NATIONAL.of(code).plan());
        }
    }

    /**
     * The roll-up of the delegates the 38 units' plans elect, ages on {@link #AGE_ON}: the figures this class proves
     * to be the published ones, which a drive of all 38 must reproduce (the concurrent benchmark checks it).
     */
    public static NationalRollUp rollUp() {
        List<NationalRollUp.Unit> units = new ArrayList<>();
        for (SeatAllocation.Row allocated : NATIONAL.allocation().rows()) {
            HandbookElection election = NATIONAL.of(allocated.code());
            units.add(new NationalRollUp.Unit(allocated.code(), allocated.name(), election.unit().seats(),
                    allocated.kind(), election.unit().womenMemberShare(), GeneratedUnits.elected(election)));
        }
        return NationalRollUp.of(units, AGE_ON);
    }

    /** Every quota check the procedure runs on the plan's decisions, as "checkpoint:rule" for each blocking one failed. */
    static List<String> failedChecks(HandbookElection election, QuotaRules rules) {
        return planReports(election, rules).stream()
                .flatMap(report -> report.results().stream().filter(r -> !r.passed() && r.blocking())
                        .map(r -> report.checkpoint().id() + ":" + r.ruleId() + " " + r.actual()))
                .toList();
    }

    /** The report of every quota check the procedure runs on the plan's decisions, in the order of the procedure. */
    static List<QuotaReport> planReports(HandbookElection election, QuotaRules rules) {
        ElectionUnit unit = election.unit();
        DecisionPlan plan = election.plan();
        Map<String, Candidate> byId = election.candidates().stream()
                .collect(Collectors.toMap(Candidate::id, Function.identity()));
        Function<List<String>, List<Candidate>> people = ids -> ids.stream().map(byId::get).toList();
        QuotaChecker checker = new QuotaChecker(unit, rules);
        List<QuotaReport> reports = new ArrayList<>(List.of(checker.allocation(), checker.plan()));
        for (UnitNomination nomination : plan.nominations()) {
            reports.add(checker.participation(new Participation(nomination.branchesTotal(),
                    nomination.branchesRecommending(), nomination.membersTotal(), nomination.membersParticipating())));
            reports.add(checker.unitNominees(nomination.unitCode(), people.apply(nomination.nomineeIds())));
        }
        List<Candidate> inspected = people.apply(plan.inspectionList());
        reports.add(checker.inspection(inspected));
        reports.add(checker.identity(inspected));
        reports.add(checker.inspected(people.apply(plan.keptAfterInspection())));
        reports.add(checker.preliminary(people.apply(plan.preliminaryList()), plan.keptAfterInspection().size()));
        reports.add(checker.prospective(people.apply(plan.prospectiveList())));
        reports.add(checker.ballot(people.apply(plan.prospectiveList()), unit.seats()));
        reports.add(checker.elected(people.apply(plan.electedList()), plan.electedList().size()));
        return reports;
    }

    private static CompositionReport.Figure figure(int count, String percent) {
        return new CompositionReport.Figure(count, new BigDecimal(percent));
    }
}
