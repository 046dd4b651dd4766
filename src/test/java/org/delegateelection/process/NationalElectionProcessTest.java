package org.delegateelection.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.delegateelection.EngineClock;
import org.delegateelection.ProcessTest;
import org.delegateelection.candidate.CandidateList;
import org.delegateelection.demo.DemoIdentity;
import org.delegateelection.demo.NationalSeeder;
import org.delegateelection.election.ElectionRepository;
import org.delegateelection.election.ElectionUnit;
import org.delegateelection.national.NationalRepository;
import org.delegateelection.security.AccessRules;
import org.delegateelection.security.DatabaseDump;
import org.delegateelection.security.Http;
import org.delegateelection.security.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The national procedure ({@code national-election}) in the application, over HTTP as the Central Organization
 * Department and the credentials committee use it: the demo's 38 units each waiting at step 1 in a tenant of its own;
 * a national procedure of its own per test, one unit driven to the end while the others wait; the progress check's
 * reminder for a unit behind its plan; the credentials of a unit confirmed in the national task with a delegate
 * found invalid; bad input refused with the database unchanged; a unit's organization department seeing neither the
 * national tasks nor another unit.
 */
@ProcessTest
class NationalElectionProcessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CENTRE = "yangfan";
    private static final String COMMITTEE = "zhoumin";

    /** Before the test notices' progress check day (2026-06-01), a Monday. */
    @RegisterExtension
    final EngineClock clock = EngineClock.at(LocalDateTime.of(2026, 3, 2, 9, 0));

    @Autowired
    private DrivenElections elections;
    @Autowired
    private RuntimeService runtimeService;
    @Autowired
    private HistoryService historyService;
    @Autowired
    private TaskService taskService;
    @Autowired
    private ManagementService managementService;
    @Autowired
    private IdentityService identityService;
    @Autowired
    private ElectionRepository electionRepository;
    @Autowired
    private NationalRepository nationalRepository;
    @Autowired
    private DataSource dataSource;
    @Autowired
    private ProcessEngine processEngine;
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

    @Test
    void theDemoStartsTheNationalProcedureWithItsThirtyEightUnitsEachAtStepOneInItsOwnTenant() {
        ProcessInstance national = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(
                NationalSeeder.CODE).singleResult();
        // the demo's units other test classes drive to the end (NationalDriveTest) have ended; the others wait
        List<HistoricProcessInstance> units = historyService.createHistoricProcessInstanceQuery()
                .processDefinitionKey(AccessRules.ELECTION_PROCESS)
                .variableValueEquals(NationalElections.NATIONAL_KEY, NationalSeeder.CODE).list();
        List<ProcessInstance> waiting = runtimeService.createProcessInstanceQuery()
                .processDefinitionKey(AccessRules.ELECTION_PROCESS)
                .variableValueEquals(NationalElections.NATIONAL_KEY, NationalSeeder.CODE).list();

        assertThat(national).isNotNull().isWaitingAt("Gateway_awaitFirst");
        assertThat(units).hasSize(38).allSatisfy(unit ->
                assertThat(unit.getTenantId()).isEqualTo(unit.getBusinessKey()));
        assertThat(units).extracting(HistoricProcessInstance::getBusinessKey)
                .contains("handbook-province", "zhejiang", "pla");
        assertThat(waiting).isNotEmpty().allSatisfy(unit -> assertThat(unit).isWaitingAt("registerAllocation"));
        assertThat(units).filteredOn(unit -> waiting.stream().noneMatch(w -> w.getId().equals(unit.getId())))
                .allSatisfy(unit -> assertThat(unit.getState()).isEqualTo(HistoricProcessInstance.STATE_COMPLETED));
        ElectionUnit zhejiang = electionRepository.get(electionRepository.idOf("zhejiang").orElseThrow());
        assertThat(zhejiang.seats()).isEqualTo(77);
        assertThat(zhejiang.womenMemberShare()).isEqualByComparingTo("0.334");
        assertThat(electionRepository.get(electionRepository.idOf("handbook-province").orElseThrow())
                .recommendingUnits()).hasSize(17);
        // a progress check per unit that has not reported yet
        assertThat(managementService.createJobQuery().processInstanceId(national.getId()).timers().count())
                .isEqualTo(waiting.size());
    }

    @Test
    void oneUnitIsDrivenToTheEndWhileTheOthersWaitAtStepOne() throws Exception {
        DrivenElections.Election driven = elections.start("t-nat-a");
        Http http = new Http(port, false);
        String national = startNational(http, "t-nat", 129, 3, """
                代码,选举单位,名额,女党员比例(%),类别
                t-nat-a,示例省,69,29.0,省区市
                t-nat-b,乙省,40,30.0,省区市
                t-nat-c,港澳台丙,20,,港澳台
                """);

        assertThat(instanceOf("t-nat-b")).isWaitingAt("registerAllocation");
        assertThat(instanceOf("t-nat-c").getTenantId()).isEqualTo("t-nat-c");
        assertThat(electionRepository.get(electionRepository.idOf("t-nat-c").orElseThrow()).womenMemberShare())
                .isEqualByComparingTo("0.294");

        driven.advancePastNoticeTo("credentialsReview");
        // the driven unit's results reached the national procedure: only the other two units are awaited
        assertThat(runtimeService.createExecutionQuery().processInstanceId(national)
                .messageEventSubscriptionName(NationalReport.MESSAGE).count()).isEqualTo(2);
        List<String> elected = driven.ids(CandidateList.ELECTED);
        String invalid = elected.get(0);
        // step 25 of the unit: a delegate left unconfirmed without a reason is refused, and nothing changes
        String step25 = driven.task("credentialsReview").getId();
        String before = DatabaseDump.of(dataSource);
        HttpResponse<String> refused = http.json("POST", "/engine-rest/task/" + step25 + "/complete", COMMITTEE,
                DemoIdentity.PASSWORD, "{\"variables\": {\"selectedCandidateIds\": {\"type\": \"Json\", \"value\": "
                        + JSON.writeValueAsString(JSON.writeValueAsString(elected.subList(1, elected.size())))
                        + "}}}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("invalidDelegatesText", invalid);
        assertThat(DatabaseDump.difference(before, DatabaseDump.of(dataSource))).isEmpty();

        driven.complete("credentialsReview", Map.of("selectedCandidateIds",
                DrivenElections.idList(elected.subList(1, elected.size())),
                "invalidDelegatesText", invalid + ",当选后发现不符合代表条件的问题，经核实资格无效"));

        assertThat(driven.instance).isEnded();
        assertThat(nationalRepository.findings(driven.id)).singleElement()
                .satisfies(f -> assertThat(f.candidateId()).isEqualTo(invalid));
        assertThat(instanceOf("t-nat-b")).isWaitingAt("registerAllocation");
        assertThat(instanceOf("t-nat-c")).isWaitingAt("registerAllocation");
        JsonNode overview = JSON.readTree(http.json("GET", "/api/national/elections/t-nat", CENTRE,
                DemoIdentity.PASSWORD, null).body());
        assertThat(overview.at("/units/0/reported").asBoolean()).isTrue();
        assertThat(overview.at("/units/0/confirmed").asBoolean()).isTrue();
        assertThat(overview.at("/units/0/invalid").asInt()).isEqualTo(1);
        assertThat(overview.at("/units/1/openTasks/0").asText()).isEqualTo("第1步 登记代表名额和结构要求");
        // where each unit stands: the ended unit's last quota check and no deadline to count, the waiting units'
        // stage and step, and the calendar days left to the notice's deadline
        JsonNode ended = overview.at("/units/0");
        assertThat(ended.path("kind").asText()).isEqualTo("省区市");
        assertThat(ended.path("steps")).isEmpty();
        assertThat(ended.path("stage").isNull()).isTrue();
        assertThat(ended.path("daysToDeadline").isNull()).isTrue();
        assertThat(ended.at("/latestQuota/checkpoint").asText()).isEqualTo("elected");
        assertThat(ended.at("/latestQuota/title").asText()).isEqualTo("当选代表结构检查");
        assertThat(ended.at("/latestQuota/passed").asBoolean()).isTrue();
        JsonNode waiting = overview.at("/units/2");
        assertThat(waiting.path("kind").asText()).isEqualTo("港澳台");
        assertThat(waiting.path("stage").asText()).isEqualTo("第1阶段 部署启动");
        assertThat(waiting.at("/steps").toString()).isEqualTo("[\"第1步 登记代表名额和结构要求\"]");
        assertThat(waiting.path("daysToDeadline").asLong()).isEqualTo(ChronoUnit.DAYS.between(
                LocalDate.ofInstant(clock.now().toInstant(), EngineClock.ZONE), LocalDate.of(2026, 6, 30)));
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(national).count()).isEqualTo(1);
    }

    @Test
    void aUnitBehindItsPlanOnTheProgressCheckDayOpensAReminderForTheCentre() throws Exception {
        Http http = new Http(port, false);
        String national = startNational(http, "t-nat-late", 30, 1, """
                代码,选举单位,名额,女党员比例(%),类别
                t-nat-late-a,丁省,30,28.0,省区市
                """);
        Job timer = managementService.createJobQuery().processInstanceId(national).timers().singleResult();
        assertThat(timer.getDuedate().toInstant()).isEqualTo(LocalDate.of(2026, 6, 1)
                .atStartOfDay(EngineClock.ZONE).toInstant());

        managementService.executeJob(timer.getId());

        Task reminder = taskService.createTaskQuery().processInstanceId(national).taskDefinitionKey("remindUnit")
                .singleResult();
        assertThat(reminder).isNotNull();
        assertThat(taskService.getIdentityLinksForTask(reminder.getId())).extracting(l -> l.getGroupId())
                .containsExactly(AccessRules.CENTRAL_ORG_DEPT);
        assertThat((String) taskService.getVariable(reminder.getId(), "unitProgressText"))
                .contains("丁省", "第1步 登记代表名额和结构要求", "2026-06-30");
        String before = DatabaseDump.of(dataSource);
        HttpResponse<String> refused = http.json("POST", "/engine-rest/task/" + reminder.getId() + "/complete",
                CENTRE, DemoIdentity.PASSWORD, "{\"variables\": {}}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("reminderNote");
        assertThat(DatabaseDump.difference(before, DatabaseDump.of(dataSource))).isEmpty();

        HttpResponse<String> done = http.json("POST", "/engine-rest/task/" + reminder.getId() + "/complete", CENTRE,
                DemoIdentity.PASSWORD, "{\"variables\": {\"reminderNote\": {\"value\": \"已电话督促，丁省答复6月15日前完成会议选举。\"}}}");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
        assertThat(taskCount(national, "remindUnit")).isZero();
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(national).singleResult())
                .isWaitingAt("resultsReportedAfterCheck");
    }

    @Test
    void theCommitteeConfirmsAUnitInTheNationalTaskWithADelegateFoundInvalid() throws Exception {
        DrivenElections.Election driven = elections.start("t-nat-one-a");
        Http http = new Http(port, false);
        String national = startNational(http, "t-nat-one", 69, 1, """
                代码,选举单位,名额,女党员比例(%),类别
                t-nat-one-a,示例省,69,29.0,省区市
                """);
        driven.advancePastNoticeTo("credentialsReview");
        Task confirm = taskService.createTaskQuery().processInstanceId(national)
                .taskDefinitionKey("confirmCredentials").singleResult();
        assertThat(confirm).isNotNull();
        assertThat((String) taskService.getVariable(confirm.getId(), "awaitingCredentialsText"))
                .contains("t-nat-one-a 示例省");
        String invalid = driven.ids(CandidateList.ELECTED).get(1);

        String before = DatabaseDump.of(dataSource);
        for (String body : List.of(
                completion("t-nat-b-none", ""),
                completion("t-nat-one-a", "t-nat-b-none," + invalid + ",理由"),
                completion("t-nat-one-a", "t-nat-one-a," + invalid),
                completion("t-nat-one-a", "t-nat-one-a,NO-SUCH,经核实资格无效"))) {
            HttpResponse<String> refused = http.json("POST", "/engine-rest/task/" + confirm.getId() + "/complete",
                    COMMITTEE, DemoIdentity.PASSWORD, body);
            assertThat(refused.statusCode()).as(body + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.body()).containsPattern("unitCodesText|invalidDelegatesText");
        }
        assertThat(DatabaseDump.difference(before, DatabaseDump.of(dataSource))).isEmpty();

        HttpResponse<String> done = http.json("POST", "/engine-rest/task/" + confirm.getId() + "/complete",
                COMMITTEE, DemoIdentity.PASSWORD, completion("t-nat-one-a",
                        "t-nat-one-a," + invalid + ",经核实，当选前隐瞒违纪问题，资格无效"));

        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
        assertThat(driven.instance).isEnded();
        assertThat(driven.ids(CandidateList.CONFIRMED)).hasSize(68).doesNotContain(invalid);
        assertThat(nationalRepository.findings(driven.id)).singleElement().satisfies(f -> {
            assertThat(f.candidateId()).isEqualTo(invalid);
            assertThat(f.reason()).isEqualTo("经核实，当选前隐瞒违纪问题，资格无效");
            assertThat(f.foundBy()).isEqualTo(COMMITTEE);
        });
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(national).count()).isZero();
    }

    @Test
    void aBadAllocationIsRefusedByRowAndNothingIsStored() throws Exception {
        Http http = new Http(port, false);
        HttpResponse<String> started = http.json("POST", "/api/national/elections", CENTRE, DemoIdentity.PASSWORD,
                notice("t-nat-bad", 100, 3));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        String before = DatabaseDump.of(dataSource);

        HttpResponse<String> refused = http.sendBytes("POST", "/api/national/elections/t-nat-bad/allocation", CENTRE,
                DemoIdentity.PASSWORD, """
                        代码,选举单位,名额,女党员比例(%),类别
                        t-nat-bad-a,戊省,60,28.0,省区市
                        t-nat-bad-a,己省,0,28.0,省区市
                        t-nat-bad-c,庚省,30,,省区市
                        """.getBytes(StandardCharsets.UTF_8), "text/csv");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        JsonNode problems = JSON.readTree(refused.body()).path("problems");
        List<String> found = new ArrayList<>();
        problems.forEach(p -> found.add(p.path("row").asText() + " " + p.path("field").asText() + " "
                + p.path("reason").asText()));
        assertThat(found).anySatisfy(p -> assertThat(p).startsWith("3 代码").contains("重复"))
                .anySatisfy(p -> assertThat(p).startsWith("3 名额").contains("正整数"))
                .anySatisfy(p -> assertThat(p).startsWith("4 女党员比例(%)"));
        assertThat(DatabaseDump.difference(before, DatabaseDump.of(dataSource))).isEmpty();

        HttpResponse<String> wrongTotal = http.sendBytes("POST", "/api/national/elections/t-nat-bad/allocation",
                CENTRE, DemoIdentity.PASSWORD, """
                        代码,选举单位,名额,女党员比例(%),类别
                        t-nat-bad-a,戊省,60,28.0,省区市
                        t-nat-bad-b,己省,20,28.0,省区市
                        t-nat-bad-c,庚省,30,27.0,省区市
                        """.getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(wrongTotal.statusCode()).isEqualTo(400);
        assertThat(wrongTotal.body()).contains("合计 110 名", "100 名");
        assertThat(DatabaseDump.difference(before, DatabaseDump.of(dataSource))).isEmpty();
    }

    @Test
    void aUnitsOrganizationDepartmentSeesNeitherTheNationalTasksNorAnotherUnit() throws Exception {
        Http http = new Http(port, false);
        String national = startNational(http, "t-nat-iso", 50, 2, """
                代码,选举单位,名额,女党员比例(%),类别
                t-nat-iso-a,辛省,30,28.0,省区市
                t-nat-iso-b,壬省,20,28.0,省区市
                """);
        managementService.executeJob(managementService.createJobQuery().processInstanceId(national).timers()
                .list().get(0).getId());
        assertThat(taskCount(national, "remindUnit")).isEqualTo(1);
        TestUsers.ensureIn(identityService, "t-nat-iso-a", "t-nat-iso-a-clerk", AccessRules.ORG_DEPT);

        JsonNode tasks = JSON.readTree(http.json("GET", "/engine-rest/task?maxResults=1000", "t-nat-iso-a-clerk",
                TestUsers.PASSWORD, null).body());
        List<String> seen = new ArrayList<>();
        tasks.forEach(t -> seen.add(t.path("processInstanceId").asText()));
        assertThat(seen).containsExactly(instanceOf("t-nat-iso-a").getId());
        assertThat(http.json("GET", "/engine-rest/process-instance/" + national, "t-nat-iso-a-clerk",
                TestUsers.PASSWORD, null).statusCode()).isIn(403, 404);
        assertThat(http.json("GET", "/api/national/elections/t-nat-iso", "t-nat-iso-a-clerk", TestUsers.PASSWORD,
                null).statusCode()).isEqualTo(403);
        JsonNode centre = JSON.readTree(http.json("GET", "/engine-rest/task?processInstanceId=" + national, CENTRE,
                DemoIdentity.PASSWORD, null).body());
        assertThat(centre).hasSize(1);
    }

    /** Starts a national procedure with its notice and allocation over HTTP as the Centre; its instance id. */
    private String startNational(Http http, String code, int seats, int units, String csv) throws Exception {
        HttpResponse<String> started = http.json("POST", "/api/national/elections", CENTRE, DemoIdentity.PASSWORD,
                notice(code, seats, units));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        String instance = JSON.readTree(started.body()).path("processInstanceId").asText();
        HttpResponse<String> allocated = http.sendBytes("POST", "/api/national/elections/" + code + "/allocation",
                CENTRE, DemoIdentity.PASSWORD, csv.getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(allocated.statusCode()).as(allocated.body()).isEqualTo(201);
        Task allocate = taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey("allocateSeats")
                .singleResult();
        HttpResponse<String> done = http.json("POST", "/engine-rest/task/" + allocate.getId() + "/complete", CENTRE,
                DemoIdentity.PASSWORD, "{\"variables\": {}}");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
        return instance;
    }

    private static String notice(String code, int seats, int units) {
        return """
                {"code": "%s", "congressName": "中国共产党第二十一次全国代表大会", "totalSeats": %d, "unitCount": %d,
                 "deadline": "2026-06-30", "progressCheckOn": "2026-06-01",
                 "requirements": "生产和工作第一线代表不少于三分之一；55岁以下代表不少于一半"}""".formatted(code, seats, units);
    }

    private static String completion(String units, String invalid) throws Exception {
        return "{\"variables\": {\"unitCodesText\": {\"value\": " + JSON.writeValueAsString(units)
                + "}, \"invalidDelegatesText\": {\"value\": " + JSON.writeValueAsString(invalid) + "}}}";
    }

    private ProcessInstance instanceOf(String code) {
        return runtimeService.createProcessInstanceQuery().processDefinitionKey(AccessRules.ELECTION_PROCESS)
                .processInstanceBusinessKey(code).singleResult();
    }

    private long taskCount(String instance, String key) {
        return taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey(key).count();
    }
}
