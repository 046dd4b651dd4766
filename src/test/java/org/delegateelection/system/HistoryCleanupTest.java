package org.delegateelection.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * History cleanup as an operator checks it: the engine keeps a finished election's history for 5 years and cleans
 * up at night (20:00 to 06:00 in Asia/Shanghai). The job executor is off in tests, so the cleanup job is only
 * scheduled, never run.
 */
@DirtiesContext
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:history-cleanup;DB_CLOSE_DELAY=-1")
class HistoryCleanupTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final LocalTime WINDOW_START = LocalTime.of(20, 0);
    private static final LocalTime WINDOW_END = LocalTime.of(6, 0);

    @Autowired
    private ProcessEngine engine;
    @Autowired
    private HistoryService historyService;
    @Autowired
    private RepositoryService repositoryService;
    @Autowired
    private RuntimeService runtimeService;

    @Test
    void theEngineCleansUpByRemovalTimeAtNightInShanghai() {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();

        assertThat(configuration.getHistoryCleanupStrategy()).isEqualTo("removalTimeBased");
        assertThat(configuration.getHistoryCleanupBatchWindowStartTimeAsDate()).isNotNull();
        assertThat(configuration.getHistoryCleanupBatchWindowEndTimeAsDate()).isNotNull();
        assertThat(shanghai(configuration.getHistoryCleanupBatchWindowStartTimeAsDate().toInstant()).toLocalTime())
                .isEqualTo(WINDOW_START);
        assertThat(shanghai(configuration.getHistoryCleanupBatchWindowEndTimeAsDate().toInstant()).toLocalTime())
                .isEqualTo(WINDOW_END);
    }

    @Test
    void scheduledCleanupIsDueAtTheNextNightWindow() {
        Instant before = Instant.now();
        historyService.cleanUpHistoryAsync();

        List<Job> jobs = historyService.findHistoryCleanupJobs();
        assertThat(jobs).isNotEmpty();
        ZonedDateTime now = shanghai(before);
        boolean inWindow = !now.toLocalTime().isBefore(WINDOW_START) || now.toLocalTime().isBefore(WINDOW_END);
        for (Job job : jobs) {
            assertThat(job.isSuspended()).isFalse();
            Instant due = job.getDuedate().toInstant();
            if (inWindow) {
                assertThat(due).isBeforeOrEqualTo(Instant.now());
            } else {
                assertThat(shanghai(due)).isEqualTo(now.toLocalDate().atTime(WINDOW_START).atZone(SHANGHAI));
            }
        }
    }

    @Test
    void theElectionsAreKeptFor1825DaysAsIsAProcessWithoutItsOwnTimeToLive() {
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("delegate-election")
                .latestVersion().singleResult().getHistoryTimeToLive()).isEqualTo(1825);

        repositoryService.createDeployment().addModelInstance("no-ttl.bpmn",
                Bpmn.createExecutableProcess("noTimeToLive").camundaHistoryTimeToLiveString(null)
                        .startEvent().endEvent().done()).deploy();
        String id = runtimeService.startProcessInstanceByKey("noTimeToLive").getId();

        HistoricProcessInstance finished =
                historyService.createHistoricProcessInstanceQuery().processInstanceId(id).singleResult();
        assertThat(finished.getEndTime()).isNotNull();
        ZoneId engineZone = ZoneId.systemDefault();
        assertThat(finished.getRemovalTime().toInstant().atZone(engineZone))
                .isEqualTo(finished.getEndTime().toInstant().atZone(engineZone).plusDays(1825));
    }

    private static ZonedDateTime shanghai(Instant instant) {
        return instant.atZone(SHANGHAI);
    }
}
