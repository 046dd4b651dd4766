package org.delegateelection.demo;

import org.delegateelection.election.ElectionUnit;
import org.delegateelection.election.RecommendingUnit;
import org.delegateelection.quota.QuotaRules;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ElectionSizesTest {

    private static final List<HandbookElection> UNITS = HandbookElection.THIRTY_EIGHT_UNITS.stream()
            .map(HandbookElection::new).toList();

    @Test
    void thirtyEightUnitsOfVariousSizesHave2300Seats() {
        List<Integer> seats = UNITS.stream().map(e -> e.unit().seats()).toList();

        assertThat(seats).hasSize(38).isEqualTo(HandbookElection.THIRTY_EIGHT_UNITS);
        assertThat(seats.stream().mapToInt(Integer::intValue).sum()).isEqualTo(2300);
        assertThat(seats.stream().distinct().count()).isGreaterThan(30);
        assertThat(seats).contains(36, 150);
    }

    @Test
    void nomineePoolsAreAboutOnePointThreeTimesTheSeats() {
        int seats = 0;
        int nominees = 0;
        for (HandbookElection election : UNITS) {
            ElectionUnit unit = election.unit();
            int pool = election.plan().inspectionList().size();
            assertThat(pool).isEqualTo(unit.nomineeQuota())
                    .isEqualTo(unit.recommendingUnits().stream().mapToInt(RecommendingUnit::nomineeQuota).sum());
            assertThat((double) pool / unit.seats()).isBetween(1.2, 1.5);
            assertThat(election.candidates().size()).isGreaterThan(pool);
            seats += unit.seats();
            nominees += pool;
        }
        assertThat((double) nominees / seats).isBetween(1.28, 1.35);
    }

    @Test
    void everyUnitsPlanPassesEveryQuotaCheckAndElectsItsSeats() {
        for (HandbookElection election : UNITS) {
            assertThat(failedChecks(election)).as("%d seats", election.unit().seats()).isEmpty();
            assertThat(election.plan().electedList()).hasSize(election.unit().seats());
            assertThat(election.plan().prospectiveList().size()).isGreaterThan(election.unit().seats() * 115 / 100);
        }
    }

    @Test
    void theHandbooksSeatsGiveTheHandbookElection() {
        HandbookElection handbook = new HandbookElection();
        HandbookElection scaled = new HandbookElection(HandbookElection.HANDBOOK_SEATS);

        assertThat(scaled.unit()).isEqualTo(handbook.unit());
        assertThat(scaled.candidates()).isEqualTo(handbook.candidates());
        assertThat(scaled.plan()).isEqualTo(handbook.plan());
        assertThat(failedChecks(handbook)).isEmpty();
    }

    @Test
    void noSeatsIsRejected() {
        assertThatThrownBy(() -> new HandbookElection(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("代表名额");
    }

    /** Every quota check the procedure runs on the plan's decisions, as "checkpoint:rule" for each one failed. */
    private static List<String> failedChecks(HandbookElection election) {
        return GeneratedUnitsTest.planReports(election, QuotaRules.defaults()).stream()
                .flatMap(report -> report.results().stream().filter(r -> !r.passed())
                        .map(r -> report.checkpoint().id() + ":" + r.ruleId()))
                .toList();
    }
}
