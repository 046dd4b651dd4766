package org.delegateelection.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.delegateelection.process.DrivenElections.UNIT;
import static org.delegateelection.process.DrivenElections.idList;
import static org.delegateelection.process.DrivenElections.womenSentence;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.delegateelection.AuditHistoryProcessTest;
import org.delegateelection.EngineClock;
import org.delegateelection.candidate.Candidate;
import org.delegateelection.candidate.CandidateList;
import org.delegateelection.candidate.CandidateRepository;
import org.delegateelection.candidate.CandidateStatus;
import org.delegateelection.demo.GeneratedBallots;
import org.delegateelection.document.DocumentController;
import org.delegateelection.process.DrivenElections.Election;
import org.delegateelection.system.TableFile;
import org.delegateelection.vote.Ballot;
import org.delegateelection.vote.BallotCount;
import org.delegateelection.vote.BallotRounds;
import org.delegateelection.vote.RoundOutcome;
import org.delegateelection.vote.StrokeOrder;
import org.delegateelection.vote.Vote;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Stages 4 to 7 of {@code delegate-election} (steps 14–25) as the deciding bodies meet them: every gateway both ways,
 * and completions the server refuses without changing anything. Each test drives a copy of the handbook election
 * with the handbook plan to the step under test and decides that step itself through
 * {@code TaskService.complete}, as the REST API does. The public notice (step 18) is in
 * {@link PublicNoticeProcessTest}. History is kept at level audit, not full: it holds all these checks read, and
 * a drive takes half the time.
 */
@AuditHistoryProcessTest
class LateStagesProcessTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /**
     * The engine's clock in every test: a Monday of a year the working-day calendar covers, so that the public notice
     * on the way has a due date whatever day the tests run.
     */
    @RegisterExtension
    static final EngineClock CLOCK = EngineClock.at(LocalDateTime.of(2022, 6, 6, 9, 0));
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private ProcessEngine processEngine;
    @Autowired
    private DrivenElections elections;
    @Autowired
    private CandidateRepository candidates;
    @Autowired
    private BallotRounds ballotRounds;
    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private DocumentController documents;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(processEngine);
    }

    @AfterEach
    void tearDown() {
        BpmnAwareTests.reset();
    }

    // ---- step 15: regulators consulted only where needed

    @Test
    void step15IsAskedWhenSomeoneKeptWorksInFinanceOrEnterprises() {
        Election election = elections.start("t-regulators-asked").advanceTo("consultDisciplineCommission");
        assertThat(election.people(CandidateList.SUITABLE))
                .anyMatch(c -> ElectionUnits.REGULATED_SECTORS.contains(c.sector()));

        election.complete("consultDisciplineCommission", signedOpinion());

        assertThat(election.instance).isWaitingAt("consultRegulators");
    }

    @Test
    void step15IsSkippedWhenNobodyKeptWorksInFinanceOrEnterprises() {
        Election election = elections.start("t-regulators-skipped").advanceTo("consultDisciplineCommission");
        candidates.saveAll(election.id, election.people(CandidateList.SUITABLE).stream()
                .map(c -> ElectionUnits.REGULATED_SECTORS.contains(c.sector()) ? inSector(c, "科研") : c)
                .toList(), "tester", "更正所在领域");

        election.complete("consultDisciplineCommission", signedOpinion());

        assertThat(election.instance).isWaitingAt("proposePreliminaryList").hasNotPassed("consultRegulators");
    }

    // ---- step 16: the preliminary list's check

    @Test
    void step16ListFailingItsCheckComesBackWithTheReportUntilAListFits() {
        Election election = elections.start("t-preliminary-check").advanceTo("proposePreliminaryList");
        List<String> tooFew = election.plan.preliminaryList().subList(0, UNIT.minPreliminary() - 1);

        election.complete("proposePreliminaryList", selected(tooFew));

        assertThat(election.instance).isWaitingAt("proposePreliminaryList");
        assertThat(election.reportShownAt("proposePreliminaryList")).contains("未通过",
                "初步人选 " + tooFew.size() + " 名，应不少于 " + UNIT.minPreliminary() + " 名，不符合要求");

        List<String> tooFewWomen = election.plan.failingPreliminaryProposal();
        election.complete("proposePreliminaryList", selected(tooFewWomen));

        assertThat(election.instance).isWaitingAt("proposePreliminaryList");
        assertThat(election.reportShownAt("proposePreliminaryList"))
                .contains("未通过", womenSentence(election.people(tooFewWomen)) + "，不符合要求");

        election.complete("proposePreliminaryList", selected(election.plan.preliminaryList()));

        assertThat(election.instance).isWaitingAt("consultCentralOrganization");
        assertThat(election.ids(CandidateList.PRELIMINARY))
                .containsExactlyInAnyOrderElementsOf(election.plan.preliminaryList());
        assertThat(election.people(CandidateList.PRELIMINARY))
                .allMatch(c -> c.status() == CandidateStatus.PRELIMINARY);
        List<String> proposedBefore = tooFewWomen.stream()
                .filter(id -> !election.plan.preliminaryList().contains(id)).toList();
        assertThat(election.people(proposedBefore)).isNotEmpty()
                .allMatch(c -> c.status() == CandidateStatus.INSPECTED);
        assertThat(election.timesEntered("checkPreliminaryList")).isEqualTo(3);
    }

    // ---- step 17: the Central Organization Department's view of the preliminary list

    @Test
    void step17DisagreementReturnsToStep16() {
        Election election = elections.start("t-central-disagrees").advanceTo("consultCentralOrganization");

        election.complete("consultCentralOrganization", Map.of("approved", false,
                "comment", "女性人选中第一线人选偏少，请调整后再报。"));

        assertThat(election.instance).isWaitingAt("proposePreliminaryList").hasNotPassed("publicNotice");

        election.complete("proposePreliminaryList", selected(election.plan.preliminaryList()));

        assertThat(election.instance).isWaitingAt("consultCentralOrganization");
        assertThat(election.timesEntered("consultCentralOrganization")).isEqualTo(2);
    }

    // ---- steps 19 and 20: the plenary vote on the prospective candidates

    @Test
    void step19FixesHowManyProspectiveCandidatesTheVoteDeterminesWithinTheCompetitiveRange() {
        Election election = elections.start("t-plenary-count").advancePastNoticeTo("plenaryDeliberation");
        Map<String, Object> good = Map.of("completedOn", "2022-06-08", "note", "已酝酿。",
                "prospectiveCount", election.plan.prospectiveList().size());
        int preliminary = election.plan.preliminaryList().size();
        int least = UNIT.seats() + UNIT.seats() * 15 / 100 + 1;

        assertRefused(election, "plenaryDeliberation", with(good, "prospectiveCount", preliminary + 1),
                "prospectiveCount");
        assertRefused(election, "plenaryDeliberation", with(good, "prospectiveCount", least - 1), "prospectiveCount");
        assertRefused(election, "plenaryDeliberation", with(good, "prospectiveCount", "八十"), "prospectiveCount");
        election.complete("plenaryDeliberation", with(good, "prospectiveCount", least));

        assertThat((String) election.shownAt("plenaryVote", "ballotText"))
                .startsWith("全委会表决确定预备人选：" + ballotText(least, preliminary));
        String header = ((String) election.shownAt("plenaryVote", "ballotsText")).lines().findFirst().orElseThrow();
        assertThat(Arrays.stream(header.split(",")).filter(column -> !column.equals("无效"))
                .map(column -> column.split(" ")[1]).toList())
                .hasSize(preliminary).isSortedAccordingTo(StrokeOrder.NAMES);
    }

    @Test
    void step20ShortfallLeavingTheListNotMoreThan15PercentOverTheSeatsIsVotedAgainAmongTheOthers() {
        Election election = elections.start("t-prospective-check").advancePastNoticeTo("plenaryVote");
        List<String> prospective = election.plan.prospectiveList();
        String leavingOut = election.people(prospective).stream()
                .filter(c -> !election.plan.electedList().contains(c.id()) && !c.frontline())
                .findFirst().orElseThrow().id();
        List<String> onlyFifteenPercentOver = prospective.stream().filter(id -> !id.equals(leavingOut)).toList();
        BigDecimal mustExceed = BigDecimal.valueOf(UNIT.seats()).multiply(new BigDecimal("1.15"));
        assertThat(BigDecimal.valueOf(onlyFifteenPercentOver.size())).isLessThanOrEqualTo(mustExceed);
        Map<String, Integer> approvals = new LinkedHashMap<>(election.plan.plenaryTally().approvals());
        approvals.put(leavingOut, 38);

        // 76 members due: 38 approvals are exactly half, not enough
        election.complete("plenaryVote", plenaryBallots(election, 76, 72, 72, 72, 0, approvals));

        assertThat(election.instance).isWaitingAt("plenaryVote").hasPassed("countPlenaryVote", "checkProspective");
        assertThat((String) election.variable("roundOutcome")).contains("至少 39 票", "尚缺 1 名");
        assertThat(election.ids(CandidateList.PROSPECTIVE)).containsExactlyInAnyOrderElementsOf(onlyFifteenPercentOver);
        assertThat(election.reportShownAt("plenaryVote")).contains("未通过",
                "预备人选 " + onlyFifteenPercentOver.size() + " 名，代表名额 " + UNIT.seats() + " 名",
                "应多于 " + mustExceed.stripTrailingZeros().toPlainString() + " 名");
        List<String> others = election.plan.preliminaryList().stream()
                .filter(id -> !onlyFifteenPercentOver.contains(id)).toList();
        assertThat((String) election.shownAt("plenaryVote", "ballotText"))
                .startsWith("全委会表决确定预备人选：" + ballotText(1, others.size()));
        assertThat((String) election.shownAt("plenaryVote", "lastRoundOutcome")).contains("尚缺 1 名");

        election.complete("plenaryVote", plenaryBallots(election, 76, 70, 70, 70, 0, Map.of(leavingOut, 50)));

        assertThat(election.instance).isWaitingAt("centralReview");
        assertThat(election.timesEntered("countPlenaryVote")).isEqualTo(2);
        assertThat(election.ids(CandidateList.PROSPECTIVE)).containsExactlyInAnyOrderElementsOf(prospective);
        assertThat(ballotRounds.rounds(election.id, Vote.PLENARY)).extracting(r -> r.outcome().kind())
                .containsExactly(RoundOutcome.Kind.SHORTFALL, RoundOutcome.Kind.ELECTED_ALL);
        assertThat(ballotRounds.rounds(election.id, Vote.CONGRESS)).isEmpty();
    }

    @Test
    void step20NeedsMoreThanTwoThirdsOfTheMembersAndATieIsVotedAgainWithoutTheCheck() {
        Election election = elections.start("t-plenary-rounds").advancePastNoticeTo("plenaryVote");
        List<String> prospective = election.plan.prospectiveList();
        String lastPlace = prospective.get(prospective.size() - 1);
        String rival = election.plan.preliminaryList().stream().filter(id -> !prospective.contains(id))
                .findFirst().orElseThrow();
        Map<String, Integer> tie = new LinkedHashMap<>(election.plan.plenaryTally().approvals());
        prospective.forEach(id -> tie.put(id, 48));
        tie.put(lastPlace, 45);
        tie.put(rival, 45);

        // exactly two thirds present is no quorum
        election.complete("plenaryVote", plenaryBallots(election, 75, 50, 50, 50, 0, Map.of()));
        assertThat((String) election.variable("roundOutcome")).contains("实到会 50 人", "三分之二", "不能进行表决");
        election.complete("plenaryVote", plenaryBallots(election, 75, 51, 51, 51, 0, tie));
        assertThat((String) election.variable("roundOutcome")).contains("得票相等");
        assertThat(election.instance).isWaitingAt("plenaryVote").hasNotPassed("checkProspective");
        assertThat((String) election.shownAt("plenaryVote", "ballotText"))
                .startsWith("全委会表决确定预备人选：" + ballotText(1, 2));
        election.complete("plenaryVote", plenaryBallots(election, 75, 51, 51, 51, 0, Map.of(lastPlace, 40, rival, 11)));

        assertThat(election.instance).isWaitingAt("centralReview");
        assertThat(election.timesEntered("plenaryVote")).isEqualTo(3);
        assertThat(election.ids(CandidateList.PROSPECTIVE)).containsExactlyInAnyOrderElementsOf(prospective);
        assertThat(election.person(rival).status()).isEqualTo(CandidateStatus.PRELIMINARY);
    }

    @Test
    void step20RefusesANameWrittenInAndBallotsOfTheCongress() {
        Election election = elections.start("t-plenary-bad").advancePastNoticeTo("plenaryVote");
        String typed = ballotFile(election, "plenaryVote", 3, 0, Map.of());
        Map<String, Object> good = Map.of("electorsDueToAttend", 4, "electorsPresent", 3, "ballotsIssued", 3,
                "ballotsText", typed);
        String writtenIn = typed.replaceFirst("\\n(反对|弃权)", "\n反对:王五");

        assertRefused(election, "plenaryVote", with(good, "ballotsText", writtenIn), "第2行字段 ");
        assertRefused(election, "plenaryVote", with(good, "ballotsText", writtenIn), "本次表决不能另选他人");
        assertThatThrownBy(() -> ballotRounds.enter(election.id, Vote.CONGRESS, TableFile.Format.CSV,
                typed.getBytes(StandardCharsets.UTF_8))).hasMessageContaining("尚无选票候选人名单");
        election.complete("plenaryVote", good);
        assertThat(election.instance).isWaitingAt("plenaryVote");
        assertThat((String) election.variable("roundOutcome")).contains("没有人选达到");
    }

    // ---- step 21: the Central Organization Department's review

    @Test
    void step21ApprovalPutsTheProspectiveCandidatesOnTheBallotForTheUnitsSeatsNamingCharactersWithoutStrokes() {
        Election election = elections.start("t-review-approves").advancePastNoticeTo("centralReview");
        // 囍 has a stroke count but no sequence in the data: its place is to be checked by hand
        Candidate renamed = election.person(election.plan.prospectiveList().get(0));
        candidates.saveAll(election.id, List.of(new Candidate(renamed.id(), "王囍", renamed.gender(),
                renamed.ethnicity(), renamed.birthDate(), renamed.joinedPartyOn(), renamed.fullMember(),
                renamed.education(), renamed.category(), renamed.frontlineKind(), renamed.migrantWorker(),
                renamed.sector(), renamed.level(), renamed.recommendingUnit(), renamed.npcDeputy(),
                renamed.cppccMember(), renamed.provincialHonour(), renamed.status())), "tester", "据户籍证明更正姓名");

        election.complete("centralReview", Map.of("approved", true));

        assertThat(election.instance).isWaitingAt("congressDeliberation");
        assertThat(election.ids(CandidateList.BALLOT))
                .containsExactlyInAnyOrderElementsOf(election.plan.prospectiveList());
        election.advanceTo("ballotAndCount");
        assertThat((String) election.shownAt("ballotAndCount", "ballotText"))
                .startsWith(ballotText(UNIT.seats(), election.plan.prospectiveList().size()));
        String header = ((String) election.shownAt("ballotAndCount", "ballotsText")).lines().findFirst().orElseThrow();
        List<String> names = Arrays.stream(header.split(",")).filter(column -> !column.equals("无效"))
                .map(column -> column.split(" ")[1]).toList();
        assertThat(names).hasSize(election.plan.prospectiveList().size()).isSortedAccordingTo(StrokeOrder.NAMES)
                .contains("王囍");
        assertThat((String) election.shownAt("ballotAndCount", "ballotText"))
                .endsWith("以下字缺少笔顺数据，暂排在同笔画数的字之后，请人工核对候选人顺序：囍。");
    }

    @Test
    void step21ReturnToStep19ReopensThePlenaryDeliberation() {
        Election election = elections.start("t-review-to-19").advancePastNoticeTo("centralReview");

        election.complete("centralReview", Map.of("approved", false, "comment", "请全委会重新酝酿。",
                "returnTo", "plenaryDeliberation"));

        assertThat(election.instance).isWaitingAt("plenaryDeliberation");
        assertThat(election.timesEntered("plenaryDeliberation")).isEqualTo(2);
        assertThat(election.timesEntered("stagePreliminary")).isEqualTo(1);
        assertThat(election.ids(CandidateList.BALLOT)).isEmpty();
    }

    @Test
    void step21ReturnToStep16GoesStraightToThePreliminaryListAndOnAgain() {
        Election election = elections.start("t-review-to-16").advancePastNoticeTo("centralReview");

        election.complete("centralReview", Map.of("approved", false, "comment", "初步人选结构需调整，请重新提出。",
                "returnTo", "proposePreliminaryList"));

        assertThat(election.instance).isWaitingAt("proposePreliminaryList");
        assertThat(election.timesEntered("stagePreliminary")).isEqualTo(2);
        assertThat(election.timesEntered("consultDisciplineCommission")).isEqualTo(1);
        assertThat(election.timesEntered("consultRegulators")).isEqualTo(1);

        election.complete("proposePreliminaryList", selected(election.plan.preliminaryList()));
        election.passPublicNotice();
        election.advanceTo("centralReview").complete("centralReview", Map.of("approved", true));

        assertThat(election.instance).isWaitingAt("congressDeliberation");
        assertThat(election.timesEntered("publicNotice")).isEqualTo(2);
        assertThat(election.timesEntered("plenaryVote")).isEqualTo(2);
    }

    @Test
    void step21CentreNomineeJoinsTheBallotAndIsElectedToASeatInAddition() throws Exception {
        Election election = elections.start("t-review-centre");
        assertThat(UNIT.centreNomineesInAddition()).isTrue();
        // the Centre's nominee is registered as such, under no recommending unit
        Candidate model = election.person(election.plan.prospectiveList().get(0));
        String nominee = "CENTRE-01";
        candidates.saveAll(election.id, List.of(new Candidate(nominee, "钱中华", model.gender(), model.ethnicity(),
                model.birthDate(), model.joinedPartyOn(), true, model.education(), model.category(),
                model.frontlineKind(), model.migrantWorker(), model.sector(), model.level(), null, false, false, false,
                CandidateStatus.REGISTERED)), "tester", null);
        election.advancePastNoticeTo("centralReview");
        assertThat(election.shownAt("centralReview", "centreNomineeOptions").toString()).contains(nominee, "中央提名")
                .doesNotContain(model.id());

        election.complete("centralReview", Map.of("approved", true, "centreNomineeIds", idList(List.of(nominee))));
        assertThat(jdbc.sql("select passed from quota_report where election_id = ? and checkpoint = 'ballot'")
                .param(election.id).query(Boolean.class).list()).containsExactly(true);

        assertThat(election.ids(CandidateList.BALLOT)).contains(nominee)
                .hasSize(election.plan.prospectiveList().size() + 1);
        election.advanceTo("ballotAndCount");
        int seats = UNIT.seats() + 1;
        assertThat((String) election.shownAt("ballotAndCount", "ballotText"))
                .startsWith(ballotText(seats, election.plan.prospectiveList().size() + 1));

        Map<String, Integer> approvals = new LinkedHashMap<>(election.plan.tally().approvals());
        approvals.put(nominee, 700);
        election.complete("ballotAndCount", ballots(election, 800, 782, 782, 780, 4, approvals));

        assertThat(election.instance).isWaitingAt("reportResults");
        assertThat(election.ids(CandidateList.ELECTED)).hasSize(seats).contains(nominee);
        try (PDDocument result = Loader.loadPDF(documents.resultPdf(election.id).getBody())) {
            assertThat(new PDFTextStripper().getText(result).replaceAll("\\R", ""))
                    .contains("应选代表 " + UNIT.seats() + " 名，另有中央提名的代表候选人 1 名，当选 " + seats + " 名")
                    .contains("钱中华", "中央提名");
        }
    }

    // ---- before step 23: the preliminary election, when the election holds one

    @Test
    void preliminaryElectionRanksTheWholeBallotThenTheFormalRoundVotesOnItsFormalList() {
        // a surplus of more than 10 %: 76 places on the formal list, so that the 80 on the ballot are cut
        Election election = elections.startWithPreliminaryElection("t-preliminary",
                Map.of("competitiveElection", Map.of("threshold", Map.of("minSurplus", 0.10)))).advancePastNoticeTo("preliminaryBallot");
        assertThat(election.instance).isWaitingAt("preliminaryBallot").hasPassed("congressDeliberation")
                .hasNotPassed("ballotAndCount");
        List<String> ranked = preliminaryOrder(election);
        Ballot preliminary = ballotRounds.nextBallot(election.id, Vote.CONGRESS);
        int listSize = preliminary.seats();
        assertThat(preliminary.candidateIds()).containsExactlyInAnyOrderElementsOf(ranked);
        assertThat(listSize).isEqualTo(76).isLessThan(ranked.size() - 1);
        assertThat((String) election.shownAt("preliminaryBallot", "ballotText")).startsWith("预选：候选人 "
                + ranked.size() + " 名，按得票多少产生正式候选人 " + listSize + " 名");
        // the form shows the ballot's check, stored when the Centre approved it (step 21)
        assertThat(election.reportShownAt("preliminaryBallot")).contains("选票差额检查", "通过");
        // distinct approvals down the order, except that the one after the cut-off ties with the last place
        Map<String, Integer> approvals = new LinkedHashMap<>();
        for (int i = 0; i < ranked.size(); i++) {
            approvals.put(ranked.get(i), 700 - 5 * (i == listSize ? listSize - 1 : i));
        }

        election.complete("preliminaryBallot", Map.of("electorsDueToAttend", 800, "electorsPresent", 782,
                "ballotsIssued", 782, "ballotBatchId", ballotRounds.enter(election.id, Vote.CONGRESS, TableFile.Format.CSV,
                        preliminaryBallots(election, 780, 2, approvals).getBytes(StandardCharsets.UTF_8)).batchId()));

        assertThat(election.instance).isWaitingAt("ballotAndCount")
                .hasPassedInOrder("congressDeliberation", "preliminaryBallot", "countPreliminary");
        assertThat((String) election.variable("preliminaryOutcome")).contains("预选有效", "一并列入，共 "
                + (listSize + 1) + " 名");
        Ballot formal = ballotRounds.fullBallot(election.id);
        assertThat(formal.seats()).isEqualTo(UNIT.seats());
        assertThat(formal.candidateIds()).containsExactlyInAnyOrderElementsOf(ranked.subList(0, listSize + 1));
        assertThat(candidates.findByIds(election.id, formal.candidateIds()).stream()
                .sorted(java.util.Comparator.comparing(c -> formal.candidateIds().indexOf(c.id())))
                .map(Candidate::name).toList()).isSortedAccordingTo(StrokeOrder.NAMES);
        assertThat((String) election.shownAt("ballotAndCount", "ballotText"))
                .startsWith(ballotText(UNIT.seats(), listSize + 1));
        assertThat(ballotRounds.nextBallot(election.id, Vote.CONGRESS)).isEqualTo(formal);

        election.complete("ballotAndCount", planTally(election));

        assertThat(election.instance).isWaitingAt("reportResults");
        assertThat(election.variable("ballotRound")).isEqualTo(1);
        assertThat(ballotRounds.rounds(election.id, Vote.CONGRESS)).singleElement()
                .satisfies(round -> assertThat(round.ballot()).isEqualTo(formal));
        assertThat(election.ids(CandidateList.ELECTED))
                .containsExactlyInAnyOrderElementsOf(election.plan.electedList());
    }

    @Test
    void preliminaryBallotsThatCannotBeCountedAreRefusedNamingTheFieldAndNothingIsStored() {
        Election election = elections.startWithPreliminaryElection("t-preliminary-bad", null)
                .advancePastNoticeTo("preliminaryBallot");
        List<String> ranked = preliminaryOrder(election);
        Map<String, Integer> approvals = new LinkedHashMap<>();
        ranked.forEach(id -> approvals.put(id, 3));
        Map<String, Object> good = Map.of("electorsDueToAttend", 8, "electorsPresent", 5, "ballotsIssued", 5,
                "ballotsText", preliminaryBallots(election, 5, 0, approvals));
        String csv = (String) good.get("ballotsText");

        assertRefused(election, "preliminaryBallot", with(good, "ballotsText", csv.replaceFirst("赞成", "也许")),
                "第2行");
        assertRefused(election, "preliminaryBallot", with(with(good, "electorsPresent", 4), "ballotsIssued", 4),
                "electorsPresent");
        assertRefused(election, "preliminaryBallot", with(good, "ballotsIssued", 4), "ballotsReturned");
        assertRefused(election, "preliminaryBallot", with(good, "ballotsText",
                preliminaryBallots(election, 5, 0, Map.of(ranked.get(0), 5))), "ballotBatchId");
        assertThat(ballotRounds.preliminaryDue(election.id)).isTrue();

        election.complete("preliminaryBallot", good);

        assertThat(election.instance).isWaitingAt("ballotAndCount");
        assertThat(ballotRounds.fullBallot(election.id).candidateIds()).containsExactlyInAnyOrderElementsOf(ranked);
    }

    // ---- step 23: the rounds of the vote

    @Test
    void step23WithoutQuorumIsVotedAgainInARoundTwo() {
        Election election = elections.start("t-vote-no-quorum").advancePastNoticeTo("ballotAndCount");
        assertThat(election.instance).hasNotPassed("preliminaryBallot", "countPreliminary");
        assertThat(election.variable("preliminaryElection")).isEqualTo(false);

        election.complete("ballotAndCount", ballots(election, 800, 400, 400, 400, 0, Map.of()));

        assertThat(election.instance).isWaitingAt("ballotAndCount");
        assertThat(election.variable("ballotRound")).isEqualTo(1);
        assertThat((String) election.variable("roundOutcome")).contains("实到会 400 人", "不能进行选举");
        assertThat(election.ids(CandidateList.ELECTED)).isEmpty();
        assertThat((String) election.shownAt("ballotAndCount", "ballotText"))
                .startsWith(ballotText(UNIT.seats(), election.plan.prospectiveList().size()));

        election.complete("ballotAndCount", planTally(election));

        assertThat(election.variable("ballotRound")).isEqualTo(2);
        assertThat(election.instance).isWaitingAt("reportResults");
        assertThat(election.ids(CandidateList.ELECTED))
                .containsExactlyInAnyOrderElementsOf(election.plan.electedList());
    }

    @Test
    void step23WithMoreBallotsReturnedThanIssuedIsVoid() {
        Election election = elections.start("t-vote-void").advancePastNoticeTo("ballotAndCount");
        Map<String, Integer> approvals = election.plan.tally().approvals();

        election.complete("ballotAndCount", ballots(election, 800, 782, 782, 783, 0, approvals));

        assertThat(election.instance).isWaitingAt("ballotAndCount");
        assertThat((String) election.variable("roundOutcome")).contains("收回票数多于发出票数", "无效");
        assertThat(election.ids(CandidateList.ELECTED)).isEmpty();
        assertThat((String) election.shownAt("ballotAndCount", "ballotText"))
                .startsWith(ballotText(UNIT.seats(), election.plan.prospectiveList().size()));
    }

    @Test
    void step23TieAtTheLastSeatIsDecidedByANewRoundAmongTheTied() {
        Election election = elections.start("t-vote-tie").advancePastNoticeTo("ballotAndCount");
        List<String> elected = election.plan.electedList();
        String lastSeat = elected.get(elected.size() - 1);
        String rival = notElected(election).get(0);
        Map<String, Integer> approvals = approvals(election, id -> elected.contains(id) ? 700 : 200);
        approvals.put(lastSeat, 500);
        approvals.put(rival, 500);

        election.complete("ballotAndCount", ballots(election, 800, 782, 782, 782, 0, approvals));

        assertThat(election.instance).isWaitingAt("ballotAndCount");
        assertThat((String) election.variable("roundOutcome")).contains("得票相等");
        assertThat(election.ids(CandidateList.ELECTED)).hasSize(elected.size() - 1).doesNotContain(lastSeat, rival);
        assertThat((String) election.shownAt("ballotAndCount", "ballotText")).startsWith(ballotText(1, 2));
        assertThat(((String) election.shownAt("ballotAndCount", "ballotsText")).lines().findFirst().orElseThrow())
                .matches(lastSeat + " \\S+," + rival + " \\S+,无效|" + rival + " \\S+," + lastSeat + " \\S+,无效");

        election.complete("ballotAndCount", ballots(election, 800, 782, 782, 782, 0, Map.of(lastSeat, 450, rival, 300)));

        assertThat(election.instance).isWaitingAt("reportResults");
        assertThat(election.ids(CandidateList.ELECTED)).containsExactlyInAnyOrderElementsOf(elected);
        assertThat(election.person(rival).status()).isEqualTo(CandidateStatus.PROSPECTIVE);
    }

    @Test
    void step23ShortfallIsFilledByAnotherRoundAmongThoseNotElectedAndExactlyHalfIsNotEnough() {
        Election election = elections.start("t-vote-shortfall").advancePastNoticeTo("ballotAndCount");
        List<String> elected = election.plan.electedList();
        String exactlyHalf = elected.get(0);
        String belowHalf = elected.get(1);
        int due = 800;
        Map<String, Integer> approvals = approvals(election, id -> elected.contains(id) ? 700 : 200);
        approvals.put(exactlyHalf, due / 2);
        approvals.put(belowHalf, 300);

        election.complete("ballotAndCount", ballots(election, due, 782, 782, 782, 0, approvals));

        assertThat(election.instance).isWaitingAt("presidiumDecision");
        election.complete("presidiumDecision", Map.of("anotherRound", true));
        assertThat(election.instance).isWaitingAt("ballotAndCount");
        assertThat(election.ids(CandidateList.ELECTED)).hasSize(elected.size() - 2)
                .doesNotContain(exactlyHalf, belowHalf);
        assertThat(election.person(exactlyHalf).status()).isEqualTo(CandidateStatus.PROSPECTIVE);
        assertThat((String) election.variable("roundOutcome")).contains("至少 " + (due / 2 + 1) + " 票", "尚缺 2 名");
        int othersOnTheBallot = election.plan.prospectiveList().size() - (elected.size() - 2);
        assertThat((String) election.shownAt("ballotAndCount", "ballotText"))
                .startsWith(ballotText(2, othersOnTheBallot));

        Map<String, Integer> secondRound = new LinkedHashMap<>();
        notElected(election).forEach(id -> secondRound.put(id, 20));
        secondRound.put(exactlyHalf, 600);
        secondRound.put(belowHalf, 550);
        election.complete("ballotAndCount", ballots(election, due, 782, 782, 782, 0, secondRound));

        assertThat(election.instance).isWaitingAt("reportResults");
        assertThat(election.ids(CandidateList.ELECTED)).containsExactlyInAnyOrderElementsOf(elected);
    }

    @Test
    void step23EndsAfterAVoidRoundATieRoundAndAShortfallRound() {
        Election election = elections.start("t-vote-four-rounds").advancePastNoticeTo("ballotAndCount");
        List<String> elected = election.plan.electedList();
        String lastSeat = elected.get(elected.size() - 1);
        String rival = notElected(election).get(0);
        Map<String, Integer> approvals = approvals(election, id -> elected.contains(id) ? 700 : 200);
        approvals.put(lastSeat, 500);
        approvals.put(rival, 500);

        election.complete("ballotAndCount", ballots(election, 800, 782, 782, 783, 0, approvals));
        assertThat(election.instance).isWaitingAt("ballotAndCount");
        election.complete("ballotAndCount", ballots(election, 800, 782, 782, 782, 0, approvals));
        assertThat(election.instance).isWaitingAt("ballotAndCount");
        election.complete("ballotAndCount", ballots(election, 800, 782, 782, 782, 0,
                Map.of(lastSeat, 380, rival, 350)));
        assertThat(election.instance).isWaitingAt("presidiumDecision");
        assertThat((String) election.variable("roundOutcome")).contains("尚缺 1 名");
        election.complete("presidiumDecision", Map.of("anotherRound", true));
        election.complete("ballotAndCount", ballots(election, 800, 782, 782, 782, 0,
                Map.of(lastSeat, 450, rival, 300)));

        assertThat(election.instance).isWaitingAt("reportResults").hasPassedInOrder("ballotAndCount",
                "countBallots", "ballotAndCount", "countBallots", "ballotAndCount", "countBallots",
                "presidiumDecision", "ballotAndCount", "countBallots", "checkElected");
        assertThat(election.timesEntered("ballotAndCount")).isEqualTo(4);
        assertThat(election.timesEntered("presidiumDecision")).isEqualTo(1);
        assertThat(election.variable("ballotRound")).isEqualTo(4);
        assertThat(election.ids(CandidateList.ELECTED)).containsExactlyInAnyOrderElementsOf(elected);
        List<BallotRounds.StoredRound> rounds = ballotRounds.rounds(election.id, Vote.CONGRESS);
        assertThat(rounds).extracting(r -> r.outcome().kind()).containsExactly(RoundOutcome.Kind.VOID,
                RoundOutcome.Kind.TIE_AT_LAST_SEAT, RoundOutcome.Kind.SHORTFALL, RoundOutcome.Kind.ELECTED_ALL);
        BallotRounds.StoredRound last = rounds.get(3);
        assertThat(last.ballot().candidateIds()).containsExactlyInAnyOrder(lastSeat, rival);
        assertThat(last.tally().approvals()).containsEntry(lastSeat, 450).containsEntry(rival, 300);
        BallotCount.Marks marks = last.marks().get(lastSeat);
        assertThat(marks.approvals()).isEqualTo(450);
        assertThat(marks.approvals() + marks.disapprovals() + marks.abstentions()).isEqualTo(782);
    }

    @Test
    void step23PresidiumMayStopAfterAShortfallWithSeatsLeftUnfilled() {
        Election election = elections.start("t-vote-stop").advancePastNoticeTo("ballotAndCount");
        List<String> elected = election.plan.electedList();
        String missing = elected.get(0);
        Map<String, Integer> approvals = approvals(election, id -> elected.contains(id) ? 700 : 200);
        approvals.put(missing, 400);
        election.complete("ballotAndCount", ballots(election, 800, 782, 782, 782, 0, approvals));
        assertThat(election.instance).isWaitingAt("presidiumDecision");
        // the counters enter the ballots of the round the presidium may call
        ballotRounds.enter(election.id, Vote.CONGRESS, TableFile.Format.CSV, GeneratedBallots.csv(
                ballotRounds.nextBallot(election.id, Vote.CONGRESS), Map.of(), 10, 0).getBytes(StandardCharsets.UTF_8));
        assertThat(countedInRound(election)).containsExactlyInAnyOrder(1, null);

        assertRefused(election, "presidiumDecision", Map.of("anotherRound", false), "comment");
        election.complete("presidiumDecision", Map.of("anotherRound", false,
                "comment", "当选人数接近应选名额，主席团决定不再另行选举。"));

        assertThat(election.instance).hasPassed("checkElected").isWaitingAt("reportResults");
        assertThat(election.ids(CandidateList.ELECTED)).hasSize(elected.size() - 1).doesNotContain(missing);
        assertThat(ballotRounds.rounds(election.id, Vote.CONGRESS)).singleElement().matches(BallotRounds.StoredRound::seriesClosed);
        // the ballots entered for the round that will not be held are removed, those of the counted round kept
        assertThat(countedInRound(election)).containsExactly(1);
    }

    @Test
    void step24AsksForAPersonWrittenInAndElectedToBeRegisteredThenTheCredentialsReviewConfirmsThem() {
        Election election = elections.start("t-vote-write-in").advancePastNoticeTo("ballotAndCount");
        List<String> elected = election.plan.electedList();
        Candidate displaced = election.person(elected.get(elected.size() - 1));
        Map<String, Integer> approvals = new LinkedHashMap<>(election.plan.tally().approvals());
        approvals.put(displaced.id(), 100);
        String[] rows = ballotFile(election, "ballotAndCount", 780, 4, approvals).split("\n");
        int column = Arrays.asList(rows[0].split(",")).indexOf(displaced.id());
        // 500 of the 776 valid ballots disapprove of that candidate and write in 欧阳新民 (401 elect)
        for (int i = 1; i <= 500; i++) {
            String[] cells = rows[i].split(",", -1);
            cells[column] = "反对:欧阳新民";
            rows[i] = String.join(",", cells);
        }
        String batchId = ballotRounds.enter(election.id, Vote.CONGRESS, TableFile.Format.CSV,
                String.join("\n", rows).getBytes(StandardCharsets.UTF_8)).batchId();

        election.complete("ballotAndCount", Map.of("electorsDueToAttend", 800, "electorsPresent", 782,
                "ballotsIssued", 782, "ballotBatchId", batchId));

        assertThat(election.instance).isWaitingAt("reportResults");
        assertThat(election.ids(CandidateList.ELECTED)).hasSize(elected.size() - 1).doesNotContain(displaced.id());
        assertThat((String) election.shownAt("reportResults", "writeInsText")).contains("另选当选：欧阳新民");
        Map<String, Object> reported = Map.of("completedOn", "2022-06-20", "note", "已报告。");
        assertRefused(election, "reportResults", reported, "writeIns");
        assertRefused(election, "reportResults", reported, "欧阳新民（人选库中没有此人）");

        Candidate writtenIn = new Candidate("HB-9001", "欧阳新民", displaced.gender(), displaced.ethnicity(),
                displaced.birthDate(), displaced.joinedPartyOn(), displaced.fullMember(), displaced.education(),
                displaced.category(), displaced.frontlineKind(), displaced.migrantWorker(), displaced.sector(),
                displaced.level(), displaced.recommendingUnit(), displaced.npcDeputy(), displaced.cppccMember(),
                displaced.provincialHonour(), CandidateStatus.values()[0]);
        candidates.saveAll(election.id, List.of(writtenIn), "tester", null);
        election.complete("reportResults", reported);

        assertThat(election.instance).isWaitingAt("credentialsReview");
        assertThat(election.ids(CandidateList.ELECTED)).hasSize(elected.size()).contains("HB-9001");
        election.complete("credentialsReview", selected(election.ids(CandidateList.ELECTED)));
        assertThat(election.instance).isEnded();
        assertThat(election.ids(CandidateList.CONFIRMED)).contains("HB-9001").hasSize(elected.size());
    }

    @Test
    void step23ElectedSetBreakingTheStructureIsVotedAgainOnTheWholeBallot() {
        Election election = elections.start("t-vote-structure").advancePastNoticeTo("ballotAndCount");
        List<String> fewerWomen = withThreeWomenReplacedByMen(election);
        Map<String, Integer> approvals = approvals(election, id -> fewerWomen.contains(id) ? 700 : 200);

        election.complete("ballotAndCount", ballots(election, 800, 782, 782, 782, 0, approvals));

        assertThat(election.instance).isWaitingAt("ballotAndCount");
        assertThat(election.reportShownAt("ballotAndCount"))
                .contains("未通过", womenSentence(election.people(fewerWomen)) + "，不符合要求");
        assertThat((String) election.shownAt("ballotAndCount", "ballotText"))
                .startsWith(ballotText(UNIT.seats(), election.plan.prospectiveList().size()));

        election.complete("ballotAndCount", planTally(election));

        assertThat(election.instance).isWaitingAt("reportResults");
        assertThat(election.ids(CandidateList.ELECTED))
                .containsExactlyInAnyOrderElementsOf(election.plan.electedList());
        List<String> electedInTheFirstVoteOnly = fewerWomen.stream()
                .filter(id -> !election.plan.electedList().contains(id)).toList();
        assertThat(election.people(electedInTheFirstVoteOnly)).hasSize(3)
                .allMatch(c -> c.status() == CandidateStatus.PROSPECTIVE);
    }

    // ---- step 25: credentials and the composition of the delegates

    @Test
    void step25ConfirmsTheDelegatesAndEndsWithTheirComposition() throws Exception {
        Election election = elections.start("t-credentials").advancePastNoticeTo("credentialsReview");
        List<String> delegates = election.plan.electedList();

        election.complete("credentialsReview", selected(delegates));

        assertThat(election.instance).isEnded().hasPassed("compileComposition");
        assertThat(election.ids(CandidateList.CONFIRMED)).containsExactlyInAnyOrderElementsOf(delegates);
        assertThat(election.people(delegates)).allMatch(c -> c.status() == CandidateStatus.CONFIRMED);
        JsonNode composition = JSON.readTree(election.variable("delegateComposition").toString());
        assertThat(composition.path("count").asInt()).isEqualTo(delegates.size());
        assertThat(composition.path("women").path("count").asLong())
                .isEqualTo(election.people(delegates).stream().filter(Candidate::woman).count());
    }

    // ---- completions the server refuses, leaving everything as it was

    @Test
    void step14NeedsBothSignatures() {
        Election election = elections.start("t-bad-signature").advanceTo("consultDisciplineCommission");
        Map<String, Object> onlySecretary = new LinkedHashMap<>(signedOpinion());
        onlySecretary.put("disciplineChiefSigned", false);
        Map<String, Object> onlyChief = new LinkedHashMap<>(signedOpinion());
        onlyChief.put("partySecretarySigned", false);

        assertRefused(election, "consultDisciplineCommission", onlySecretary, "disciplineChiefSigned");
        assertRefused(election, "consultDisciplineCommission", onlyChief, "partySecretarySigned");
    }

    @Test
    void recordStepNeedsANoteAndADate() {
        Election election = elections.start("t-bad-record").advancePastNoticeTo("plenaryDeliberation");

        assertRefused(election, "plenaryDeliberation", Map.of("completedOn", "2022-06-08"), "note");
        assertRefused(election, "plenaryDeliberation", Map.of("completedOn", "2022-06-08", "note", " "), "note");
        assertRefused(election, "plenaryDeliberation", Map.of("completedOn", "2022-13-08", "note", "已酝酿。"),
                "completedOn");
        assertRefused(election, "plenaryDeliberation", Map.of("note", "已酝酿。"), "completedOn");
    }

    @Test
    void step21RefusesAReturnWithoutAKnownStepAndACentreNomineeAlreadyOnTheList() {
        Election election = elections.start("t-bad-review").advancePastNoticeTo("centralReview");
        String prospective = election.plan.prospectiveList().get(0);

        assertRefused(election, "centralReview", Map.of("approved", false, "comment", "请调整。"), "returnTo");
        assertRefused(election, "centralReview", Map.of("approved", false, "comment", "请调整。",
                "returnTo", "congressDeliberation"), "returnTo");
        assertRefused(election, "centralReview", Map.of("approved", true,
                "centreNomineeIds", idList(List.of(prospective))), "centreNomineeIds");
        // a person a recommending unit recommended is no Centre nominee
        String recommended = election.ids(CandidateList.SUITABLE).stream()
                .filter(id -> !election.plan.prospectiveList().contains(id)).findFirst().orElseThrow();
        assertRefused(election, "centralReview", Map.of("approved", true,
                "centreNomineeIds", idList(List.of(recommended))), "centreNomineeIds");
    }

    @Test
    void step23CountsASmallVoteTypedIntoTheForm() {
        Election election = elections.start("t-vote-typed").advancePastNoticeTo("ballotAndCount");
        List<String> elected = election.plan.electedList();

        election.complete("ballotAndCount", typedBallots(election, 20, 11, 11, 11, 0,
                approvals(election, id -> elected.contains(id) ? 11 : 0)));

        assertThat(election.instance).isWaitingAt("reportResults");
        assertThat(election.ids(CandidateList.ELECTED)).containsExactlyInAnyOrderElementsOf(elected);
        assertThat((String) election.variable("roundOutcome")).contains("应到会 20 人，实到会 11 人", "至少 11 票");
    }

    @Test
    void step23RefusesBallotsAndAttendanceThatCannotBe() {
        Election election = elections.start("t-bad-tally").advancePastNoticeTo("ballotAndCount");
        String first = election.plan.prospectiveList().get(0);
        String notOnTheBallot = election.ids(CandidateList.SUITABLE).stream()
                .filter(id -> !election.plan.prospectiveList().contains(id)).findFirst().orElseThrow();
        Map<String, Object> good = typedBallots(election, 20, 11, 11, 10, 1, Map.of(first, 9));
        String csv = (String) good.get("ballotsText");

        assertRefused(election, "ballotAndCount", with(good, "electorsPresent", 21), "electorsPresent");
        assertRefused(election, "ballotAndCount", with(good, "ballotsIssued", -1), "ballotsIssued");
        assertRefused(election, "ballotAndCount", with(good, "ballotsText",
                csv.replaceFirst(first, notOnTheBallot)), "不是本轮选票上的候选人：" + notOnTheBallot);
        String[] lines = csv.split("\n");
        lines[2] = lines[2].replaceFirst("弃权|反对", "同意");
        assertRefused(election, "ballotAndCount", with(good, "ballotsText", String.join("\n", lines)),
                "第3行");
        assertRefused(election, "ballotAndCount", with(good, "ballotsText", csv.repeat(2)), "ballotsText");
        assertRefused(election, "ballotAndCount", with(good, "ballotsText", ""), "ballotBatchId");
        assertRefused(election, "ballotAndCount", with(good, "ballotBatchId", "no-such-batch"), "ballotBatchId");
    }

    /**
     * Completing the open task {@code key} with {@code values} fails with an engine exception naming the field, and
     * leaves the task open and the instance, its variables and the election's tables as they were.
     */
    /** The round each batch of the congress's ballots was counted in, {@code null} for one not counted. */
    private List<Integer> countedInRound(Election election) {
        return jdbc.sql("select counted_in_round from ballot_batch where election_id = ? and vote = 'CONGRESS'")
                .param(election.id).query((rs, n) -> (Integer) rs.getObject(1, Integer.class)).list();
    }

    private static void assertRefused(Election election, String key, Map<String, Object> values, String field) {
        DrivenElections.Snapshot before = election.snapshot();
        assertThatThrownBy(() -> election.complete(key, values))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining(field);
        assertThat(election.snapshot()).isEqualTo(before);
        assertThat(election.instance).isWaitingAt(key);
    }

    private static Map<String, Object> signedOpinion() {
        return Map.of("partySecretarySigned", true, "disciplineChiefSigned", true,
                "opinion", "经审核，人选廉洁自律方面未发现问题。");
    }

    private static Map<String, Object> selected(List<String> ids) {
        return Map.of("selectedCandidateIds", idList(ids));
    }

    /**
     * The completion of step 23 for a congress: ballots adding up to the given approvals, on the round's ballot as the
     * form shows it, uploaded as a file (as {@code POST /api/elections/{id}/ballots} does), and the attendance.
     */
    private Map<String, Object> ballots(Election election, int due, int present, int issued, int returned,
            int invalid, Map<String, Integer> approvals) {
        return uploaded(election, "ballotAndCount", Vote.CONGRESS, due, present, issued, returned, invalid, approvals);
    }

    /** As {@link #ballots}, for the plenary vote of step 20 ({@code POST /api/elections/{id}/plenary-ballots}). */
    private Map<String, Object> plenaryBallots(Election election, int due, int present, int issued, int returned,
            int invalid, Map<String, Integer> approvals) {
        return uploaded(election, "plenaryVote", Vote.PLENARY, due, present, issued, returned, invalid, approvals);
    }

    private Map<String, Object> uploaded(Election election, String key, Vote vote, int due, int present, int issued,
            int returned, int invalid, Map<String, Integer> approvals) {
        String batchId = ballotRounds.enter(election.id, vote, TableFile.Format.CSV,
                ballotFile(election, key, returned, invalid, approvals).getBytes(StandardCharsets.UTF_8)).batchId();
        return Map.of("electorsDueToAttend", due, "electorsPresent", present, "ballotsIssued", issued,
                "ballotBatchId", batchId);
    }

    /** The completion of step 23 in Tasklist for a small vote: the ballots typed into the form's text box. */
    private static Map<String, Object> typedBallots(Election election, int due, int present, int issued,
            int returned, int invalid, Map<String, Integer> approvals) {
        return Map.of("electorsDueToAttend", due, "electorsPresent", present, "ballotsIssued", issued,
                "ballotsText", ballotFile(election, "ballotAndCount", returned, invalid, approvals));
    }

    /**
     * The whole ballot in the order the preliminary tests rank it: the plan's elected delegates first, so that the
     * formal round can elect them.
     */
    private static List<String> preliminaryOrder(Election election) {
        List<String> order = new ArrayList<>(election.plan.electedList());
        election.ids(CandidateList.BALLOT).stream().filter(id -> !order.contains(id)).forEach(order::add);
        return order;
    }

    /** Preliminary ballots (CSV) adding up to the approvals, under the header of the ballot the open task shows. */
    private String preliminaryBallots(Election election, int returned, int invalid, Map<String, Integer> approvals) {
        String header = ((String) election.shownAt("preliminaryBallot", "ballotsText")).lines().findFirst()
                .orElseThrow();
        List<String> ids = Arrays.stream(header.split(",")).map(column -> column.split(" ")[0])
                .filter(column -> !column.equals("无效")).toList();
        return GeneratedBallots.csv(new Ballot(ids, ballotRounds.nextBallot(election.id, Vote.CONGRESS).seats()),
                approvals, returned - invalid, invalid);
    }

    /** Ballots (CSV) adding up to the approvals, under the header of the ballot the open voting task shows. */
    private static String ballotFile(Election election, String key, int returned, int invalid,
            Map<String, Integer> approvals) {
        String header = ((String) election.shownAt(key, "ballotsText")).lines().findFirst().orElseThrow();
        List<String> ids = Arrays.stream(header.split(",")).map(column -> column.split(" ")[0])
                .filter(column -> !column.equals("无效")).toList();
        int seats = Integer.parseInt(((String) election.shownAt(key, "ballotText"))
                .replaceAll("^(全委会表决确定预备人选：)?应选 (\\d+) 名.*$", "$2"));
        return GeneratedBallots.csv(new Ballot(ids, seats), approvals, returned - invalid, invalid);
    }

    private static Map<String, Object> with(Map<String, Object> values, String key, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(values);
        changed.put(key, value);
        return changed;
    }

    /** The plan's tally, which elects {@code plan.electedList()} from the whole ballot. */
    private Map<String, Object> planTally(Election election) {
        var tally = election.plan.tally();
        return ballots(election, tally.electorsDueToAttend(), tally.electorsPresent(), tally.ballotsIssued(),
                tally.ballotsReturned(), tally.invalidBallots(), tally.approvals());
    }

    /** Approvals for everyone on the whole ballot (the prospective list). */
    private static Map<String, Integer> approvals(Election election, Function<String, Integer> approvalsOf) {
        Map<String, Integer> approvals = new LinkedHashMap<>();
        election.plan.prospectiveList().forEach(id -> approvals.put(id, approvalsOf.apply(id)));
        return approvals;
    }

    /** Prospective candidates not yet elected, in id order. */
    private static List<String> notElected(Election election) {
        Set<String> elected = new HashSet<>(election.ids(CandidateList.ELECTED));
        elected.addAll(election.plan.electedList());
        return election.plan.prospectiveList().stream().filter(id -> !elected.contains(id)).sorted().toList();
    }

    /**
     * The plan's elected delegates with three women, none of an ethnic minority, replaced by prospective men of the
     * same category and kind who were not elected: only the women's share changes.
     */
    private static List<String> withThreeWomenReplacedByMen(Election election) {
        List<String> result = new ArrayList<>(election.plan.electedList());
        List<Candidate> women = new ArrayList<>(election.people(election.plan.electedList()).stream()
                .filter(c -> c.woman() && !c.minority()).toList());
        int swapped = 0;
        for (Candidate man : election.people(notElected(election))) {
            if (swapped == 3 || man.woman()) {
                continue;
            }
            Candidate woman = women.stream().filter(w -> w.category() == man.category()
                    && w.frontlineKind() == man.frontlineKind()).findFirst().orElse(null);
            if (woman != null) {
                women.remove(woman);
                result.set(result.indexOf(woman.id()), man.id());
                swapped++;
            }
        }
        assertThat(swapped).as("women swapped for men").isEqualTo(3);
        return result;
    }

    /** How the forms of steps 20 and 23 announce a ballot. */
    private static String ballotText(int seats, int candidates) {
        return "应选 " + seats + " 名，候选人 " + candidates + " 名";
    }

    /** The same person working in another sector. */
    private static Candidate inSector(Candidate c, String sector) {
        return new Candidate(c.id(), c.name(), c.gender(), c.ethnicity(), c.birthDate(), c.joinedPartyOn(),
                c.fullMember(), c.education(), c.category(), c.frontlineKind(), c.migrantWorker(), sector, c.level(),
                c.recommendingUnit(), c.npcDeputy(), c.cppccMember(), c.provincialHonour(), c.status());
    }
}
