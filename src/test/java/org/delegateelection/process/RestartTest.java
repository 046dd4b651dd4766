package org.delegateelection.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.delegateelection.DelegateElectionApplication;
import org.delegateelection.candidate.Candidate;
import org.delegateelection.candidate.CandidateList;
import org.delegateelection.candidate.CandidateRepository;
import org.delegateelection.demo.HandbookDriver;
import org.delegateelection.demo.HandbookElection;
import org.delegateelection.election.ElectionRepository;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Restart without loss on the embedded default (H2 in a file): the handbook election, driven to step 8, waits at the
 * same task of the same process instance after the application has been stopped and started again, with its lists
 * still stored, no second election and no second version of the diagram; the restarted application carries it to the
 * end. Two applications one after the other, so no {@code @SpringBootTest}.
 */
@Tag("embedded")
class RestartTest {

    private static final String CODE = new HandbookElection().unit().code();
    private static final String WAITING_AT = "proposeInspectionList";

    private final String url = "jdbc:h2:file:" + Path.of("target", "restart-test", UUID.randomUUID().toString(),
            "delegate-election").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";

    @Test
    void anElectionDrivenPartWayWaitsAtTheSameTaskAfterARestartAndRunsToItsEnd() {
        long electionId;
        String instanceId;
        Task waiting;
        List<String> nominees;
        ConfigurableApplicationContext first = start();
        try {
            electionId = first.getBean(ElectionRepository.class).idOf(CODE).orElseThrow();
            first.getBean(HandbookDriver.class)
                    .advanceTo(new HandbookDriver.Run(System.out, electionId, CODE, false), WAITING_AT);
            List<Task> open = openTasks(first);
            assertThat(open).extracting(Task::getTaskDefinitionKey).containsExactly(WAITING_AT);
            waiting = open.get(0);
            instanceId = waiting.getProcessInstanceId();
            nominees = ids(first, electionId, CandidateList.NOMINEES);
        } finally {
            first.close();
        }
        assertThat(nominees).isNotEmpty();

        ConfigurableApplicationContext second = start();
        try {
            assertThat(openTasks(second)).singleElement().satisfies(task -> {
                assertThat(task.getTaskDefinitionKey()).isEqualTo(WAITING_AT);
                assertThat(task.getId()).isEqualTo(waiting.getId());
                assertThat(task.getProcessInstanceId()).isEqualTo(instanceId);
            });
            assertThat(ids(second, electionId, CandidateList.NOMINEES)).isEqualTo(nominees);
            assertThat(second.getBean(JdbcClient.class).sql("select count(*) from election where code = ?")
                    .param(CODE).query(Long.class).single()).isEqualTo(1);
            assertThat(second.getBean(RuntimeService.class).createProcessInstanceQuery()
                    .processInstanceBusinessKey(CODE).processDefinitionKey("delegate-election").count()).isEqualTo(1);
            assertThat(second.getBean(RepositoryService.class).createProcessDefinitionQuery()
                    .processDefinitionKey("delegate-election").count()).isEqualTo(1);

            // a notice date in a year the calendar covers, whatever today is
            second.getBean(HandbookDriver.class).advanceTo(
                    new HandbookDriver.Run(System.out, electionId, CODE, false, LocalDate.of(2022, 4, 1)), null);

            assertThat(second.getBean(HistoryService.class).createHistoricProcessInstanceQuery()
                    .processInstanceId(instanceId).finished().count()).isEqualTo(1);
            assertThat(ids(second, electionId, CandidateList.CONFIRMED))
                    .containsExactlyInAnyOrderElementsOf(new HandbookElection().plan().electedList());
        } finally {
            ClockUtil.resetClock();
            second.close();
        }
    }

    /**
     * The demo application on this test's database file. The settings are arguments, not default properties: those
     * would lose against the test configuration's in-memory database.
     */
    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(DelegateElectionApplication.class).profiles("demo")
                .run("--spring.datasource.url=" + url, "--server.port=0",
                        "--camunda.bpm.job-execution.enabled=false");
    }

    private static List<Task> openTasks(ConfigurableApplicationContext context) {
        return context.getBean(TaskService.class).createTaskQuery().processInstanceBusinessKey(CODE).list();
    }

    private static List<String> ids(ConfigurableApplicationContext context, long electionId, CandidateList list) {
        return context.getBean(CandidateRepository.class).list(electionId, list.key()).stream().map(Candidate::id)
                .toList();
    }
}
