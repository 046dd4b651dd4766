package org.delegateelection.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.LocalDate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.delegateelection.ProcessTest;
import org.delegateelection.candidate.Candidate;
import org.delegateelection.candidate.CandidateList;
import org.delegateelection.candidate.CandidateReports;
import org.delegateelection.candidate.CandidateRepository;
import org.delegateelection.candidate.CandidateStatus;
import org.delegateelection.demo.DecisionPlan;
import org.delegateelection.demo.HandbookDriver;
import org.delegateelection.demo.GeneratedTallies;
import org.delegateelection.demo.HandbookElection;
import org.delegateelection.nomination.NominationRepository;
import org.delegateelection.system.TableFile;
import org.delegateelection.election.ElectionRepository;
import org.delegateelection.election.ElectionUnit;
import org.delegateelection.election.RecommendingUnit;
import org.delegateelection.quota.QuotaReport;
import org.delegateelection.system.InvalidInputException;
import org.delegateelection.vote.StrokeOrder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Stages 1–3 of the procedure (steps 1–13), the recommending units' nomination (steps 5–7) and the report against a
 * candidate, driven through the engine's public services as the REST API and Tasklist do. Every gateway is taken both
 * ways: a decision that fails its check comes back to the deciding body with the failing report, a corrected one
 * goes on. A bad completion is refused with the field named and changes nothing. Each test starts its own copy of the
 * handbook election and lets {@link HandbookDriver} carry it, with the handbook plan, to the task under test.
 */
@ProcessTest
class EarlyStagesProcessTest {

    private static final HandbookElection HANDBOOK = new HandbookElection();
    private static final DecisionPlan PLAN = HANDBOOK.plan();
    private static final String UNIT = "city01";
    private static final List<String> TABLES = List.of("recommending_unit", "candidate", "candidate_list",
            "recommendation_file", "recommendation_committee", "quota_report", "candidate_report");

    @Autowired
    private ProcessEngine processEngine;
    @Autowired
    private NominationRepository nominations;
    @Autowired
    private TestElections testElections;
    @Autowired
    private HandbookDriver driver;
    @Autowired
    private RuntimeService runtimeService;
    @Autowired
    private CandidateReportIntake reportIntake;
    @Autowired
    private TaskService taskService;
    @Autowired
    private HistoryService historyService;
    @Autowired
    private CandidateRepository candidates;
    @Autowired
    private ElectionRepository elections;
    @Autowired
    private JdbcClient jdbc;

    @BeforeEach
    void initAssertions() {
        BpmnAwareTests.init(processEngine);
    }

    /** The assertions keep the engine per thread: later test classes, with their own engine, must not see this one. */
    @AfterEach
    void resetAssertions() {
        BpmnAwareTests.reset();
    }

    // ---- step 1: 名额和结构要求可行？

    @Test
    void infeasibleAllocationComesBackWithItsReportUntilCorrected() {
        Election election = start("t-allocation");
        assertThat(election.instance()).isWaitingAt("registerAllocation");

        refused(election, task(election, "registerAllocation"), allocation(80, "六十九"), "seats", "须为数字");
        Map<String, Object> noWomen = allocation(80, HANDBOOK.unit().seats());
        noWomen.put("womenMemberSharePercent", 0.0);
        refused(election, task(election, "registerAllocation"), noWomen, "womenMemberSharePercent",
                "须大于0且小于100");

        complete(task(election, "registerAllocation"), allocation(70, HANDBOOK.unit().seats()));
        assertThat(election.instance()).isWaitingAt("registerAllocation");
        assertThat(elections.get(election.id()).minPreliminary()).isEqualTo(70);
        Task again = task(election, "registerAllocation");
        assertThat(shownReport(again)).contains("未通过", "✘ " + rule(report(again), "competitiveElection").label(),
                "初步人选最低数 70 名，代表名额 69 名", "应多于 79.35 名");
        assertThat(rule(report(again), "competitiveElection").passed()).isFalse();

        complete(again, allocation(80, HANDBOOK.unit().seats()));
        assertThat(election.instance()).isWaitingAt("draftImplementationPlan");
        assertThat(report(task(election, "draftImplementationPlan")).passed()).isTrue();
        assertThat(elections.get(election.id()).minPreliminary()).isEqualTo(80);
    }

    // ---- step 2: 名额分配合计一致？

    @Test
    void unitQuotasThatDoNotAddUpComeBackToThePlan() {
        Election election = start("t-plan");
        advanceTo(election, "draftImplementationPlan");

        int units = HANDBOOK.unit().recommendingUnits().size();
        refused(election, task(election, "draftImplementationPlan"), plan(Map.of("nowhere", 5)),
                "unitQuotas[" + units + "].code", "不是本选举单位的推荐单位：nowhere");

        complete(task(election, "draftImplementationPlan"), plan(Map.of(UNIT, quotaOf(UNIT) + 1)));
        assertThat(election.instance()).isWaitingAt("draftImplementationPlan");
        Task again = task(election, "draftImplementationPlan");
        assertThat(shownReport(again)).contains("未通过", "✘ " + rule(report(again), "unitQuotasAddUp").label(),
                units + " 个推荐单位名额合计 " + (HANDBOOK.unit().nomineeQuota() + 1) + " 名");

        complete(again, plan(Map.of(UNIT, quotaOf(UNIT))));
        assertThat(election.instance()).isWaitingAt("approveImplementationPlan");
        assertThat(shownReport(task(election, "approveImplementationPlan"))).contains("推荐名额和结构目标检查：通过");
    }

    // ---- step 3: 批准？

    @Test
    void rejectedPlanGoesBackToTheDraftAndARejectionNeedsAComment() {
        Election election = start("t-approval");
        advanceTo(election, "approveImplementationPlan");

        refused(election, task(election, "approveImplementationPlan"), Map.of("approved", false), "comment",
                "不能为空");

        complete(task(election, "approveImplementationPlan"),
                Map.of("approved", false, "comment", "第一线人选目标偏低，请调整后再报。"));
        assertThat(election.instance()).isWaitingAt("draftImplementationPlan");
        assertThat(historyService.createHistoricDetailQuery().processInstanceId(election.instance().getId())
                .variableUpdates().list()).anyMatch(update -> "第一线人选目标偏低，请调整后再报。".equals(
                        ((HistoricVariableUpdate) update).getValue()));
        assertThat(taskService.getVariable(task(election, "draftImplementationPlan").getId(), "returnedWith"))
                .isEqualTo("常委会审批实施方案：第一线人选目标偏低，请调整后再报。");

        advanceTo(election, "approveImplementationPlan");
        complete(task(election, "approveImplementationPlan"), Map.of("approved", true));
        assertThat(election.instance()).isWaitingAt("mobilizeAndEducate");
        assertThat(runtimeService.getVariable(election.instance().getId(), "returnedWith")).isNull();
    }

    // ---- stage 2: one unit-nomination per recommending unit

    @Test
    void stageTwoRunsOneNominationPerRecommendingUnitInItsOwnGroup() {
        Election election = start("t-units");
        advanceTo(election, "branchRecommendation");

        List<String> codes = HANDBOOK.unit().recommendingUnits().stream().map(RecommendingUnit::code).toList();
        List<ProcessInstance> units = runtimeService.createProcessInstanceQuery()
                .superProcessInstanceId(election.instance().getId()).list();
        assertThat(units).hasSize(17);
        assertThat(units).extracting(unit -> runtimeService.getVariable(unit.getId(), "unitCode"))
                .containsExactlyInAnyOrderElementsOf(codes);
        for (String code : codes) {
            assertThat(candidateGroups(unitTask(election, code, "branchRecommendation"))).containsExactly("ru-" + code);
            assertThat(taskService.createTaskQuery().processInstanceBusinessKey(election.code())
                    .taskCandidateGroup("ru-" + code).count()).isEqualTo(1);
        }

        ProcessInstance city01 = unitInstance(election, UNIT);
        completeUnitUpTo(election, UNIT, "recommendingUnitDecision");
        assertThat(candidateGroups(unitTask(election, UNIT, "recommendingUnitDecision"))).containsExactly("ru-" + UNIT);
        complete(unitTask(election, UNIT, "recommendingUnitDecision"), selection(nomination(UNIT).nomineeIds()));
        assertThat(city01).isEnded();
        assertThat(election.instance()).isWaitingAt("nominateByUnit");
        assertThat(runtimeService.createProcessInstanceQuery().superProcessInstanceId(election.instance().getId())
                .count()).isEqualTo(16);

        advanceTo(election, "proposeInspectionList");
        List<HistoricProcessInstance> finished = historyService.createHistoricProcessInstanceQuery()
                .superProcessInstanceId(election.instance().getId()).finished().list();
        assertThat(finished).hasSize(17);
        assertThat(ids(list(election, CandidateList.NOMINEES))).containsExactlyInAnyOrderElementsOf(
                PLAN.nominations().stream().flatMap(n -> n.nomineeIds().stream()).toList());
    }

    // ---- step 5: 参加推荐的党员超过半数？

    @Test
    void branchRecommendationWithoutAMajorityComesBack() {
        Election election = start("t-participation");
        advanceTo(election, "branchRecommendation");
        String generated = GeneratedTallies.csvByUnit(HANDBOOK.unit(), HANDBOOK.candidates(), PLAN).get(UNIT);
        // the unit's committees corrected: in every branch only half of the members took part
        StringBuilder half = new StringBuilder(GeneratedTallies.HEADER).append('\n');
        long members = 0;
        long takingPart = 0;
        Set<String> branches = new HashSet<>();
        for (String line : generated.lines().skip(1).toList()) {
            String[] cells = line.split(",", -1);
            int branchMembers = Integer.parseInt(cells[2]);
            cells[3] = Integer.toString(branchMembers / 2);
            if (!cells[8].isEmpty()) {
                cells[8] = Integer.toString(Math.min(Integer.parseInt(cells[8]), branchMembers / 2));
            }
            if (branches.add(cells[1])) {
                members += branchMembers;
                takingPart += branchMembers / 2;
            }
            half.append(String.join(",", cells)).append('\n');
        }
        nominations.upload(election.id(), UNIT, 1, TableFile.Format.CSV,
                new ByteArrayInputStream(half.toString().getBytes(StandardCharsets.UTF_8)), "tester", "各党支部参加推荐人数填报有误，予以更正");

        complete(unitTask(election, UNIT, "branchRecommendation"), Map.of());
        assertThat(unitInstance(election, UNIT)).isWaitingAt("branchRecommendation");
        Task again = unitTask(election, UNIT, "branchRecommendation");
        assertThat(shownReport(again)).contains("未通过", "✘ " + rule(report(again), "participationMajority").label(),
                "参加推荐的党员 " + takingPart + " 名，党员总数 " + members + " 名");

        nominations.upload(election.id(), UNIT, 1, TableFile.Format.CSV, new ByteArrayInputStream(generated.getBytes(StandardCharsets.UTF_8)),
                "tester", "恢复核实后的推荐情况");
        complete(again, Map.of());
        assertThat(unitInstance(election, UNIT)).isWaitingAt("grassrootsSelection");
    }

    // ---- step 7: 本单位人选数量和结构符合要求？

    @Test
    void unitPickingMoreThanItsQuotaComesBackToItsDecision() {
        Election election = start("t-unit-nominees");
        advanceTo(election, "branchRecommendation");
        completeUnitUpTo(election, UNIT, "recommendingUnitDecision");
        List<String> nominees = nomination(UNIT).nomineeIds();

        String otherUnits = nomination("city02").nomineeIds().get(0);
        refused(election, unitTask(election, UNIT, "recommendingUnitDecision"),
                selection(with(nominees, otherUnits)), "selectedCandidateIds", otherUnits + "）不在本单位的推荐人选中");

        Candidate extra = candidates.findAll(election.id()).stream()
                .filter(c -> UNIT.equals(c.recommendingUnit()) && c.fullMember() && !nominees.contains(c.id()))
                .findFirst().orElseThrow();
        complete(unitTask(election, UNIT, "recommendingUnitDecision"), selection(with(nominees, extra.id())));
        assertThat(unitInstance(election, UNIT)).isWaitingAt("recommendingUnitDecision");
        Task again = unitTask(election, UNIT, "recommendingUnitDecision");
        assertThat(shownReport(again)).contains("未通过", "✘ " + rule(report(again), "unitNomineeCount").label(),
                "本单位推荐人选 " + (nominees.size() + 1) + " 名", "不超过本单位推荐名额 " + quotaOf(UNIT) + " 名");

        ProcessInstance unit = unitInstance(election, UNIT);
        complete(again, selection(nominees));
        assertThat(unit).isEnded();
        assertThat(ids(list(election, CandidateList.NOMINEES))).containsExactlyInAnyOrderElementsOf(nominees);
    }

    // ---- step 8: 考察对象结构符合要求？

    @Test
    void inspectionListWithTooFewWomenComesBack() {
        Election election = start("t-inspection-list");
        advanceTo(election, "proposeInspectionList");
        List<String> twoWomen = candidates.findByIds(election.id(), PLAN.inspectionList()).stream()
                .filter(Candidate::woman).limit(2).map(Candidate::id).toList();
        List<String> fewerWomen = PLAN.inspectionList().stream().filter(id -> !twoWomen.contains(id)).toList();

        // leaving out people with more support than some chosen needs the reason (集体研究的理由)
        Map<String, Object> departing = new HashMap<>(selection(fewerWomen));
        departing.put("supportReason", "常委会集体研究，调整部分人选");
        complete(task(election, "proposeInspectionList"), departing);
        assertThat(election.instance()).isWaitingAt("proposeInspectionList");
        Task again = task(election, "proposeInspectionList");
        long women = candidates.findByIds(election.id(), fewerWomen).stream().filter(Candidate::woman).count();
        assertThat(shownReport(again)).contains("未通过", "✘ " + rule(report(again), "womenTarget").label(),
                "女性 " + women + " 名，应不少于实施方案目标 " + HANDBOOK.unit().minWomenNominees() + " 名");

        complete(again, selection(PLAN.inspectionList()));
        assertThat(election.instance()).isWaitingAt("announceInspection");
        assertThat(list(election, CandidateList.INSPECTION)).hasSize(PLAN.inspectionList().size())
                .allMatch(c -> c.status() == CandidateStatus.INSPECTED);
    }

    @Test
    void candidatesAreShownByRecommendingUnitInStrokeOrderAndStepElevenShowsTheInspectionReport() throws Exception {
        Election election = start("t-table-order");
        advanceTo(election, "proposeInspectionList");
        Task proposal = task(election, "proposeInspectionList");

        JsonNode rows = new ObjectMapper().readTree(
                taskService.getVariableLocal(proposal.getId(), "candidateTable").toString());
        List<String> unitOrder = elections.get(election.id()).recommendingUnits().stream()
                .map(RecommendingUnit::name).toList();
        Map<String, List<String>> namesByUnit = new LinkedHashMap<>();
        String previousUnit = null;
        for (JsonNode row : rows) {
            String unit = row.get("unit").asText();
            assertThat(unit.equals(previousUnit) || !namesByUnit.containsKey(unit))
                    .as("the people of %s stand together", unit).isTrue();
            namesByUnit.computeIfAbsent(unit, u -> new ArrayList<>()).add(row.get("name").asText());
            previousUnit = unit;
        }
        assertThat(namesByUnit).hasSizeGreaterThan(1);
        assertThat(unitOrder).as("units in the election's order").containsSubsequence(namesByUnit.keySet());
        namesByUnit.forEach((unit, names) -> assertThat(names).as(unit).isSortedAccordingTo(StrokeOrder.NAMES));

        complete(proposal, selection(PLAN.inspectionList()));
        advanceTo(election, "checkArchives");
        assertThat(shownReport(task(election, "checkArchives"))).startsWith("### 考察对象结构检查：通过");
    }

    // ---- the server's refusal of a bad list decision

    @Test
    void badSelectionsAreRefusedAndChangeNothing() {
        Election election = start("t-bad-selections");
        advanceTo(election, "proposeInspectionList");
        Task task = task(election, "proposeInspectionList");
        List<String> inspection = PLAN.inspectionList();
        String notNominated = candidates.findAll(election.id()).stream().map(Candidate::id)
                .filter(id -> !inspection.contains(id)).findFirst().orElseThrow();

        refused(election, task, Map.of(), "selectedCandidateIds", "缺少取值");
        refused(election, task, Map.of("selectedCandidateIds",
                SpinValues.jsonValue("{\"ids\": [\"" + inspection.get(0) + "\"]}").create()), "selectedCandidateIds",
                "须为数组");
        refused(election, task, selection(with(inspection, "HB-9999")), "selectedCandidateIds",
                "人选库中没有编号 HB-9999");
        refused(election, task, selection(with(inspection, inspection.get(0))), "selectedCandidateIds",
                "重复的编号 " + inspection.get(0));
        refused(election, task, selection(with(inspection, notNominated)), "selectedCandidateIds",
                notNominated + "）不在上一环节确定的名单中");

        String reported = inspection.get(0);
        sendReport(election, reported);
        complete(reportTask(election, reported), verdict(true));
        refused(election, task, selection(inspection), "selectedCandidateIds",
                reported + "）已被调整出人选");

        assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from candidate_list where election_id = ? and list_name = ?")
                .params(election.id(), CandidateList.INSPECTION.key()).query(Long.class).single()).isZero();
    }

    // ---- step 12: 每人身份唯一且认定准确？

    @Test
    void frontlinePersonWithACadreRankFailsTheIdentityCheckUntilCorrected() {
        Election election = start("t-identity");
        advanceTo(election, "verifyIdentity");
        Candidate frontline = list(election, CandidateList.INSPECTION).stream()
                .filter(c -> c.frontline() && "无".equals(c.level())).findFirst().orElseThrow();

        refused(election, task(election, "verifyIdentity"), Map.of("completedOn", today()), "note", "不能为空");

        candidates.saveAll(election.id(), List.of(withLevel(frontline, "县处级")), "tester", "据干部任免文件更正职级");
        complete(task(election, "verifyIdentity"), record("按干部管理权限认定人选身份。"));
        assertThat(election.instance()).isWaitingAt("verifyIdentity");
        Task again = task(election, "verifyIdentity");
        assertThat(shownReport(again)).contains("未通过",
                "✘ " + rule(report(again), "frontlineBelowCadreLevels").label(),
                frontline.name() + "（" + frontline.id() + "，县处级）");

        candidates.saveAll(election.id(), List.of(frontline), "tester", "任免文件查错，恢复原职级");
        complete(again, record("更正该同志职级后重新认定身份。"));
        assertThat(election.instance()).isWaitingAt("inspectionReport");
        assertThat(report(task(election, "inspectionReport")).passed()).isTrue();
    }

    // ---- step 13: 差额考察余量充足？

    @Test
    void inspectionReportKeepingTooFewOrUnclearedPeopleIsSentBack() {
        Election election = start("t-inspection-report");
        advanceTo(election, "checkArchives");
        String notCleared = PLAN.keptAfterInspection().get(0);
        complete(task(election, "checkArchives"), selection(without(PLAN.inspectionList(), notCleared)));
        advanceTo(election, "inspectionReport");

        refused(election, task(election, "inspectionReport"), selection(PLAN.keptAfterInspection()),
                "selectedCandidateIds", notCleared + "）未通过“四必”核查");

        int minPreliminary = HANDBOOK.unit().minPreliminary();
        List<String> cleared = without(PLAN.keptAfterInspection(), notCleared);
        complete(task(election, "inspectionReport"), selection(cleared.subList(0, minPreliminary)));
        assertThat(election.instance()).isWaitingAt("inspectionReport");
        Task again = task(election, "inspectionReport");
        assertThat(shownReport(again)).contains("未通过", "✘ " + rule(report(again), "competitiveInspection").label(),
                "考察后保留人选 " + minPreliminary + " 名，应多于初步人选最低数 " + minPreliminary + " 名");

        complete(again, selection(cleared));
        assertThat(election.instance()).isWaitingAt("consultDisciplineCommission");
        assertThat(ids(list(election, CandidateList.SUITABLE))).containsExactlyInAnyOrderElementsOf(cleared);
    }

    // ---- reports against a candidate: 举报属实？

    @Test
    void confirmedReportRemovesTheCandidateAndTheNextCheckCountsOneFewer() {
        Election election = start("t-report-confirmed");
        advanceTo(election, "verifyIdentity");
        String reported = PLAN.confirmedReport().candidateId();

        sendReport(election, reported);
        Task verification = reportTask(election, reported);
        assertThat(candidateGroups(verification)).containsExactlyInAnyOrder("org-dept", "discipline-commission");
        assertThat(taskService.getVariableLocal(verification.getId(), "candidateName"))
                .isEqualTo(person(election, reported).name());
        complete(verification, verdict(true));

        assertThat(person(election, reported).status()).isEqualTo(CandidateStatus.REMOVED);
        assertThat(findings(election)).containsExactly(reported + ":true");
        complete(task(election, "verifyIdentity"), record("按干部管理权限认定人选身份。"));
        Task inspectionReport = task(election, "inspectionReport");
        int inspected = PLAN.inspectionList().size() - 1;
        assertThat(rule(report(inspectionReport), "oneCategory").actual()).isEqualTo("人选 " + inspected + " 名");
        assertThat(taskService.getVariableLocal(inspectionReport.getId(), "candidateOptions").toString())
                .doesNotContain(reported);

        refused(election, inspectionReport, selection(PLAN.keptAfterInspection()), "selectedCandidateIds",
                reported + "）已被调整出人选");
        complete(inspectionReport, selection(without(PLAN.keptAfterInspection(), reported)));
        assertThat(election.instance()).isWaitingAt("consultDisciplineCommission");
        assertThat(rule(report(task(election, "consultDisciplineCommission")), "competitiveInspection").actual())
                .isEqualTo("考察后保留人选 " + (PLAN.keptAfterInspection().size() - 1) + " 名");
    }

    @Test
    void unconfirmedReportRemovesNobody() {
        Election election = start("t-report-unconfirmed");
        advanceTo(election, "verifyIdentity");
        String reported = PLAN.confirmedReport().candidateId();

        sendReport(election, reported);
        complete(reportTask(election, reported), verdict(false));

        assertThat(person(election, reported).status()).isEqualTo(CandidateStatus.INSPECTED);
        assertThat(findings(election)).containsExactly(reported + ":false");
        complete(task(election, "verifyIdentity"), record("按干部管理权限认定人选身份。"));
        assertThat(rule(report(task(election, "inspectionReport")), "oneCategory").actual())
                .isEqualTo("人选 " + PLAN.inspectionList().size() + " 名");
    }

    @Test
    void twoOpenReportsAreVerifiedEachOnItsOwnFinding() {
        Election election = start("t-two-reports");
        advanceTo(election, "branchRecommendation");
        String first = nomination(UNIT).nomineeIds().get(0);
        String second = nomination(UNIT).nomineeIds().get(1);
        sendReport(election, first);
        sendReport(election, second);
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(election.code())
                .taskDefinitionKey("verifyReport").list())
                .extracting(t -> taskService.getVariable(t.getId(), "candidateId"))
                .containsExactlyInAnyOrder(first, second);

        complete(reportTask(election, first), verdict(true));
        Task other = reportTask(election, second);
        refused(election, other, Map.of("finding", "经核查，反映问题不属实。"), "confirmed", "缺少取值");

        complete(other, verdict(false));
        assertThat(person(election, first).status()).isEqualTo(CandidateStatus.REMOVED);
        assertThat(person(election, second).status()).isEqualTo(CandidateStatus.REGISTERED);
        assertThat(findings(election)).containsExactlyInAnyOrder(first + ":true", second + ":false");
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(election.code())
                .taskDefinitionKey("verifyReport").count()).isZero();
    }

    @Test
    void reportNamingAnUnknownCandidateIsRefused() {
        Election election = start("t-report-unknown");
        advanceTo(election, "branchRecommendation");

        assertThatThrownBy(() -> sendReport(election, "HB-9999")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("candidateId").hasMessageContaining("HB-9999");

        assertThat(findings(election)).isEmpty();
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(election.code())
                .taskDefinitionKey("verifyReport").count()).isZero();
    }

    // ---- helpers

    /** A test's own election: its business key, its id and its process instance. */
    private record Election(String code, long id, ProcessInstance instance) {
    }

    /** What a refused completion must leave as it was: the task, its variables, the election's rows. */
    private record Snapshot(boolean taskOpen, Map<String, String> variables, Map<String, List<List<String>>> rows) {
    }

    private Election start(String code) {
        ElectionService.StartedElection started = testElections.start(code);
        return new Election(code, started.electionId(), runtimeService.createProcessInstanceQuery()
                .processInstanceId(started.processInstanceId()).singleResult());
    }

    /** Completes the open tasks with the handbook plan until a task of the key is open. */
    private void advanceTo(Election election, String taskKey) {
        driver.advanceTo(new HandbookDriver.Run(new PrintStream(OutputStream.nullOutputStream()), election.id(),
                election.code(), false), taskKey);
    }

    /** Steps 5 and 6 of one recommending unit with the handbook plan, leaving the given task of the unit open. */
    private void completeUnitUpTo(Election election, String unitCode, String taskKey) {
        for (String step : List.of("branchRecommendation", "grassrootsSelection")) {
            if (step.equals(taskKey)) {
                return;
            }
            Task task = unitTask(election, unitCode, step);
            assertThat(candidateGroups(task)).containsExactly("ru-" + unitCode);
            complete(task, step.equals("branchRecommendation") ? Map.of() : record("基层党委遴选并上报推荐人选。"));
        }
    }

    private void complete(Task task, Map<String, Object> values) {
        taskService.complete(task.getId(), values);
    }

    /**
     * The completion fails naming the field and the reason, and the task, its variables and the election's rows stay
     * as they were.
     */
    private void refused(Election election, Task task, Map<String, Object> values, String field, String reason) {
        Snapshot before = snapshot(election, task);
        assertThatThrownBy(() -> complete(task, values)).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("字段 " + field + "：").hasMessageContaining(reason);
        assertThat(snapshot(election, task)).isEqualTo(before);
    }

    private Snapshot snapshot(Election election, Task task) {
        boolean open = taskService.createTaskQuery().taskId(task.getId()).count() == 1;
        Map<String, String> variables = new TreeMap<>();
        if (open) {
            taskService.getVariables(task.getId()).forEach((name, value) -> variables.put(name, String.valueOf(value)));
        }
        Map<String, List<List<String>>> rows = new LinkedHashMap<>();
        rows.put("election", rows("select * from election where id = ?", election.id()));
        for (String table : TABLES) {
            rows.put(table, rows("select * from " + table + " where election_id = ? order by 1, 2, 3", election.id()));
        }
        return new Snapshot(open, variables, rows);
    }

    private List<List<String>> rows(String sql, long electionId) {
        return jdbc.sql(sql).param(electionId).query((rs, n) -> {
            List<String> row = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.add(rs.getString(i));
            }
            return row;
        }).list();
    }

    private Task task(Election election, String taskKey) {
        return taskService.createTaskQuery().processInstanceBusinessKey(election.code()).taskDefinitionKey(taskKey)
                .singleResult();
    }

    private Task unitTask(Election election, String unitCode, String taskKey) {
        return taskService.createTaskQuery().processInstanceId(unitInstance(election, unitCode).getId())
                .taskDefinitionKey(taskKey).singleResult();
    }

    private ProcessInstance unitInstance(Election election, String unitCode) {
        return runtimeService.createProcessInstanceQuery().superProcessInstanceId(election.instance().getId())
                .variableValueEquals("unitCode", unitCode).singleResult();
    }

    /** The open verification of the report against the candidate. */
    private Task reportTask(Election election, String candidateId) {
        return taskService.createTaskQuery().processInstanceBusinessKey(election.code())
                .taskDefinitionKey("verifyReport").list().stream()
                .filter(t -> candidateId.equals(taskService.getVariable(t.getId(), "candidateId")))
                .findFirst().orElseThrow();
    }

    private void sendReport(Election election, String candidateId) {
        reportIntake.receive(election.id(), candidateId, CandidateReports.Kind.REPORT, "来信反映该同志违规收受管理服务对象礼金。");
    }

    /** The reports of the election as "candidateId:confirmed". */
    private List<String> findings(Election election) {
        return jdbc.sql("select candidate_id, confirmed from candidate_report where election_id = ?")
                .param(election.id()).query((rs, n) -> rs.getString(1) + ":" + rs.getBoolean(2)).list();
    }

    private List<String> candidateGroups(Task task) {
        return taskService.getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
                .map(IdentityLink::getGroupId).toList();
    }

    /** The quota report the task's form shows (Markdown). */
    private String shownReport(Task task) {
        return (String) taskService.getVariableLocal(task.getId(), "quotaReportText");
    }

    /** The last quota report seen by the task's process instance (process variable {@code quotaReport}). */
    private QuotaReport report(Task task) {
        return QuotaReport.fromJson(String.valueOf(taskService.getVariable(task.getId(), "quotaReport")));
    }

    private static QuotaReport.RuleResult rule(QuotaReport report, String ruleId) {
        return report.results().stream().filter(r -> r.ruleId().equals(ruleId)).findFirst().orElseThrow();
    }

    private List<Candidate> list(Election election, CandidateList list) {
        return candidates.list(election.id(), list.key());
    }

    private Candidate person(Election election, String id) {
        return candidates.findByIds(election.id(), List.of(id)).get(0);
    }

    private static Map<String, Object> allocation(int minPreliminary, Object seats) {
        ElectionUnit unit = HANDBOOK.unit();
        Map<String, Object> values = new HashMap<>();
        values.put("seats", seats);
        values.put("nomineeQuota", unit.nomineeQuota());
        values.put("minPreliminary", minPreliminary);
        values.put("minMinorities", unit.minMinorities());
        values.put("womenMemberSharePercent", unit.womenMemberShare().movePointRight(2).doubleValue());
        return values;
    }

    /** The handbook's implementation plan, with the quotas of the units named changed or added. */
    private static Map<String, Object> plan(Map<String, Integer> changedQuotas) {
        ElectionUnit unit = HANDBOOK.unit();
        Map<String, Integer> quotas = new LinkedHashMap<>();
        unit.recommendingUnits().forEach(ru -> quotas.put(ru.code(), ru.nomineeQuota()));
        quotas.putAll(changedQuotas);
        Map<String, Object> values = new HashMap<>();
        values.put("leadingCadreTarget", unit.leadingCadreTarget());
        values.put("frontlineTarget", unit.frontlineTarget());
        values.put("minWomenNominees", unit.minWomenNominees());
        values.put("minUnder55Nominees", unit.minUnder55Nominees());
        values.put("unitQuotas", SpinValues.jsonValue(quotas.entrySet().stream()
                .map(q -> "{\"code\":\"" + q.getKey() + "\",\"quota\":" + q.getValue() + "}")
                .collect(Collectors.joining(",", "[", "]"))).create());
        return values;
    }

    private static int quotaOf(String unitCode) {
        return HANDBOOK.unit().recommendingUnits().stream().filter(ru -> ru.code().equals(unitCode)).findFirst()
                .orElseThrow().nomineeQuota();
    }

    private static Map<String, Object> selection(Collection<String> ids) {
        return Map.of("selectedCandidateIds",
                Variables.objectValue(new ArrayList<>(ids)).serializationDataFormat("application/json").create());
    }

    private static Map<String, Object> record(String note) {
        return Map.of("completedOn", today(), "note", note);
    }

    private static Map<String, Object> verdict(boolean confirmed) {
        return Map.of("confirmed", confirmed, "finding", confirmed ? "经核实，反映问题属实，予以调整。" : "经核实，反映问题不属实。");
    }

    private static String today() {
        return LocalDate.now(ElectionService.ZONE).toString();
    }

    private static DecisionPlan.UnitNomination nomination(String unitCode) {
        return PLAN.nominations().stream().filter(n -> n.unitCode().equals(unitCode)).findFirst().orElseThrow();
    }

    private static List<String> with(List<String> ids, String extra) {
        List<String> result = new ArrayList<>(ids);
        result.add(extra);
        return result;
    }

    private static List<String> without(List<String> ids, String removed) {
        return ids.stream().filter(id -> !id.equals(removed)).toList();
    }

    private static List<String> ids(List<Candidate> people) {
        return people.stream().map(Candidate::id).toList();
    }

    private static Candidate withLevel(Candidate c, String level) {
        return new Candidate(c.id(), c.name(), c.gender(), c.ethnicity(), c.birthDate(), c.joinedPartyOn(),
                c.fullMember(), c.education(), c.category(), c.frontlineKind(), c.migrantWorker(), c.sector(), level,
                c.recommendingUnit(), c.npcDeputy(), c.cppccMember(), c.provincialHonour(), c.status());
    }
}
