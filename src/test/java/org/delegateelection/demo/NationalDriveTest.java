package org.delegateelection.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.delegateelection.EngineClock;
import org.delegateelection.ProcessTest;
import org.delegateelection.candidate.Candidate;
import org.delegateelection.candidate.CandidateList;
import org.delegateelection.candidate.CandidateRepository;
import org.delegateelection.election.ElectionRepository;
import org.delegateelection.election.ElectionUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Units of the national allocation seeded and driven from step 1 to step 25 by their own generated bodies: the drive
 * elects and confirms what each unit's plan says, in the unit's own tenant; a unit that leaves a seat empty gets
 * there through a shortfall and the presidium's decision to elect no more. (All 38 are driven by the command of
 * {@link DriveCommand}; the exact national figures of their plans are {@link GeneratedUnitsTest}'s.)
 */
@ProcessTest
class NationalDriveTest {

    @Autowired
    private HandbookSeeder seeder;
    @Autowired
    private HandbookDriver driver;
    @Autowired
    private ElectionRepository elections;
    @Autowired
    private CandidateRepository candidates;
    @Autowired
    private HistoryService historyService;
    @Autowired
    private JdbcClient jdbc;

    @RegisterExtension
    final EngineClock clock = EngineClock.runningFrom(LocalDate.of(2022, 3, 1));

    @Test
    void macausElectionElectsAndConfirmsItsPlannedDelegatesInItsOwnUnit() {
        String output = drive("macau");

        long id = elections.idOf("macau").orElseThrow();
        HandbookElection planned = seeder.national().of("macau");
        assertThat(ids(id, CandidateList.CONFIRMED)).containsExactlyInAnyOrderElementsOf(planned.plan().electedList())
                .hasSize(12);
        HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
                .processInstanceId(elections.processInstanceOf(id).orElseThrow()).singleResult();
        assertThat(instance.getEndTime()).isNotNull();
        assertThat(instance.getTenantId()).isEqualTo("macau");
        assertThat(historyService.createHistoricTaskInstanceQuery().processInstanceId(instance.getId())
                .taskAssignee("macau-org-dept").count()).isPositive();
        ElectionUnit unit = elections.get(id);
        assertThat(unit.name()).isEqualTo("澳门特别行政区");
        assertThat(unit.recommendingUnits()).allSatisfy(ru -> assertThat(ru.code()).startsWith("macau-"));
        assertThat(output).contains("第25步", "人数：12 名");
    }

    @Test
    void aUnitThatLeavesASeatEmptyGetsThereByTheShortfallAndThePresidiumsDecision() {
        String output = drive("central-state-organs");

        long id = elections.idOf("central-state-organs").orElseThrow();
        List<String> planned = seeder.national().of("central-state-organs").plan().electedList();
        assertThat(elections.get(id).seats()).isEqualTo(114);
        assertThat(ids(id, CandidateList.CONFIRMED)).containsExactlyInAnyOrderElementsOf(planned).hasSize(113);
        assertThat(output).contains("尚缺 1 名", "主席团决定是否另行选举（presidiumDecision）", "人数：113 名");
        // its recommending units' codes are long: the stage-2 reports are stored under them in full
        assertThat(jdbc.sql("select passed from quota_report where election_id = ? and checkpoint = ?")
                .params(id, "participation:central-state-organs-universities").query(Boolean.class).list())
                .containsExactly(true);
    }

    private String drive(String code) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        driver.driveUnit(new PrintStream(printed, true, StandardCharsets.UTF_8), code, LocalDate.of(2022, 4, 1));
        return printed.toString(StandardCharsets.UTF_8);
    }

    private List<String> ids(long electionId, CandidateList list) {
        return candidates.list(electionId, list.key()).stream().map(Candidate::id).toList();
    }
}
