package org.delegateelection.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.delegateelection.candidate.Candidate;
import org.delegateelection.candidate.Category;
import org.delegateelection.candidate.Education;
import org.delegateelection.candidate.FrontlineKind;
import org.delegateelection.candidate.Gender;
import org.delegateelection.demo.HandbookElection;
import org.delegateelection.national.SeatAllocation.Kind;
import org.junit.jupiter.api.Test;

/** The national roll-up over units' delegates, without Spring. */
class NationalRollUpTest {

    private static final LocalDate AGE_ON = LocalDate.of(2022, 6, 30);

    @Test
    void theThirtyEightUnitsAddUpAndEachMeetsTheCentresRequirements() {
        List<NationalRollUp.Unit> units = new ArrayList<>();
        int delegates = 0;
        int women = 0;
        for (int i = 0; i < HandbookElection.THIRTY_EIGHT_UNITS.size(); i++) {
            HandbookElection election = new HandbookElection(HandbookElection.THIRTY_EIGHT_UNITS.get(i));
            Set<String> elected = Set.copyOf(election.plan().electedList());
            List<Candidate> people = election.candidates().stream().filter(c -> elected.contains(c.id())).toList();
            delegates += people.size();
            women += (int) people.stream().filter(Candidate::woman).count();
            units.add(new NationalRollUp.Unit("unit" + i, "单位" + i, election.unit().seats(), Kind.PROVINCE,
                    election.unit().womenMemberShare(), people));
        }
        units.add(new NationalRollUp.Unit("late", "未报单位", 40, Kind.PROVINCE, new BigDecimal("0.29"), null));

        NationalRollUp rollUp = NationalRollUp.of(units, AGE_ON);

        assertThat(rollUp.units()).isEqualTo(39);
        assertThat(rollUp.unitsReported()).isEqualTo(38);
        assertThat(rollUp.seats()).isEqualTo(2_340);
        assertThat(rollUp.composition().count()).isEqualTo(delegates);
        assertThat(rollUp.composition().women().count()).isEqualTo(women);
        assertThat(rollUp.missing().values()).allSatisfy(names -> assertThat(names).isEmpty());
        assertThat(rollUp.missing().keySet()).containsExactly("女代表比例高于本地区女党员比例",
                "生产和工作第一线代表不少于三分之一", "党员领导干部代表不超过三分之二", "55岁以下代表不少于一半");
        NationalRollUp.UnitFigures late = rollUp.unitFigures().get(38);
        assertThat(late.reported()).isFalse();
        assertThat(late.delegates()).isZero();
        assertThat(late.missed()).isEmpty();
    }

    /**
     * Exactly one third frontline and two thirds leading cadres meet the requirements; one fewer frontline delegate
     * does not. Women at exactly the members' share are not above it.
     */
    @Test
    void theRequirementsAreComparedExactlyAndTheUnitsMissingThemAreNamed() {
        // 3 delegates: 1 frontline woman under 55, 2 leading cadres men, one of them under 55
        List<Candidate> met = List.of(person("a", Gender.FEMALE, Category.FRONTLINE, 40),
                person("b", Gender.MALE, Category.LEADING_CADRE, 50), person("c", Gender.MALE, Category.LEADING_CADRE, 58));
        // the same with the frontline woman a leading cadre: no frontline, all cadres
        List<Candidate> missed = List.of(person("d", Gender.FEMALE, Category.LEADING_CADRE, 40),
                person("e", Gender.MALE, Category.LEADING_CADRE, 56), person("f", Gender.MALE, Category.LEADING_CADRE, 58));

        // 4 delegates, one woman: 25 %, just the women's share among the members
        List<Candidate> womenAtTheMembersShare = List.of(person("g", Gender.FEMALE, Category.FRONTLINE, 40),
                person("h", Gender.MALE, Category.FRONTLINE, 41), person("i", Gender.MALE, Category.LEADING_CADRE, 42),
                person("j", Gender.MALE, Category.LEADING_CADRE, 43));

        NationalRollUp rollUp = NationalRollUp.of(List.of(
                new NationalRollUp.Unit("east", "东省", 3, Kind.PROVINCE, new BigDecimal("0.30"), met),
                new NationalRollUp.Unit("west", "西省", 3, Kind.PROVINCE, new BigDecimal("0.40"), missed),
                new NationalRollUp.Unit("north", "北省", 4, Kind.PROVINCE, new BigDecimal("0.25"), womenAtTheMembersShare)),
                AGE_ON);

        assertThat(rollUp.unitFigures().get(0).missed()).isEmpty();
        assertThat(rollUp.unitFigures().get(2).missed()).containsExactly("女代表比例 25.0%，未高于本地区女党员比例 25.0%");
        assertThat(rollUp.unitFigures().get(1).missed()).containsExactly(
                "女代表比例 33.3%，未高于本地区女党员比例 40.0%",
                "生产和工作第一线代表 0 名，占 0.0%，少于三分之一",
                "党员领导干部代表 3 名，占 100.0%，超过三分之二",
                "55岁以下代表 1 名，占 33.3%，少于一半");
        assertThat(rollUp.missing()).containsEntry("女代表比例高于本地区女党员比例", List.of("西省", "北省"))
                .containsEntry("生产和工作第一线代表不少于三分之一", List.of("西省"))
                .containsEntry("党员领导干部代表不超过三分之二", List.of("西省"))
                .containsEntry("55岁以下代表不少于一半", List.of("西省"));
        assertThat(rollUp.composition().count()).isEqualTo(10);
        assertThat(rollUp.composition().frontline().count()).isEqualTo(3);
    }

    private static Candidate person(String id, Gender gender, Category category, int age) {
        return new Candidate(id, "张" + id, gender, "汉族", AGE_ON.minusYears(age).minusDays(1),
                LocalDate.of(2000, 7, 1), true, Education.UNIVERSITY, category,
                category == Category.FRONTLINE ? FrontlineKind.WORKER : null, false, null, null, "city01", false,
                false, false, null);
    }
}
