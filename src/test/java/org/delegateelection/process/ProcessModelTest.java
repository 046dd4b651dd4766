package org.delegateelection.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.delegateelection.calendar.PublicNoticeCalendar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gateways and loops of {@code delegate-election} and {@code unit-nomination} on a bare engine (camunda.cfg.xml),
 * without Spring and without the database of the election: the beans the diagrams call are mocks registered with
 * {@link Mocks}. A quota check answers as the test scripts it, a count reports the round kind the test chooses, and
 * the decisions are the variables the deciding body's form would leave ({@code approved}, {@code returnTo},
 * {@code confirmed}, {@code anotherRound}; on a return from the central review also {@code centralReviewReturned},
 * which the application's completion listener sets). Each test walks the diagrams along the happy path to the step
 * under test and takes the branch there. The whole-application drives ({@code EarlyStagesProcessTest},
 * {@code LateStagesProcessTest}, {@code HandbookDriverTest}) check what the real beans do on the way. The diagrams
 * are deployed once for the class; after each test its elections, running or ended, are deleted with their history,
 * so that each test starts from an engine without instances.
 */
class ProcessModelTest {

    private static final List<String> UNITS = List.of("city01", "city02", "city03");

    @RegisterExtension
    static ProcessEngineExtension extension = ProcessEngineExtension.builder().build();

    private static String deploymentId;
    private ProcessEngine engine;
    /** Scripted quota results per check (activity id), used up in order; a check without one passes. */
    private final Map<String, Deque<Boolean>> quotaResults = new HashMap<>();
    /** Scripted round kinds of the counts, used up in order; a count without one elects all. */
    private final Deque<String> roundKinds = new ArrayDeque<>();
    /** The removal steps that ran, in order. */
    private final List<String> removals = new ArrayList<>();
    private final List<String> closings = new ArrayList<>();
    /** The lists sent down, as "unit:round". */
    private final List<String> listsIssued = new ArrayList<>();
    private final ElectionUnits electionUnits = mock(ElectionUnits.class);
    private final PublicNoticeCalendar noticeCalendar = mock(PublicNoticeCalendar.class);

    @BeforeAll
    static void deployTheDiagrams() {
        deploymentId = extension.getProcessEngine().getRepositoryService().createDeployment()
                .addClasspathResource("processes/delegate-election.bpmn")
                .addClasspathResource("processes/unit-nomination.bpmn").deploy().getId();
    }

    @AfterAll
    static void undeployTheDiagrams() {
        extension.getProcessEngine().getRepositoryService().deleteDeployment(deploymentId, true);
    }

    @BeforeEach
    void mocks() {
        engine = extension.getProcessEngine();
        BpmnAwareTests.init(engine);
        when(electionUnits.unitCodes(anyLong())).thenReturn(UNITS);
        when(electionUnits.needsRegulators(anyLong())).thenReturn(false);
        // the notice ends a week after it is published (the real calendar counts 5 working days)
        when(noticeCalendar.dueAt(any())).thenAnswer(call ->
                new Date(call.<Date>getArgument(0).getTime() + TimeUnit.DAYS.toMillis(7)));
        Mocks.register("electionUnits", electionUnits);
        Mocks.register("publicNoticeCalendar", noticeCalendar);
        Mocks.register("electionRegistration",
                (ExecutionListener) execution -> execution.setVariable("centralReviewReturned", false));
        Mocks.register("taskFormView", (TaskListener) task -> { });
        Mocks.register("quotaCheck", (JavaDelegate) execution -> {
            Deque<Boolean> results = quotaResults.get(execution.getCurrentActivityId());
            execution.setVariable("quotaPassed", results == null || results.isEmpty() || results.poll());
        });
        Mocks.register("ballotCount", (JavaDelegate) execution -> {
            String kind = roundKinds.isEmpty() ? "ELECTED_ALL" : roundKinds.poll();
            execution.setVariable("roundKind", kind);
            execution.setVariable("electionComplete", kind.equals("ELECTED_ALL"));
        });
        Mocks.register("preliminaryCount", (JavaDelegate) execution -> { });
        Mocks.register("candidateRemoval", (JavaDelegate) execution ->
                removals.add(execution.getCurrentActivityId()));
        Mocks.register("compositionReport", (JavaDelegate) execution -> { });
        Mocks.register("consultationList", (JavaDelegate) execution -> {
            int round = ((Number) execution.getVariable("consultationRound")).intValue();
            listsIssued.add(execution.getVariable("unitCode") + ":" + round);
            execution.setVariable("consultationRound", round + 1);
        });
        Mocks.register("electionClosing", (ExecutionListener) execution ->
                closings.add(execution.getProcessInstanceId()));
        // a unit on its own reports to no national procedure
        Mocks.register("nationalReport", (ExecutionListener) execution -> { });
    }

    @AfterEach
    void forgetTheElectionsAndTheMocks() {
        List<String> running = engine.getRuntimeService().createProcessInstanceQuery().rootProcessInstances().list()
                .stream().map(ProcessInstance::getId).toList();
        if (!running.isEmpty()) {
            engine.getRuntimeService().deleteProcessInstances(running, "test over", true, true);
        }
        List<String> passed = engine.getHistoryService().createHistoricProcessInstanceQuery().list().stream()
                .map(HistoricProcessInstance::getId).toList();
        if (!passed.isEmpty()) {
            engine.getHistoryService().deleteHistoricProcessInstances(passed);
        }
        Mocks.reset();
        BpmnAwareTests.reset();
    }

    @Test
    void theHappyPathRunsAllStepsToTheEnd() {
        ProcessInstance election = start(false);

        driveUntil(election, () -> false);

        assertThat(election).isEnded().hasPassedInOrder("registerAllocation", "draftImplementationPlan",
                "approveImplementationPlan", "mobilizeAndEducate", "nominateByUnit", "proposeInspectionList",
                "announceInspection", "conductInspection", "fourMustChecks", "verifyIdentity", "inspectionReport",
                "consultDisciplineCommission", "proposePreliminaryList", "consultCentralOrganization",
                "publicNotice", "plenaryDeliberation", "plenaryVote", "centralReview", "congressDeliberation",
                "ballotAndCount", "reportResults", "credentialsReview", "compileComposition");
        assertThat(election).hasNotPassed("consultRegulators", "preliminaryBallot", "presidiumDecision",
                "verifyObjection", "verifyReport");
        assertThat(removals).isEmpty();
        assertThat(closings).containsExactly(election.getId());
    }

    @Test
    void aCorrectionOfTheBallotIsReviewedByTheOrganizationDepartmentBesideTheVote() {
        ProcessInstance election = start(false);
        driveUntil(election, () -> !tasks("congressDeliberation").isEmpty());

        engine.getRuntimeService().createMessageCorrelation("candidateCorrectionRequested")
                .processInstanceId(election.getId()).correlate();
        assertThat(election).isWaitingAt("reviewCorrection", "congressDeliberation");
        assertThat(tasks("reviewCorrection").get(0)).hasCandidateGroup("org-dept");

        complete(tasks("reviewCorrection").get(0), Map.of("approved", true));
        assertThat(election).isWaitingAt("congressDeliberation").hasPassed("correctionDecided");
        assertThat(closings).isEmpty();
    }

    @ParameterizedTest(name = "{0} failing: back to {1}; passing: on to {2}")
    @CsvSource({
            "checkAllocation,      registerAllocation,      draftImplementationPlan",
            "checkPlan,            draftImplementationPlan, approveImplementationPlan",
            "checkInspectionList,  proposeInspectionList,   announceInspection",
            "checkIdentity,        verifyIdentity,          inspectionReport",
            "checkInspectedPool,   inspectionReport,        consultDisciplineCommission",
            "checkPreliminaryList, proposePreliminaryList,  consultCentralOrganization",
            "checkAfterNotice,     proposePreliminaryList,  plenaryDeliberation",
            "checkProspective,     plenaryVote,             centralReview",
            "checkElected,         ballotAndCount,          reportResults"})
    void aFailingQuotaCheckSendsTheDecisionBackAndAPassingOneGoesOn(String check, String backTo, String onTo) {
        quotaResults.put(check, new ArrayDeque<>(List.of(false)));
        ProcessInstance election = start(false);

        driveUntil(election, () -> passed(election, check) == 1);
        assertThat(election).isWaitingAt(backTo);
        assertThat(election).hasNotPassed(onTo);

        driveUntil(election, () -> passed(election, check) == 2);
        assertThat(election).isWaitingAt(onTo);
    }

    @Test
    void theUnitsNominateSideBySideAndTheInspectionListWaitsForTheLastOfThem() {
        ProcessInstance election = start(false);
        driveUntil(election, () -> !tasks("branchRecommendation").isEmpty());

        List<Task> recommendations = tasks("branchRecommendation");
        assertThat(recommendations).hasSize(UNITS.size());
        assertThat(recommendations).extracting(this::candidateGroup)
                .containsExactlyInAnyOrder("ru-city01", "ru-city02", "ru-city03");
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(election.getId())
                .processDefinitionKey("unit-nomination").count()).isEqualTo(UNITS.size());

        // city01's participation check fails once: its branch recommendation again, the other units go on
        quotaResults.put("checkParticipation", new ArrayDeque<>(List.of(false)));
        complete(unitTask("branchRecommendation", "city01"), Map.of());
        assertThat(unitTask("branchRecommendation", "city01")).isNotNull();
        assertThat(tasks("grassrootsSelection")).isEmpty();

        for (String unit : UNITS.subList(0, 2)) {
            completeUnit(unit);
        }
        assertThat(election).isWaitingAt("nominateByUnit");
        assertThat(tasks("proposeInspectionList")).isEmpty();

        // the last unit's nominees fail their check once: its decision again, then the stage goes on
        quotaResults.put("checkUnitNominees", new ArrayDeque<>(List.of(false)));
        complete(unitTask("branchRecommendation", "city03"), Map.of());
        complete(unitTask("grassrootsSelection", "city03"), Map.of());
        complete(unitTask("recommendingUnitDecision", "city03"), Map.of());
        assertThat(unitTask("recommendingUnitDecision", "city03")).isNotNull();
        complete(unitTask("recommendingUnitDecision", "city03"), Map.of());

        assertThat(election).isWaitingAt("proposeInspectionList");
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(election.getId())
                .count()).isZero();
    }

    @Test
    void threeConsultationRoundsSendEachUnitsListDownTwiceAndTheLastRoundGoesOnToStep8() {
        ProcessInstance election = start(false);
        driveUntil(election, () -> !tasks("draftImplementationPlan").isEmpty());
        complete(tasks("draftImplementationPlan").get(0), Map.of("consultationRounds", 3));
        driveUntil(election, () -> !tasks("branchRecommendation").isEmpty());

        // city01: round 1, then in round 2 its nominees fail their check once: its decision again, still round 2
        completeUnit("city01");
        assertThat(listsIssued).containsExactly("city01:1");
        Task round2 = unitTask("branchRecommendation", "city01");
        assertThat(engine.getTaskService().getVariable(round2.getId(), "consultationRound")).isEqualTo(2);
        quotaResults.put("checkUnitNominees", new ArrayDeque<>(List.of(false)));
        completeUnit("city01");
        assertThat(unitTask("recommendingUnitDecision", "city01")).isNotNull();
        complete(unitTask("recommendingUnitDecision", "city01"), Map.of());
        assertThat(listsIssued).containsExactly("city01:1", "city01:2");
        completeUnit("city01");
        assertThat(listsIssued).as("the last round's list goes up, not down").hasSize(2);
        assertThat(tasks("proposeInspectionList")).isEmpty();

        for (String unit : UNITS.subList(1, UNITS.size())) {
            for (int round = 1; round <= 3; round++) {
                completeUnit(unit);
            }
        }
        assertThat(election).isWaitingAt("proposeInspectionList");
        assertThat(listsIssued).containsExactlyInAnyOrder("city01:1", "city01:2", "city02:1", "city02:2", "city03:1",
                "city03:2");
        assertThat(passed(election, "branchRecommendation")).isEqualTo(3L * UNITS.size());
    }

    @Test
    void theRegulatorsAreConsultedOnlyWhereTheUnitsNeedThem() {
        when(electionUnits.needsRegulators(anyLong())).thenReturn(true);
        ProcessInstance election = start(false);

        driveUntil(election, () -> passed(election, "consultDisciplineCommission") == 1);

        assertThat(election).isWaitingAt("consultRegulators");
    }

    @ParameterizedTest(name = "objection confirmed: {0}")
    @ValueSource(booleans = {true, false})
    void anObjectionDuringTheNoticeIsVerifiedWhileTheNoticeRunsOn(boolean confirmed) {
        ProcessInstance election = start(false);
        driveUntil(election, () -> passed(election, "consultCentralOrganization") == 1);
        assertThat(election).isWaitingAt("noticePeriodEnded");

        engine.getRuntimeService().createMessageCorrelation("publicNoticeObjection")
                .processInstanceId(election.getId()).correlate();
        assertThat(election).isWaitingAt("verifyObjection", "noticePeriodEnded");

        complete(tasks("verifyObjection").get(0), Map.of("confirmed", confirmed));
        assertThat(removals).isEqualTo(confirmed ? List.of("removeObjectedCandidate") : List.of());
        assertThat(election).isWaitingAt("noticePeriodEnded");

        driveUntil(election, () -> passed(election, "checkAfterNotice") == 1);
        assertThat(election).isWaitingAt("plenaryDeliberation");
    }

    @ParameterizedTest(name = "report confirmed: {0}")
    @ValueSource(booleans = {true, false})
    void aReportAgainstACandidateIsVerifiedBesideTheStepUnderWay(boolean confirmed) {
        ProcessInstance election = start(false);
        driveUntil(election, () -> !tasks("inspectionReport").isEmpty());

        engine.getRuntimeService().createMessageCorrelation("candidateReported")
                .processInstanceId(election.getId()).correlate();
        assertThat(election).isWaitingAt("verifyReport", "inspectionReport");

        complete(tasks("verifyReport").get(0), Map.of("confirmed", confirmed));
        assertThat(removals).isEqualTo(confirmed ? List.of("removeReportedCandidate") : List.of());
        assertThat(election).isWaitingAt("inspectionReport");
        assertThat(tasks("verifyReport")).isEmpty();
    }

    @Test
    void theCentralReviewReturningToStep19ReopensThePlenaryDeliberation() {
        ProcessInstance election = start(false);
        driveUntil(election, () -> !tasks("centralReview").isEmpty());

        complete(tasks("centralReview").get(0), Map.of("approved", false, "returnTo", "plenaryDeliberation"));

        assertThat(election).isWaitingAt("plenaryDeliberation");
        assertThat(passed(election, "plenaryDeliberation")).isEqualTo(1);
        assertThat(passed(election, "proposePreliminaryList")).isEqualTo(1);
    }

    @Test
    void theCentralReviewReturningToStep16ReopensThePreliminaryListWithoutConsultingAgain() {
        ProcessInstance election = start(false);
        driveUntil(election, () -> !tasks("centralReview").isEmpty());

        complete(tasks("centralReview").get(0), Map.of("approved", false, "returnTo", "proposePreliminaryList",
                "centralReviewReturned", true));

        assertThat(election).isWaitingAt("proposePreliminaryList");
        assertThat(passed(election, "proposePreliminaryList")).isEqualTo(1);
        assertThat(passed(election, "consultDisciplineCommission")).isEqualTo(1);
        assertThat(passed(election, "stagePreliminary")).isEqualTo(1);
    }

    @Test
    void thePlenaryVotesAgainUntilARoundDecides() {
        roundKinds.addAll(List.of("NO_QUORUM", "TIE_AT_LAST_SEAT", "SHORTFALL"));
        ProcessInstance election = start(false);

        driveUntil(election, () -> !tasks("centralReview").isEmpty());

        assertThat(passed(election, "plenaryVote")).isEqualTo(3);
        assertThat(passed(election, "countPlenaryVote")).isEqualTo(3);
        assertThat(passed(election, "checkProspective")).isEqualTo(1);
    }

    @Test
    void theCongressVotesAgainAfterAVoidRoundAndThePresidiumDecidesOnAShortfall() {
        ProcessInstance election = start(false);
        driveUntil(election, () -> !tasks("ballotAndCount").isEmpty());
        roundKinds.addAll(List.of("VOID", "TIE_AT_LAST_SEAT", "SHORTFALL"));

        driveUntil(election, () -> !tasks("presidiumDecision").isEmpty());
        assertThat(passed(election, "ballotAndCount")).isEqualTo(3);

        // another round, which elects all
        complete(tasks("presidiumDecision").get(0), Map.of("anotherRound", true));
        assertThat(election).isWaitingAt("ballotAndCount");
        driveUntil(election, () -> !tasks("reportResults").isEmpty());
        assertThat(passed(election, "ballotAndCount")).isEqualTo(4);
        assertThat(passed(election, "checkElected")).isEqualTo(1);
    }

    @Test
    void thePresidiumMayEndTheVotingAfterAShortfall() {
        ProcessInstance election = start(false);
        driveUntil(election, () -> !tasks("ballotAndCount").isEmpty());
        roundKinds.add("SHORTFALL");
        driveUntil(election, () -> !tasks("presidiumDecision").isEmpty());

        complete(tasks("presidiumDecision").get(0), Map.of("anotherRound", false));

        assertThat(election).isWaitingAt("reportResults");
        assertThat(passed(election, "ballotAndCount")).isEqualTo(1);
    }

    @Test
    void aPreliminaryElectionComesBeforeTheBallotWhenTheElectionHasOne() {
        ProcessInstance election = start(true);

        driveUntil(election, () -> !tasks("ballotAndCount").isEmpty());

        assertThat(election).hasPassedInOrder("congressDeliberation", "preliminaryBallot", "countPreliminary");
    }

    // ---- walking the diagrams

    private ProcessInstance start(boolean preliminaryElection) {
        return engine.getRuntimeService().startProcessInstanceByKey("delegate-election", "t-model",
                Map.of("electionId", 1L, "preliminaryElection", preliminaryElection));
    }

    /**
     * Completes the open tasks (the oldest first) with the happy path's decisions, and runs the jobs when no task is
     * open, until {@code done} holds or the election has ended.
     */
    private void driveUntil(ProcessInstance election, BooleanSupplier done) {
        for (int step = 0; step < 500; step++) {
            if (done.getAsBoolean() || ended(election)) {
                return;
            }
            List<Task> open = engine.getTaskService().createTaskQuery().orderByTaskCreateTime().asc().list();
            if (!open.isEmpty()) {
                Task task = open.get(0);
                complete(task, happyPath(task.getTaskDefinitionKey()));
                continue;
            }
            List<Job> jobs = engine.getManagementService().createJobQuery().list();
            assertThat(jobs).as("neither a task nor a job: the election is stuck").isNotEmpty();
            jobs.forEach(job -> engine.getManagementService().executeJob(job.getId()));
        }
        throw new AssertionError("the condition did not hold within 500 steps");
    }

    private static Map<String, Object> happyPath(String taskKey) {
        return switch (taskKey) {
            case "approveImplementationPlan", "consultCentralOrganization", "centralReview" -> Map.of("approved", true);
            case "verifyObjection", "verifyReport" -> Map.of("confirmed", false);
            case "presidiumDecision" -> Map.of("anotherRound", false);
            default -> Map.of();
        };
    }

    private void complete(Task task, Map<String, Object> variables) {
        engine.getTaskService().complete(task.getId(), variables);
    }

    private void completeUnit(String unit) {
        for (String key : List.of("branchRecommendation", "grassrootsSelection", "recommendingUnitDecision")) {
            complete(unitTask(key, unit), Map.of());
        }
    }

    private boolean ended(ProcessInstance election) {
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(election.getId())
                .count() == 0;
    }

    private List<Task> tasks(String key) {
        return engine.getTaskService().createTaskQuery().taskDefinitionKey(key).list();
    }

    private Task unitTask(String key, String unit) {
        return engine.getTaskService().createTaskQuery().taskDefinitionKey(key).taskCandidateGroup("ru-" + unit)
                .singleResult();
    }

    private String candidateGroup(Task task) {
        return engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
                .map(IdentityLink::getGroupId).filter(group -> group != null).findFirst().orElse(null);
    }

    /** How often the election passed through an activity (finished instances of it, in this and called instances). */
    private long passed(ProcessInstance election, String activityId) {
        return engine.getHistoryService().createHistoricActivityInstanceQuery().activityId(activityId).finished()
                .count();
    }
}
