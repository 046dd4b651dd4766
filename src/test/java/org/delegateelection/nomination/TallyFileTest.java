package org.delegateelection.nomination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.delegateelection.system.InvalidInputException;
import org.delegateelection.system.Problem;
import org.delegateelection.system.TableFile;
import org.junit.jupiter.api.Test;

/** The checks of a file of branch tallies, without Spring: what is accepted, and each bad row refused by row. */
class TallyFileTest {

    private static final String HEADER = "基层党委,党支部,党员数,参加推荐党员数,人选编号,姓名,出生日期,工作单位,得票数\n";

    private static final TallyFile.Context CITY01 = new TallyFile.Context("city01",
            Map.of("HB-0001", new TallyFile.Registered("张伟", "city01"),
                    "HB-0002", new TallyFile.Registered("李娜", "city01"),
                    "HB-0099", new TallyFile.Registered("王强", "city02")),
            Map.of("西岭市第1基层党委", "city02"), Map.of("老支部", "东川市第9基层党委"), null);

    /** City01 in round 2, on the list round 1 sent down: 张伟 only. */
    private static final TallyFile.Context CITY01_ROUND_2 = new TallyFile.Context("city01", CITY01.registry(),
            CITY01.otherCommittees(), Map.of(), new TallyFile.RoundList(2, Map.of("HB-0001", "张伟")));

    private final List<TallyRow> rows = new ArrayList<>();

    private TallyFile.Summary read(String body) {
        return TallyFile.read(TableFile.Format.CSV, csv(HEADER + body), CITY01, rows::add);
    }

    private static InputStream csv(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private List<Problem> problems(String body) {
        try {
            read(body);
        } catch (InvalidInputException e) {
            return e.problems();
        }
        throw new AssertionError("accepted: " + body);
    }

    @Test
    void aBranchPerRowAndPersonIsReadWithItsCommitteeFiguresAndPeople() {
        TallyFile.Summary summary = read("""
                甲党委,一支部,30,29,HB-0001,,,,25
                甲党委,一支部,30,29,,赵新民,1978-03-12,,4
                甲党委,二支部,20,0,,,,,
                乙党委,三支部,12,12,HB-0002,李娜,,,12
                """);
        assertThat(summary.committees()).containsExactly("甲党委", "乙党委");
        assertThat(summary.branches()).isEqualTo(3);
        assertThat(summary.rows()).isEqualTo(4);
        assertThat(rows).extracting(TallyRow::newBranch).containsExactly(true, false, true, true);
        assertThat(rows.get(1).person()).isEqualTo(new Person(null, "赵新民", java.time.LocalDate.of(1978, 3, 12),
                null));
        assertThat(rows.get(2).person()).isNull();
        assertThat(rows.get(3).person().candidateId()).isEqualTo("HB-0002");
    }

    @Test
    void moreMembersTakingPartThanMembersIsRefusedWithItsRow() {
        assertThat(problems("甲党委,一支部,30,31,HB-0001,,,,25\n"))
                .containsExactly(new Problem(2, "参加推荐党员数", "参加推荐党员数 31 多于党员数 30"));
    }

    @Test
    void moreVotesThanMembersTakingPartIsRefused() {
        assertThat(problems("甲党委,一支部,30,29,HB-0001,,,,30\n"))
                .containsExactly(new Problem(2, "得票数", "得票数 30 多于参加推荐党员数 29"));
    }

    @Test
    void aBranchUnderTwoCommitteesIsRefusedInTheFileAndAgainstWhatIsInForce() {
        assertThat(problems("甲党委,一支部,30,29,HB-0001,,,,25\n乙党委,一支部,30,29,HB-0002,,,,20\n"))
                .extracting(Problem::row, Problem::field).containsExactly(org.assertj.core.groups.Tuple.tuple(3,
                        "基层党委"));
        assertThat(problems("甲党委,老支部,30,29,HB-0001,,,,25\n")).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("东川市第9基层党委"));
    }

    @Test
    void aPersonNamedTwiceInOneBranchIsRefused() {
        assertThat(problems("甲党委,一支部,30,29,HB-0001,,,,25\n甲党委,一支部,30,29,HB-0001,,,,3\n"))
                .singleElement().satisfies(p -> {
                    assertThat(p.row()).isEqualTo(3);
                    assertThat(p.reason()).contains("已列于第2行");
                });
        assertThat(problems("甲党委,一支部,30,29,,赵新民,1978-03-12,,5\n甲党委,一支部,30,29,,赵新民,1978-03-12,,3\n"))
                .hasSize(1);
    }

    @Test
    void aPersonOrCommitteeOfAnotherUnitIsRefused() {
        assertThat(problems("甲党委,一支部,30,29,HB-0099,,,,25\n")).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("不是本推荐单位的人选"));
        assertThat(problems("西岭市第1基层党委,一支部,30,29,HB-0001,,,,25\n")).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("属于推荐单位 city02"));
    }

    @Test
    void aPersonNotInTheRegistryNeedsABirthDateOrWorkplaceAndAnIdMustBeKnown() {
        assertThat(problems("甲党委,一支部,30,29,,赵新民,,,5\n甲党委,一支部,30,29,HB-7777,,,,5\n"))
                .extracting(Problem::row).containsExactly(2, 3);
    }

    @Test
    void aRoundAfterTheFirstNamesOnlyPeopleOnTheListTheRoundBeforeSentDown() {
        List<TallyRow> read = new ArrayList<>();
        TallyFile.read(TableFile.Format.CSV, csv(HEADER + "甲党委,一支部,30,29,HB-0001,,,,25\n甲党委,二支部,20,20,,张伟,,,18\n"),
                CITY01_ROUND_2, read::add);
        assertThat(read).extracting(row -> row.person().candidateId())
                .as("a name on the list is the person of the list").containsExactly("HB-0001", "HB-0001");

        assertThatThrownBy(() -> TallyFile.read(TableFile.Format.CSV, csv(HEADER + "甲党委,一支部,30,29,HB-0001,,,,25\n"
                + "甲党委,一支部,30,29,HB-0002,,,,9\n甲党委,二支部,20,20,,赵新民,1978-03-12,,5\n"), CITY01_ROUND_2, row -> { }))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems()).containsExactly(
                        new Problem(3, "人选编号", "李娜（HB-0002）不在第 1 轮下发的推荐人选名单中，第 2 轮只能推荐名单中的人选"),
                        new Problem(4, "姓名", "“赵新民”不在第 1 轮下发的推荐人选名单中，第 2 轮只能推荐名单中的人选")));
    }

    @Test
    void everyBadRowIsListedAndNothingIsHandedOnAfterTheFirstProblem() {
        assertThatThrownBy(() -> read("甲党委,一支部,30,31,HB-0001,,,,25\n甲党委,二支部,20,20,HB-0001,,,,5\n"
                + "甲党委,三支部,x,20,HB-0001,,,,5\n"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(Problem::row).containsExactly(2, 4));
        assertThat(rows).isEmpty();
    }
}
