package org.delegateelection.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.delegateelection.EngineClock;
import org.delegateelection.ProcessTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * History cleanup as an operator relies on it: the engine keeps a finished election's history for 5 years
 * (1825 days, also for a process without a time to live of its own) and then removes it, and its scheduled cleanup
 * runs at night, 20:00 to 06:00 in Asia/Shanghai. The job executor is off in tests: the test runs the cleanup job
 * itself. The clock starts in January 2015, long before any other test's instances end (2022 onwards), so the
 * cleanup in the shared database removes only what this test finished.
 */
@ProcessTest
class HistoryCleanupTest {

    private static final Duration KEPT = Duration.ofDays(1825);

    /** Monday 5 January 2015, 10:00 in Asia/Shanghai: outside the night window. */
    @RegisterExtension
    final EngineClock clock = EngineClock.at(LocalDateTime.of(2015, 1, 5, 10, 0));

    @Autowired
    private HistoryService historyService;
    @Autowired
    private ManagementService managementService;
    @Autowired
    private RepositoryService repositoryService;
    @Autowired
    private RuntimeService runtimeService;

    private String deployment;

    @BeforeEach
    void aProcessWithoutATimeToLiveOfItsOwn() {
        deleteCleanupJobs();
        deployment = repositoryService.createDeployment().addModelInstance("no-ttl.bpmn",
                Bpmn.createExecutableProcess("noTimeToLive").camundaHistoryTimeToLiveString(null)
                        .startEvent().endEvent().done()).deploy().getId();
    }

    @AfterEach
    void removeIt() {
        deleteCleanupJobs();
        repositoryService.deleteDeployment(deployment, true);
    }

    @Test
    void aFinishedInstanceIsRemovedOnceItsFiveYearsHavePassedWhileARecentOneStays() {
        Instant ended = clock.now().toInstant();
        String old = finishedInstance();
        clock.advance(Duration.ofDays(3 * 365));
        String recent = finishedInstance();

        clock.set(ended.plus(KEPT).minus(Duration.ofHours(1)));
        runCleanup();
        assertThat(historic(old)).as("an hour before its 5 years").isNotNull();

        clock.set(ended.plus(KEPT).plus(Duration.ofHours(1)));
        runCleanup();
        assertThat(historic(old)).as("an hour after its 5 years").isNull();
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(old).count()).isZero();
        assertThat(historic(recent)).as("finished 3 years later").isNotNull();
    }

    @Test
    void electionsAndProcessesWithoutTheirOwnTimeToLiveAreKept1825DaysFromTheirEnd() {
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("delegate-election")
                .latestVersion().singleResult().getHistoryTimeToLive()).isEqualTo(1825);

        HistoricProcessInstance finished = historic(finishedInstance());
        assertThat(finished.getEndTime()).isNotNull();
        assertThat(finished.getRemovalTime().toInstant()).isEqualTo(finished.getEndTime().toInstant().plus(KEPT));
    }

    @Test
    void theScheduledCleanupWaitsForTheNightAndRunsAtOnceWithinIt() {
        historyService.cleanUpHistoryAsync();
        assertThat(historyService.findHistoryCleanupJobs()).isNotEmpty().allSatisfy(job -> {
            assertThat(job.isSuspended()).isFalse();
            assertThat(job.getDuedate().toInstant())
                    .isEqualTo(LocalDateTime.of(2015, 1, 5, 20, 0).atZone(EngineClock.ZONE).toInstant());
        });
        deleteCleanupJobs();

        clock.set(LocalDateTime.of(2015, 1, 5, 23, 0).atZone(EngineClock.ZONE).toInstant());
        historyService.cleanUpHistoryAsync();
        assertThat(historyService.findHistoryCleanupJobs()).isNotEmpty().allSatisfy(job ->
                assertThat(job.getDuedate()).isBeforeOrEqualTo(clock.now()));
    }

    private String finishedInstance() {
        return runtimeService.startProcessInstanceByKey("noTimeToLive").getId();
    }

    private HistoricProcessInstance historic(String id) {
        return historyService.createHistoricProcessInstanceQuery().processInstanceId(id).singleResult();
    }

    /** Schedules the cleanup due now and runs its jobs, as the job executor would. */
    private void runCleanup() {
        historyService.cleanUpHistoryAsync(true);
        List<Job> jobs = historyService.findHistoryCleanupJobs();
        assertThat(jobs).isNotEmpty();
        jobs.forEach(job -> managementService.executeJob(job.getId()));
    }

    private void deleteCleanupJobs() {
        historyService.findHistoryCleanupJobs().forEach(job -> managementService.deleteJob(job.getId()));
    }
}
