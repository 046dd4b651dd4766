package org.delegateelection.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.delegateelection.EngineClock;
import org.delegateelection.ProcessTest;
import org.delegateelection.candidate.CandidateList;
import org.delegateelection.candidate.CandidateRepository;
import org.delegateelection.election.ElectionRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/** The main job: the handbook election driven from step 1 to step 25 through the engine's public services. */
@ProcessTest
class HandbookDriverTest {

    /** The 22 steps of the procedure run by {@code delegate-election} itself, in their order (DESIGN §2). */
    static final List<String> STEPS = List.of("registerAllocation", "draftImplementationPlan",
            "approveImplementationPlan", "mobilizeAndEducate", "nominateByUnit", "proposeInspectionList", "announceInspection", "conductInspection",
            "fourMustChecks", "verifyIdentity", "inspectionReport", "consultDisciplineCommission", "consultRegulators",
            "proposePreliminaryList", "consultCentralOrganization", "publicNotice", "plenaryDeliberation",
            "plenaryVote", "centralReview", "congressDeliberation", "ballotAndCount", "reportResults",
            "credentialsReview");

    @Autowired
    private HandbookSeeder seeder;
    @Autowired
    private HandbookDriver driver;
    @Autowired
    private RuntimeService runtimeService;
    @Autowired
    private ElectionRepository elections;
    @Autowired
    private CandidateRepository candidates;
    @Autowired
    private HistoryService historyService;

    @Autowired
    private ProcessEngine processEngine;

    /** The election runs from March 2022, so that its public notice (1 April 2022) comes later on the clock. */
    @RegisterExtension
    final EngineClock clock = EngineClock.runningFrom(LocalDate.of(2022, 3, 1));

    @BeforeEach
    void useThisEngine() {
        BpmnAwareTests.init(processEngine);
    }

    @AfterEach
    void forgetTheEngine() {
        BpmnAwareTests.reset();
    }

    @Test
    void drivesTheHandbookElectionThroughAll25StepsToItsConfirmedDelegates() {
        String instanceId = elections.processInstanceOf(seeder.seed()).orElseThrow();
        ProcessInstance instance = runtimeService.createProcessInstanceQuery().processInstanceId(instanceId)
                .singleResult();
        assertThat(instance).isWaitingAt("registerAllocation");

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        long electionId = driver.drive(new PrintStream(printed, true, StandardCharsets.UTF_8),
                LocalDate.of(2022, 4, 1));
        String output = printed.toString(StandardCharsets.UTF_8);

        assertThat(instance).isEnded();
        assertThat(instance).hasPassedInOrder(STEPS.toArray(String[]::new));
        List<ProcessInstance> units = runtimeService.createProcessInstanceQuery()
                .superProcessInstanceId(instanceId).list();
        assertThat(units).isEmpty();
        List<HistoricProcessInstance> unitNominations = historyService.createHistoricProcessInstanceQuery()
                .superProcessInstanceId(instanceId).list();
        assertThat(unitNominations).hasSize(17);
        for (HistoricProcessInstance unit : unitNominations) {
            assertThat(passed(unit.getId())).containsSubsequence("branchRecommendation", "grassrootsSelection",
                    "recommendingUnitDecision");
        }

        DecisionPlan plan = new HandbookElection().plan();
        assertThat(ids(CandidateList.CONFIRMED, electionId)).containsExactlyInAnyOrderElementsOf(plan.electedList());
        assertThat(candidates.findByIds(electionId, List.of(plan.confirmedReport().candidateId())).get(0).status())
                .hasToString("REMOVED");
        assertThat(output).contains("第 1步", "第25步", "最后一个工作日 2022-04-08；计时器到期 2022-04-09T00:00+08:00", "未通过", "当选代表构成", "69 名");
    }

    private List<String> passed(String instanceId) {
        return historyService.createHistoricActivityInstanceQuery().processInstanceId(instanceId)
                .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list()
                .stream().map(HistoricActivityInstance::getActivityId).toList();
    }

    private List<String> ids(CandidateList list, long electionId) {
        return candidates.list(electionId, list.key()).stream().map(c -> c.id()).toList();
    }
}
