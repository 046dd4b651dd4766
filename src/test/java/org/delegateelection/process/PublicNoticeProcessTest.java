package org.delegateelection.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.delegateelection.process.DrivenElections.UNIT;
import static org.delegateelection.process.DrivenElections.idList;
import static org.delegateelection.process.DrivenElections.womenSentence;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.delegateelection.AuditHistoryProcessTest;
import org.delegateelection.EngineClock;
import org.delegateelection.candidate.Candidate;
import org.delegateelection.candidate.CandidateList;
import org.delegateelection.candidate.CandidateReports;
import org.delegateelection.candidate.CandidateStatus;
import org.delegateelection.process.DrivenElections.Election;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Step 18, the public notice of the preliminary candidates (党内公示): its timer is due after five working days of
 * the Chinese calendar, a year without calendar data stops it with an incident, and an objection verified during the
 * notice removes the candidate, after which the structure is checked again. Each test drives a copy of the handbook
 * election to step 17 with the handbook plan and sets the engine's clock to the day of publication. History is kept
 * at level audit, as in {@link LateStagesProcessTest}.
 */
@AuditHistoryProcessTest
class PublicNoticeProcessTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final OffsetDateTime MONDAY = OffsetDateTime.parse("2022-06-06T09:00+08:00");

    /** Each test sets the clock to the day its notice is published; it is reset after the test. */
    @RegisterExtension
    final EngineClock clock = EngineClock.real();

    @Autowired
    private ProcessEngine processEngine;
    @Autowired
    private DrivenElections elections;
    @Autowired
    private ManagementService managementService;
    @Autowired
    private RuntimeService runtimeService;
    @Autowired
    private CandidateReportIntake reportIntake;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(processEngine);
    }

    @AfterEach
    void tearDown() {
        BpmnAwareTests.reset();
    }

    /** Due dates worked out by hand from the State Council's holiday notices for 2022–2024. */
    @ParameterizedTest(name = "published {0}: due at the midnight beginning {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # Fri 1 Apr (1), Sat 2 Apr make-up day (2), Qingming 3-5 Apr, 6, 7, 8 Apr; 07:30 in Beijing is still
            # 31 March in UTC, and the day of publication is the one in Asia/Shanghai
            2022-04-01T07:30+08:00 | 2022-04-09
            # Thu 28 Apr (1), Fri 29 (2), Labour Day 30 Apr-4 May, Thu 5 May (3), Fri 6 (4), Sat 7 make-up day (5)
            2022-04-28T10:00+08:00 | 2022-05-08
            # Wed 27 Sep (1), Thu 28 (2), Mid-Autumn and National Day 29 Sep-6 Oct, Sat 7 and Sun 8 Oct make-up
            # days (3, 4), Mon 9 Oct (5)
            2023-09-27T10:00+08:00 | 2023-10-10
            # Fri 27 Sep (1), Sat 28 not worked, Sun 29 make-up day (2), Mon 30 (3), National Day 1-7 Oct,
            # Tue 8 (4), Wed 9 Oct (5)
            2024-09-27T10:00+08:00 | 2024-10-10
            """)
    void timerIsDueAfterFiveWorkingDays(OffsetDateTime published, LocalDate dueDay) {
        Election election = elections.start("t-notice-" + published.toLocalDate())
                .advanceTo("consultCentralOrganization");
        publishAt(published);

        election.startPublicNotice();

        assertThat(election.instance).isWaitingAt("noticePeriodEnded");
        assertThat(election.job().getDuedate().toInstant()).isEqualTo(dueDay.atStartOfDay(ZONE).toInstant());

        election.endPublicNotice();

        assertThat(election.instance).isWaitingAt("plenaryDeliberation").hasPassed("checkAfterNotice");
    }

    /** 2030 stands for any year whose holidays the State Council has not announced yet. */
    @Test
    void yearWithoutCalendarDataStopsTheNoticeWithAnIncidentNamingTheYear() {
        int year = 2030;
        Election election = elections.start("t-notice-uncovered").advanceTo("consultCentralOrganization");
        publishAt(OffsetDateTime.parse(year + "-06-03T10:00+08:00"));
        election.complete("consultCentralOrganization", Map.of("approved", true));

        Job continuation = election.job();
        while (continuation.getRetries() > 0) {
            String jobId = continuation.getId();
            assertThatThrownBy(() -> managementService.executeJob(jobId)).hasMessageContaining(year + "年");
            continuation = election.job();
        }

        Incident incident = runtimeService.createIncidentQuery().processInstanceId(election.instance.getId())
                .singleResult();
        assertThat(incident).isNotNull();
        assertThat(incident.getActivityId()).isEqualTo("noticePeriodEnded");
        assertThat(incident.getIncidentMessage()).contains(year + "年");
        assertThat(election.instance).isWaitingAt("noticePeriodEnded");
    }

    @Test
    void confirmedObjectionRemovesTheCandidateAndABrokenStructureReturnsToStep16() {
        Election election = elections.start("t-objection-confirmed").advanceTo("proposePreliminaryList");
        List<String> justEnoughWomen = withJustEnoughWomen(election);
        election.complete("proposePreliminaryList", Map.of("selectedCandidateIds", idList(justEnoughWomen)));
        assertThat(election.instance).isWaitingAt("consultCentralOrganization");
        publishAt(MONDAY);
        election.startPublicNotice();
        Date due = election.job().getDuedate();
        String woman = election.people(justEnoughWomen).stream().filter(Candidate::woman).findFirst().orElseThrow()
                .id();

        object(election, woman);
        election.complete("verifyObjection", Map.of("confirmed", true,
                "finding", "经核实，反映的问题属实，该同志不宜作为代表候选人初步人选。"));

        assertThat(election.person(woman).status()).isEqualTo(CandidateStatus.REMOVED);
        assertThat(election.ids(CandidateList.PRELIMINARY)).hasSize(justEnoughWomen.size() - 1)
                .doesNotContain(woman);
        assertThat(election.job().getDuedate()).isEqualTo(due);

        election.endPublicNotice();

        assertThat(election.instance).isWaitingAt("proposePreliminaryList").hasPassed("removeObjectedCandidate");
        assertThat(election.reportShownAt("proposePreliminaryList"))
                .contains("未通过", womenSentence(election.people(CandidateList.PRELIMINARY)));
    }

    @Test
    void unconfirmedObjectionChangesNothingAndTheCheckAwaitsItsVerification() {
        Election election = elections.start("t-objection-unconfirmed").advanceTo("consultCentralOrganization");
        publishAt(MONDAY);
        election.startPublicNotice();
        String objected = election.plan.unconfirmedObjection().candidateId();
        List<String> preliminary = election.ids(CandidateList.PRELIMINARY);
        object(election, objected);

        election.endPublicNotice();

        assertThat(election.instance).isWaitingAt("verifyObjection").hasPassed("noticePeriodEnded")
                .hasNotPassed("checkAfterNotice");

        election.complete("verifyObjection", Map.of("confirmed", false,
                "finding", election.plan.unconfirmedObjection().finding()));

        assertThat(election.instance).isWaitingAt("plenaryDeliberation").hasNotPassed("removeObjectedCandidate");
        assertThat(election.person(objected).status()).isEqualTo(CandidateStatus.PRELIMINARY);
        assertThat(election.ids(CandidateList.PRELIMINARY)).isEqualTo(preliminary);
    }

    /** Sets the engine's clock to the moment the notice is published. */
    private static void publishAt(OffsetDateTime published) {
        ClockUtil.setCurrentTime(Date.from(published.toInstant()));
    }

    /** A party member's objection against a candidate arrives while the notice runs. */
    private void object(Election election, String candidateId) {
        reportIntake.receive(election.id, candidateId, CandidateReports.Kind.OBJECTION,
                "公示期间有党员反映该同志存在违反中央八项规定精神的问题。");
        assertThat(election.instance).isWaitingAt("noticePeriodEnded", "verifyObjection");
    }

    /**
     * The plan's preliminary list with two of the three women that its failing proposal leaves out replaced by the
     * same men it takes in: the fewest women whose share is still above the share among the party members, so that
     * losing one woman breaks the rule.
     */
    private static List<String> withJustEnoughWomen(Election election) {
        List<String> preliminary = election.plan.preliminaryList();
        List<String> proposal = election.plan.failingPreliminaryProposal();
        List<String> womenLeftOut = preliminary.stream().filter(id -> !proposal.contains(id)).toList();
        List<String> menTakenIn = proposal.stream().filter(id -> !preliminary.contains(id)).toList();
        List<String> result = new ArrayList<>(preliminary);
        for (int i = 0; i < 2; i++) {
            result.set(result.indexOf(womenLeftOut.get(i)), menTakenIn.get(i));
        }
        List<Candidate> people = election.people(result);
        long women = people.stream().filter(Candidate::woman).count();
        BigDecimal threshold = UNIT.womenMemberShare().multiply(BigDecimal.valueOf(people.size()));
        assertThat(BigDecimal.valueOf(women)).isGreaterThan(threshold);
        assertThat(BigDecimal.valueOf(women - 1)).isLessThanOrEqualTo(
                UNIT.womenMemberShare().multiply(BigDecimal.valueOf(people.size() - 1)));
        return result;
    }

}
