package org.delegateelection.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.delegateelection.quota.People.person;
import static org.delegateelection.quota.People.roster;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.delegateelection.candidate.Candidate;
import org.delegateelection.candidate.FrontlineKind;
import org.delegateelection.election.RecommendingUnit;
import org.delegateelection.nomination.Participation;
import org.delegateelection.system.InvalidInputException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuotaCheckerTest {

    private static final QuotaRules RULES = QuotaRules.defaults();

    private final QuotaChecker handbook = new QuotaChecker(Handbook.unit(), RULES);

    @Nested
    class Allocation {

        @Test
        void theHandbooksAllocationIsFeasible() {
            QuotaReport report = handbook.allocation();

            assertThat(report.checkpoint()).isEqualTo(Checkpoint.ALLOCATION);
            assertThat(report.passed()).isTrue();
            assertThat(report.results()).extracting(QuotaReport.RuleResult::ruleId).containsExactly(
                    "seatsAllocated", "nomineeQuotaCoversPreliminary", "womenMemberShareValid",
                    "competitiveElection", "targetsFitNomineeQuota");
            assertThat(result(report, "competitiveElection").sentence())
                    .isEqualTo("初步人选最低数 80 名，代表名额 69 名，多出 15.9%，多于 79.35 名（差额比例超过 15.0%），符合要求");
            assertThat(result(report, "targetsFitNomineeQuota").actual()).contains("女性（高于党员中女性比例 29.0%）至少 27 名");
        }

        @Test
        void tooFewPreliminaryCandidatesForACompetitiveElectionFail() {
            Handbook unit = new Handbook();
            unit.minPreliminary = 79;

            QuotaReport report = check(unit).allocation();

            assertThat(report.passed()).isFalse();
            assertThat(failed(report)).containsExactly("competitiveElection");
        }

        @Test
        void noSeatsMoreMinimumThanNomineesAndAnImpossibleWomenShareFail() {
            Handbook unit = new Handbook();
            unit.seats = 0;
            unit.minPreliminary = 91;
            unit.womenMemberShare = BigDecimal.ONE;

            assertThat(failed(check(unit).allocation())).containsExactly(
                    "seatsAllocated", "nomineeQuotaCoversPreliminary", "womenMemberShareValid",
                    "targetsFitNomineeQuota");
        }

        @Test
        void aMinorityTargetAboveTheNomineeQuotaFails() {
            Handbook unit = new Handbook();
            unit.minMinorities = 91;

            QuotaReport report = check(unit).allocation();

            assertThat(failed(report)).containsExactly("targetsFitNomineeQuota");
            assertThat(result(report, "targetsFitNomineeQuota").sentence())
                    .contains("少数民族至少 91 名", "应均不超过推荐提名人选名额 90 名");
        }
    }

    @Nested
    class Plan {

        @Test
        void theHandbooksPlanAddsUp() {
            QuotaReport report = handbook.plan();

            assertThat(report.passed()).isTrue();
            assertThat(result(report, "unitQuotasAddUp").actual()).isEqualTo("17 个推荐单位名额合计 90 名");
            assertThat(result(report, "leadingCadreMaxShare").actual()).isEqualTo("党员领导干部目标 51 名，占 56.7%");
            assertThat(result(report, "frontlineMinShare").actual()).isEqualTo("生产和工作第一线目标 39 名，占 43.3%");
        }

        @Test
        void unitQuotasThatDoNotAddUpOrAreZeroFail() {
            Handbook unit = new Handbook();
            unit.units.set(0, new RecommendingUnit("city01", "第1市", 0));

            QuotaReport report = check(unit).plan();

            assertThat(failed(report)).containsExactly("unitQuotasAddUp", "unitQuotasPositive");
            assertThat(result(report, "unitQuotasPositive").actual()).isEqualTo("推荐单位第1市（city01）名额 0 名");
        }

        @Test
        void exactlyTwoThirdsLeadingCadresPassAndOneMoreFails() {
            Handbook twoThirds = new Handbook();
            twoThirds.leadingCadreTarget = 60;
            twoThirds.frontlineTarget = 30;
            Handbook over = new Handbook();
            over.leadingCadreTarget = 61;
            over.frontlineTarget = 29;

            assertThat(check(twoThirds).plan().passed()).isTrue();
            assertThat(failed(check(over).plan())).containsExactly("leadingCadreMaxShare", "frontlineMinShare");
        }

        @Test
        void targetsThatDoNotAddUpOrExceedTheQuotaFail() {
            Handbook unit = new Handbook();
            unit.frontlineTarget = 38;
            unit.minUnder55Nominees = 91;

            assertThat(failed(check(unit).plan())).containsExactly("targetsFitNomineeQuota", "categoryTargetsAddUp");
        }
    }

    @Nested
    class ParticipationCheck {

        @Test
        void aMajorityTakingPartPassesWithItsRate() {
            QuotaReport report = handbook.participation(new Participation(20, 20, 1000, 995));

            assertThat(report.passed()).isTrue();
            assertThat(result(report, "participationMajority").actual()).endsWith("参与率 99.5%");
        }

        @Test
        void exactlyHalfIsNotAMajority() {
            assertThat(failed(handbook.participation(new Participation(20, 20, 1000, 500))))
                    .containsExactly("participationMajority");
            assertThat(handbook.participation(new Participation(20, 20, 1000, 501)).passed()).isTrue();
        }

        @Test
        void figuresAboveTheirTotalsFail() {
            assertThat(failed(handbook.participation(new Participation(20, 21, 1000, 1001))))
                    .containsExactly("participationConsistent");
        }
    }

    @Nested
    class UnitNominees {

        @Test
        void fiveFullMembersOfTheUnitPass() {
            assertThat(handbook.unitNominees("city01", roster(5).build()).passed()).isTrue();
        }

        @Test
        void moreThanTheQuotaFails() {
            assertThat(failed(handbook.unitNominees("city01", roster(6).build()))).containsExactly("unitNomineeCount");
            assertThat(failed(handbook.unitNominees("city01", List.of()))).containsExactly("unitNomineeCount");
        }

        @Test
        void peopleOfAnotherUnitAndProbationaryMembersAreNamed() {
            List<Candidate> nominees = List.of(person("A1").build(),
                    person("A2").name("张三").unit("city02").build(),
                    person("A3").name("李四").probationary().build());

            QuotaReport report = handbook.unitNominees("city01", nominees);

            assertThat(failed(report)).containsExactly("nomineesOfUnit", "fullMembers");
            assertThat(result(report, "nomineesOfUnit").actual()).isEqualTo("其他单位推荐的 1 名：张三（A2，city02）");
            assertThat(result(report, "fullMembers").sentence())
                    .isEqualTo("预备党员 1 名：李四（A3），应均为正式党员，不符合要求");
        }

        @Test
        void anUnknownUnitIsRejected() {
            assertThatThrownBy(() -> handbook.unitNominees("city99", List.of()))
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.problems().get(0).field()).isEqualTo("unitCode"));
        }
    }

    @Nested
    class Inspection {

        private List<Candidate> pool(int size, int leading, int women, int minorities, int under55) {
            return roster(size).leadingCadres(leading).women(women).minorities(minorities).under55(under55)
                    .npcDeputies(3).build();
        }

        @Test
        void theHandbooksPoolMeetsThePlan() {
            QuotaReport report = handbook.inspection(pool(90, 51, 27, 2, 45));

            assertThat(report.passed()).isTrue();
            assertThat(result(report, "minoritiesCount").sentence()).isEqualTo("少数民族 2 名，不少于 2 名，符合要求");
            QuotaReport.RuleResult overlap = result(report, "npcCppccOverlap");
            assertThat(overlap.blocking()).isFalse();
            assertThat(overlap.sentence()).isEqualTo("同时是人大代表或政协委员的 3 名，占 3.3%，应尽量减少，仅作报告");
        }

        @Test
        void aPoolShortOfEveryTargetFailsOnEach() {
            QuotaReport report = handbook.inspection(pool(89, 52, 26, 1, 44));

            assertThat(failed(report)).containsExactly("nomineePoolCount", "leadingCadreTarget", "frontlineTarget",
                    "womenTarget", "under55Target", "minoritiesCount");
            assertThat(result(report, "frontlineTarget").sentence())
                    .isEqualTo("生产和工作第一线 37 名，应不少于实施方案目标 39 名，不符合要求");
        }
    }

    @Nested
    class Identity {

        @Test
        void consistentIdentitiesPass() {
            List<Candidate> people = new ArrayList<>(roster(10).leadingCadres(6).workers(2).build());
            people.add(person("M1").frontline(FrontlineKind.WORKER).migrantWorker().build());
            people.add(person("F1").frontline(FrontlineKind.FARMER).level("乡科级").build());

            assertThat(handbook.identity(people).passed()).isTrue();
        }

        @Test
        void everyIdentityFaultIsNamed() {
            List<Candidate> people = List.of(
                    person("N1").name("甲").category(null).build(),
                    person("K1").name("乙").frontline(null).build(),
                    person("K2").name("丙").frontlineKind(FrontlineKind.OTHER).build(),
                    person("M1").name("丁").frontline(FrontlineKind.FARMER).migrantWorker().build(),
                    person("H1").name("戊").frontline(FrontlineKind.PROFESSIONAL_TECHNICIAN).level("县处级").build());

            QuotaReport report = handbook.identity(people);

            assertThat(failed(report)).containsExactly("oneCategory", "frontlineKindConsistent",
                    "migrantWorkerIsWorker", "frontlineBelowCadreLevels");
            assertThat(result(report, "oneCategory").actual()).isEqualTo("未认定身份的 1 名：甲（N1）");
            assertThat(result(report, "frontlineKindConsistent").actual())
                    .contains("乙（K1，第一线人选未认定类别）", "丙（K2，非第一线人选认定了第一线类别）");
            assertThat(result(report, "migrantWorkerIsWorker").actual()).isEqualTo("未认定为工人的农民工 1 名：丁（M1）");
            assertThat(result(report, "frontlineBelowCadreLevels").sentence()).isEqualTo(
                    "担任省部级、厅局级、县处级职务的第一线人选 1 名：戊（H1，县处级），"
                            + "应均不是省部级、厅局级、县处级干部（防止“顶帽子”），不符合要求");
        }

        @Test
        void theCadreLevelsAreData() throws Exception {
            QuotaRules stricter = RULES.withOverrides(new ObjectMapper().readTree(
                    "{\"frontlineBelowCadreLevels\": {\"threshold\": {\"cadreLevels\": [\"省部级\", \"厅局级\", \"县处级\", \"乡科级\"]}}}"));
            List<Candidate> people = List.of(person("F1").frontline(FrontlineKind.FARMER).level("乡科级").build());

            assertThat(handbook.identity(people).passed()).isTrue();
            assertThat(failed(new QuotaChecker(Handbook.unit(), stricter).identity(people)))
                    .containsExactly("frontlineBelowCadreLevels");
        }
    }

    @Nested
    class Inspected {

        @Test
        void moreKeptThanTheLeastPreliminaryCountPasses() {
            assertThat(handbook.inspected(roster(81).build()).passed()).isTrue();
        }

        @Test
        void exactlyTheLeastPreliminaryCountLeavesNoRoomForCompetitiveInspection() {
            QuotaReport report = handbook.inspected(roster(80).build());

            assertThat(failed(report)).containsExactly("competitiveInspection");
            assertThat(result(report, "competitiveInspection").sentence())
                    .isEqualTo("考察后保留人选 80 名，应多于初步人选最低数 80 名，不符合要求");
        }

        @Test
        void aProbationaryMemberFails() {
            List<Candidate> kept = new ArrayList<>(roster(84).build());
            kept.add(person("X1").probationary().build());

            assertThat(failed(handbook.inspected(kept))).containsExactly("fullMembers");
        }
    }

    /** 80 people: 52 leading cadres, 28 frontline (7 workers, 3 farmers, 10 technicians), 24 women, 2 minorities. */
    private static People.Roster preliminary() {
        return roster(80).leadingCadres(52).workers(7).farmers(3).technicians(10).women(24).minorities(2).under55(40);
    }

    @Nested
    class Preliminary {

        @Test
        void aBalancedListOf80From90InspectedPasses() {
            QuotaReport report = handbook.preliminary(preliminary().build(), 90);

            assertThat(report.passed()).isTrue();
            assertThat(result(report, "workersShare").sentence())
                    .isEqualTo("工人 7 名，占 8.8%，与上届 8.7% 基本持平（相差不超过 2.0 个百分点），符合要求");
            assertThat(result(report, "womenShare").actual()).isEqualTo("女性 24 名，占 30.0%");
        }

        @Test
        void womenAtOrBelowTheMembersShareFail() {
            QuotaReport report = handbook.preliminary(roster(90).leadingCadres(56).workers(8).farmers(3)
                    .technicians(11).women(25).minorities(2).under55(45).build(), 95);

            assertThat(failed(report)).containsExactly("womenShare");
            assertThat(result(report, "womenShare").sentence())
                    .isEqualTo("女性 25 名，占 27.8%，应高于本单位党员中女性比例 29.0%，不符合要求");
        }

        @Test
        void tooFewOrNotFewerThanInspectedFail() {
            assertThat(failed(handbook.preliminary(preliminary().build(), 80)))
                    .containsExactly("competitiveInspection");
            List<Candidate> seventyNine = preliminary().build().subList(0, 79);
            assertThat(failed(handbook.preliminary(seventyNine, 90))).containsExactly("preliminaryCount");
        }

        @Test
        void structureBelowTheNoticesSharesFails() {
            QuotaReport report = handbook.preliminary(roster(80).leadingCadres(54).workers(7).farmers(0)
                    .technicians(10).women(24).minorities(1).under55(39).build(), 90);

            assertThat(failed(report)).containsExactly("leadingCadreMaxShare", "frontlineMinShare", "minoritiesCount",
                    "under55Share", "farmersShare");
            assertThat(result(report, "under55Share").sentence())
                    .isEqualTo("55岁以下 39 名，占 48.8%，应不少于 50.0%，不符合要求");
        }

        @Test
        void roughlyEqualIsJudgedOnThePrintedShare() {
            // 5 farmers of 80 = 6.25 % → 6.3 %, 2.5 points above 3.8 %
            QuotaReport tooMany = handbook.preliminary(preliminary().farmers(5).build(), 90);
            assertThat(failed(tooMany)).containsExactly("farmersShare");

            // 4 farmers of 69 = 5.797 % → 5.8 %, exactly 2.0 points above
            QuotaReport edge = handbook.preliminary(roster(69).leadingCadres(45).workers(6).farmers(4).technicians(9)
                    .women(21).minorities(2).under55(35).build(), 90);
            assertThat(result(edge, "farmersShare").passed()).isTrue();
        }

        @Test
        void aReportedOnlyRuleFailsWithoutFailingTheCheck() throws Exception {
            QuotaRules lenient = RULES.withOverrides(
                    new ObjectMapper().readTree("{\"farmersShare\": {\"blocking\": false}}"));

            QuotaReport report = new QuotaChecker(Handbook.unit(), lenient)
                    .preliminary(preliminary().farmers(0).build(), 90);

            assertThat(report.passed()).isTrue();
            assertThat(result(report, "farmersShare").passed()).isFalse();
            assertThat(result(report, "farmersShare").sentence()).endsWith("不符合要求（仅提示，不影响通过）");
        }
    }

    @Nested
    class Prospective {

        @Test
        void eightyFor69SeatsIsCompetitiveEnough() {
            QuotaReport report = handbook.prospective(preliminary().build());

            assertThat(report.passed()).isTrue();
            assertThat(result(report, "competitiveElection").actual()).isEqualTo("预备人选 80 名，代表名额 69 名，多出 15.9%");
        }

        @Test
        void seventyNineFor69SeatsIsNot() {
            List<Candidate> list = preliminary().build().subList(0, 79);

            assertThat(failed(handbook.prospective(list))).containsExactly("competitiveElection");
        }

        @Test
        void theSurplusIsData() throws Exception {
            QuotaRules twenty = RULES.withOverrides(
                    new ObjectMapper().readTree("{\"competitiveElection\": {\"threshold\": {\"minSurplus\": 0.2}}}"));

            QuotaReport report = new QuotaChecker(Handbook.unit(), twenty).prospective(preliminary().build());

            assertThat(failed(report)).containsExactly("competitiveElection");
            assertThat(result(report, "competitiveElection").required()).isEqualTo("多于 82.8 名（差额比例超过 20.0%）");
        }

        @Test
        void anAutonomousRegionsFortyPercentMinoritiesFailsAListWithFewer() throws Exception {
            QuotaRules region = RULES.withChange("minoritiesShare", new ObjectMapper().readTree("""
                    {"kind": "MINORITIES_MIN_SHARE", "label": "少数民族人选比例不低于 40%",
                     "regulation": "本自治区实施方案", "threshold": {"minShare": 0.4},
                     "checkpoints": ["prospective", "elected"]}"""));
            QuotaChecker checker = new QuotaChecker(Handbook.unit(), region);

            QuotaReport few = checker.prospective(roster(80).leadingCadres(52).workers(7).farmers(3).technicians(10)
                    .women(24).minorities(31).under55(40).build());
            QuotaReport enough = checker.prospective(roster(80).leadingCadres(52).workers(7).farmers(3)
                    .technicians(10).women(24).minorities(32).under55(40).build());

            assertThat(failed(few)).containsExactly("minoritiesShare");
            assertThat(result(few, "minoritiesShare").sentence())
                    .isEqualTo("少数民族 31 名，占 38.8%，应不少于 40.0%，不符合要求");
            assertThat(enough.passed()).isTrue();
            assertThat(result(enough, "minoritiesShare").passed()).isTrue();
        }
    }

    /**
     * Step 21, before the ballot is printed: the ballot's candidates against the seats it fills, by the default
     * ratio or by a unit's authorised exception ("" = none).
     */
    @ParameterizedTest(name = "{0} candidates for {1} seats, exception {2} -> {3}")
    @CsvSource(textBlock = """
            80, 69, '',   true,  多于 79.35 名（差额比例超过 15.0%）
            79, 69, '',   false, 多于 79.35 名（差额比例超过 15.0%）
            81, 70, '',   true,  多于 80.5 名（差额比例超过 15.0%）
            69, 69, 0,    true,  不少于 69 名（经中共中央组织部批准（组厅字〔2022〕1号），差额比例不低于 0.0%）
            68, 69, 0,    false, 不少于 69 名（经中共中央组织部批准（组厅字〔2022〕1号），差额比例不低于 0.0%）
            76, 69, 0.1,  true,  不少于 76 名（经中共中央组织部批准（组厅字〔2022〕1号），差额比例不低于 10.0%）
            75, 69, 0.1,  false, 不少于 76 名（经中共中央组织部批准（组厅字〔2022〕1号），差额比例不低于 10.0%）
            """)
    void theBallotIsCompetitiveByTheUnitsRatioOrItsAuthorisedException(int candidates, int seats, String allowed,
            boolean passed, String required) throws Exception {
        QuotaRules rules = allowed.isEmpty() ? RULES : RULES.withOverrides(new ObjectMapper().readTree("""
                {"competitiveElection": {"exception": {"authorisedBy": "中共中央组织部",
                 "documentReference": "组厅字〔2022〕1号", "allowedSurplus": %s}}}""".formatted(allowed)));

        QuotaReport report = new QuotaChecker(Handbook.unit(), rules).ballot(roster(candidates).build(), seats);

        assertThat(report.checkpoint()).isEqualTo(Checkpoint.BALLOT);
        assertThat(report.passed()).isEqualTo(passed);
        assertThat(result(report, "competitiveElection").required()).isEqualTo(required);
        assertThat(result(report, "competitiveElection").actual()).startsWith("选票上的候选人 " + candidates + " 名，应选 "
                + seats + " 名");
    }

    @Nested
    class Elected {

        private People.Roster elected() {
            return roster(69).leadingCadres(45).workers(6).farmers(3).technicians(9).women(21).minorities(2)
                    .under55(35);
        }

        @Test
        void sixtyNineBalancedDelegatesPass() {
            assertThat(handbook.elected(elected().build(), 69).passed()).isTrue();
        }

        @Test
        void aCountOtherThanExpectedFails() {
            QuotaReport report = handbook.elected(elected().build(), 71);

            assertThat(failed(report)).containsExactly("electedCount");
            assertThat(result(report, "electedCount").sentence()).isEqualTo("当选代表 69 名，应等于应选人数 71 名，不符合要求");
        }

        @Test
        void twentyWomenOf69AreJustBelowTheMembersShare() {
            // 20 / 69 = 28.99 %, 21 / 69 = 30.4 %
            assertThat(failed(handbook.elected(elected().women(20).build(), 69))).containsExactly("womenShare");
        }
    }

    @Test
    void everyReportListsTheRulesOfItsCheckpointOnly() {
        QuotaReport report = handbook.elected(roster(69).leadingCadres(45).build(), 69);

        assertThat(report.results()).extracting(QuotaReport.RuleResult::ruleId)
                .containsExactlyElementsOf(RULES.at(Checkpoint.ELECTED).stream().map(QuotaRule::id).toList());
        assertThat(report.results()).allSatisfy(r -> assertThat(r.label()).isNotBlank());
    }

    private static QuotaChecker check(Handbook unit) {
        return new QuotaChecker(unit.build(), RULES);
    }

    private static QuotaReport.RuleResult result(QuotaReport report, String ruleId) {
        return report.results().stream().filter(r -> r.ruleId().equals(ruleId)).findFirst().orElseThrow();
    }

    private static List<String> failed(QuotaReport report) {
        return report.results().stream().filter(r -> !r.passed()).map(QuotaReport.RuleResult::ruleId).toList();
    }
}
