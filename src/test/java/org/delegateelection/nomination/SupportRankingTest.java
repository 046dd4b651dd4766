package org.delegateelection.nomination;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.delegateelection.nomination.SupportRanking.Tallied;
import org.junit.jupiter.api.Test;

/** The ranking of the people recommended by their support, and the departures from it, without Spring. */
class SupportRankingTest {

    private static Tallied person(String id, String unit, long branches, long votes) {
        return new Tallied(id, id, null, null, unit, branches, votes);
    }

    @Test
    void withinAUnitPeopleRankByVotesThenBranchesAndEqualsShareARank() {
        List<Support> ranked = SupportRanking.rank(List.of(person("C", "u", 40, 700), person("A", "u", 50, 900),
                person("B", "u", 45, 700), person("D", "u", 45, 700)), Map.of("u", 1000L));
        assertThat(ranked).extracting(Support::candidateId).containsExactly("A", "B", "D", "C");
        assertThat(ranked).extracting(Support::rank).containsExactly(1, 2, 2, 4);
        assertThat(ranked.get(0).share()).isEqualTo(new BigDecimal("90.0"));
    }

    @Test
    void acrossUnitsTheShareOfEachUnitsMembersTakingPartCounts() {
        List<Support> ranked = SupportRanking.rank(List.of(person("big", "city", 300, 3000),
                person("small", "college", 40, 900)), Map.of("city", 10_000L, "college", 1000L));
        assertThat(ranked).extracting(Support::candidateId).containsExactly("small", "big");
        assertThat(ranked).extracting(Support::share).containsExactly(new BigDecimal("90.0"), new BigDecimal("30.0"));
    }

    @Test
    void choosingSomeoneWithLessSupportThanSomeoneLeftOutIsADeparture() {
        List<Support> ranked = SupportRanking.rank(List.of(person("A", "u", 50, 900), person("B", "u", 45, 800),
                person("C", "u", 40, 100)), Map.of("u", 1000L));
        Map<String, String> names = Map.of("A", "甲", "B", "乙", "C", "丙", "D", "丁");
        List<String> pool = List.of("A", "B", "C", "D");
        assertThat(SupportRanking.departures(ranked, pool, List.of("A", "B"), names)).isEmpty();
        assertThat(SupportRanking.departures(ranked, pool, List.of("A", "C"), names))
                .containsExactly("丙（第 3 名）入选而乙（第 2 名）未选");
        assertThat(SupportRanking.departures(ranked, pool, List.of("A", "B", "D"), names))
                .containsExactly("丁（未获推荐）入选而丙（第 3 名）未选");
        assertThat(SupportRanking.departures(ranked, pool, List.of("A", "D"), names))
                .containsExactly("丁（未获推荐）入选而乙（第 2 名）未选");
    }
}
