package org.delegateelection.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.delegateelection.process.DrivenElections.UNIT;
import static org.delegateelection.process.DrivenElections.idList;
import static org.delegateelection.process.DrivenElections.womenSentence;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.camunda.bpm.engine.IdentityService;
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
import org.delegateelection.security.AccessRules;
import org.delegateelection.security.Http;
import org.delegateelection.security.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
    @Autowired
    private IdentityService identityService;
    @Autowired
    private JdbcClient jdbc;
    @LocalServerPort
    private int port;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(processEngine);
    }

    @AfterEach
    void tearDown() {
        BpmnAwareTests.reset();
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALENDAR_CLERK = "notice-calendar-clerk";

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

    /**
     * A notice published on Monday 28 December 2026 counts four days of 2026 and needs 2027 for its fifth. Without
     * 2027 the timer cannot be set: an incident. 2027 is entered over REST (the test fixture: the State Council had
     * not published it), the job retried two days later, and the due date counts from the publication: Friday
     * 1 January off, Monday 4 January the fifth day, due at the midnight beginning 5 January (counting from the retry
     * would give 7 January). Then 4 January is corrected to a holiday: the engine recomputes the timer (6 January),
     * and the instance's variable calendarCorrections records it.
     */
    @Test
    void aNoticeCrossingNewYear2027WaitsForTheYearAndFollowsItsCorrection() throws Exception {
        TestUsers.ensure(identityService, CALENDAR_CLERK, AccessRules.ORG_DEPT);
        Election election = elections.start("t-notice-2027").advanceTo("consultCentralOrganization");
        publishAt(OffsetDateTime.parse("2026-12-28T10:00+08:00"));
        election.complete("consultCentralOrganization", Map.of("approved", true));
        Job continuation = election.job();
        while (continuation.getRetries() > 0) {
            String jobId = continuation.getId();
            assertThatThrownBy(() -> managementService.executeJob(jobId)).hasMessageContaining("2027年");
            continuation = election.job();
        }
        assertThat(runtimeService.createIncidentQuery().processInstanceId(election.instance.getId()).count())
                .isEqualTo(1);

        publishAt(OffsetDateTime.parse("2026-12-30T15:00+08:00"));
        HttpResponse<String> added = putYear(year2027());
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        managementService.setJobRetries(continuation.getId(), 1);
        managementService.executeJob(continuation.getId());

        assertThat(runtimeService.createIncidentQuery().processInstanceId(election.instance.getId()).count())
                .isZero();
        assertThat(election.instance).isWaitingAt("noticePeriodEnded");
        assertThat(election.job().getDuedate().toInstant())
                .isEqualTo(OffsetDateTime.parse("2027-01-05T00:00+08:00").toInstant());
        // as the README shows the organization department the due date over the engine's REST API
        HttpResponse<String> jobs = new Http(port, false).json("GET", "/engine-rest/job?processInstanceId="
                + election.instance.getId() + "&activityId=noticePeriodEnded", CALENDAR_CLERK, TestUsers.PASSWORD, null);
        assertThat(jobs.statusCode()).as(jobs.body()).isEqualTo(200);
        assertThat(JSON.readTree(jobs.body())).as(jobs.body()).hasSize(1);
        assertThat(OffsetDateTime.parse(JSON.readTree(jobs.body()).at("/0/dueDate").asText(),
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")).toInstant())
                .isEqualTo(OffsetDateTime.parse("2027-01-05T00:00+08:00").toInstant());

        HttpResponse<String> corrected = putYear(year2027().replace("to: 2027-01-03", "to: 2027-01-04"));

        assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(corrected.body());
        assertThat(answer.at("/changedDays").toString()).isEqualTo("[\"2027-01-04\"]");
        JsonNode correction = StreamSupport.stream(answer.at("/corrections").spliterator(), false)
                .filter(c -> c.at("/processInstanceId").asText().equals(election.instance.getId()))
                .findFirst().orElseThrow();
        assertThat(correction.at("/publishedOn").asText()).isEqualTo("2026-12-28");
        assertThat(correction.at("/previousDueAt").asText()).isEqualTo("2027-01-05T00:00:00+08:00");
        assertThat(correction.at("/dueAt").asText()).isEqualTo("2027-01-06T00:00:00+08:00");
        assertThat(election.job().getDuedate().toInstant())
                .isEqualTo(OffsetDateTime.parse("2027-01-06T00:00+08:00").toInstant());
        assertThat((String) runtimeService.getVariable(election.instance.getId(), "calendarCorrections"))
                .contains(CALENDAR_CLERK, "2027年", "2026-12-28", "2027-01-05T00:00+08:00", "2027-01-06T00:00+08:00");

        election.endPublicNotice();

        assertThat(election.instance).isWaitingAt("plenaryDeliberation");
    }

    /**
     * A notice of an instance started on an earlier version of the diagram has no {@code noticePublishedAt}: a
     * corrected year recomputes its timer from the job's creation, the moment of publication (28 December), not from
     * the correction (30 December, which would give 8 January).
     */
    @Test
    void aNoticeOfAnEarlierDiagramIsRecomputedFromItsTimersCreation() throws Exception {
        TestUsers.ensure(identityService, CALENDAR_CLERK, AccessRules.ORG_DEPT);
        assertThat(putYear(year2027()).statusCode()).isEqualTo(200);
        Election election = elections.start("t-notice-earlier-diagram").advanceTo("consultCentralOrganization");
        publishAt(OffsetDateTime.parse("2026-12-28T10:00+08:00"));
        election.complete("consultCentralOrganization", Map.of("approved", true));
        if (managementService.createJobQuery().processInstanceId(election.instance.getId()).timers().count() == 0) {
            managementService.executeJob(election.job().getId());
        }
        assertThat(election.instance).isWaitingAt("noticePeriodEnded");
        // as an instance of the earlier diagram: the notice's input parameter noticePublishedAt did not exist
        runtimeService.createVariableInstanceQuery().processInstanceIdIn(election.instance.getId())
                .variableName("noticePublishedAt").list()
                .forEach(v -> runtimeService.removeVariableLocal(v.getExecutionId(), v.getName()));
        publishAt(OffsetDateTime.parse("2026-12-30T15:00+08:00"));

        HttpResponse<String> corrected = putYear(year2027().replace("to: 2027-01-03", "to: 2027-01-04"));

        assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(200);
        assertThat(election.job().getDuedate().toInstant())
                .isEqualTo(OffsetDateTime.parse("2027-01-06T00:00+08:00").toInstant());
        assertThat((String) runtimeService.getVariable(election.instance.getId(), "calendarCorrections"))
                .contains("2026-12-28", "2027-01-05T00:00+08:00", "2027-01-06T00:00+08:00");
    }

    /** Leaves the shared context's calendar as it was: without 2027. */
    @AfterEach
    void removeTheYearsStoredHere() {
        jdbc.sql("delete from calendar_year where stored_by = :clerk").param("clerk", CALENDAR_CLERK).update();
    }

    private HttpResponse<String> putYear(String yaml) {
        return new Http(port, false).send("PUT", "/api/calendar/years/2027", CALENDAR_CLERK, TestUsers.PASSWORD, yaml,
                "application/yaml");
    }

    /** The test fixture of 2027 (not the State Council's notice, which had not been published). */
    private static String year2027() throws IOException {
        try (InputStream in = PublicNoticeProcessTest.class.getResourceAsStream("/test-calendar/cn-2027.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
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
