package org.delegateelection.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.delegateelection.ProcessTest;
import org.delegateelection.api.Uploads;
import org.delegateelection.cluster.RestElections;
import org.delegateelection.demo.DemoIdentity;
import org.delegateelection.demo.HandbookElection;
import org.delegateelection.election.ElectionRepository;
import org.delegateelection.process.ElectionService;
import org.delegateelection.process.TestElections;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Two electoral units side by side (decision 0030): the handbook province (A, its demo bodies) and a second unit (B,
 * generated bodies), each with an election waiting at step 1. B's organization department gets nothing of A over
 * {@code /engine-rest} (tasks, their variables, instances, history, the Tasklist filter; a claim or completion is
 * refused and changes nothing) nor over {@code /api} (403), imports no one into A, while the central bodies see both.
 * A unit of a national procedure gets nothing of that procedure and cannot steer it, nor its own link to it.
 */
@ProcessTest
class UnitIsolationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNIT_B = "t-unit-b";
    private static final String CODE_A = "t-isolation-a";
    private static final String CODE_B = "t-unit-b";
    /** The national procedure of this class, its units {@code <code>-a} and {@code <code>-b}. */
    private static final String NATIONAL = "t-iso-nat";

    @LocalServerPort
    private int port;
    @Autowired
    private TestElections testElections;
    @Autowired
    private DemoIdentity demoIdentity;
    @Autowired
    private TaskService taskService;
    @Autowired
    private HistoryService historyService;
    @Autowired
    private IdentityService identityService;
    @Autowired
    private FilterService filterService;
    @Autowired
    private ElectionRepository elections;
    @Autowired
    private DataSource dataSource;
    @Autowired
    private RuntimeService runtimeService;
    @Autowired
    private ManagementService managementService;

    private Http http;
    private Map<String, String> unitB;
    private ElectionService.StartedElection a;
    private ElectionService.StartedElection b;

    @BeforeEach
    void twoUnits() {
        http = new Http(port, false);
        unitB = demoIdentity.unitBodies(UNIT_B, "乙省", new HandbookElection().unit().recommendingUnits());
        a = elections.idOf(CODE_A).map(id -> new ElectionService.StartedElection(id,
                elections.processInstanceOf(id).orElseThrow())).orElseGet(() -> testElections.start(CODE_A));
        b = elections.idOf(CODE_B).map(id -> new ElectionService.StartedElection(id,
                elections.processInstanceOf(id).orElseThrow())).orElseGet(() -> testElections.startInUnit(CODE_B,
                UNIT_B));
    }

    @Test
    void theOtherUnitsOrganizationDepartmentGetsNothingOfTheEngine() throws Exception {
        String orgB = unitB.get(AccessRules.ORG_DEPT);
        Task taskA = taskService.createTaskQuery().processInstanceId(a.processInstanceId()).singleResult();
        Task taskB = taskService.createTaskQuery().processInstanceId(b.processInstanceId()).singleResult();
        assertThat(taskA.getTenantId()).isEqualTo(TestUsers.HANDBOOK_UNIT);
        assertThat(taskB.getTenantId()).isEqualTo(UNIT_B);
        long logBefore = historyService.createUserOperationLogQuery().taskId(taskA.getId()).count();

        // its own election: seen
        assertThat(ids(get("/engine-rest/task?processInstanceBusinessKey=" + CODE_B, orgB))).containsExactly(
                taskB.getId());
        assertThat(get("/engine-rest/task/" + taskB.getId(), orgB).statusCode()).isEqualTo(200);
        // the other unit's: nothing
        assertThat(ids(get("/engine-rest/task?maxResults=10000", orgB))).contains(taskB.getId())
                .doesNotContain(taskA.getId());
        assertThat(json(get("/engine-rest/task/count?processInstanceBusinessKey=" + CODE_A, orgB)).get("count")
                .asLong()).isZero();
        assertThat(get("/engine-rest/task/" + taskA.getId(), orgB).statusCode()).isEqualTo(404);
        assertThat(get("/engine-rest/task/" + taskA.getId() + "/variables", orgB).statusCode()).isIn(403, 404);
        assertThat(get("/engine-rest/task/" + taskA.getId() + "/form-variables", orgB).statusCode()).isIn(403, 404);
        assertThat(ids(get("/engine-rest/process-instance?businessKey=" + CODE_A, orgB))).isEmpty();
        assertThat(get("/engine-rest/process-instance/" + a.processInstanceId(), orgB).statusCode()).isEqualTo(404);
        assertThat(get("/engine-rest/process-instance/" + a.processInstanceId() + "/variables", orgB).statusCode())
                .isIn(403, 404);
        assertThat(ids(get("/engine-rest/variable-instance?processInstanceIdIn=" + a.processInstanceId(), orgB)))
                .isEmpty();
        assertThat(ids(get("/engine-rest/history/process-instance?processInstanceBusinessKey=" + CODE_A, orgB)))
                .isEmpty();
        assertThat(ids(get("/engine-rest/history/task?processInstanceId=" + a.processInstanceId(), orgB))).isEmpty();
        assertThat(ids(get("/engine-rest/history/variable-instance?processInstanceId=" + a.processInstanceId(),
                orgB))).isEmpty();
        assertThat(ids(get("/engine-rest/history/activity-instance?processInstanceId=" + a.processInstanceId(),
                orgB))).isEmpty();
        String filter = filterService.createFilterQuery().filterName(AccessSetup.ELECTION_TASKS).singleResult()
                .getId();
        assertThat(ids(post("/engine-rest/filter/" + filter + "/list?maxResults=10000", orgB, "{}")))
                .contains(taskB.getId()).doesNotContain(taskA.getId());

        // working on it: refused, nothing changed
        HttpResponse<String> claim = post("/engine-rest/task/" + taskA.getId() + "/claim", orgB,
                "{\"userId\":\"" + orgB + "\"}");
        assertThat(claim.statusCode()).as(claim.body()).isIn(403, 404);
        HttpResponse<String> complete = post("/engine-rest/task/" + taskA.getId() + "/submit-form", orgB,
                "{\"variables\":{\"unknownVariable\":{\"value\":1,\"type\":\"Integer\"}}}");
        assertThat(complete.statusCode()).as(complete.body()).isIn(403, 404);
        assertThat(complete.body()).doesNotContain(taskA.getName()).doesNotContain(taskA.getId());
        complete = post("/engine-rest/task/" + taskA.getId() + "/complete", orgB, "{\"variables\":{}}");
        assertThat(complete.statusCode()).as(complete.body()).isIn(403, 404);
        assertThat(complete.body()).doesNotContain(taskA.getId());
        Task after = taskService.createTaskQuery().taskId(taskA.getId()).singleResult();
        assertThat(after).isNotNull();
        assertThat(after.getAssignee()).isNull();
        assertThat(historyService.createUserOperationLogQuery().taskId(taskA.getId()).count()).isEqualTo(logBefore);

        // the handbook province's organization department sees its own and not B's
        TestUsers.ensure(identityService, "org-clerk-a", AccessRules.ORG_DEPT);
        HttpResponse<String> clerkTasks = http.json("GET", "/engine-rest/task?maxResults=10000", "org-clerk-a",
                TestUsers.PASSWORD, null);
        assertThat(ids(clerkTasks)).contains(taskA.getId()).doesNotContain(taskB.getId());
    }

    @Test
    void theOtherUnitsBodiesAreRefusedEveryElectionEndpointWhileTheCentreSeesBoth() {
        List<String> endpoints = List.of("", "/candidates", "/candidates/changes", "/candidate-reports",
                "/corrections", "/integrity", "/quota-reports/latest", "/composition?list=nominees", "/rules",
                "/ballot-rounds", "/plenary-rounds", "/documents/composition.json?list=nominees",
                "/documents/prospective-roster.pdf", "/documents/election-result.xlsx");
        for (String endpoint : endpoints) {
            assertThat(get("/api/elections/" + a.electionId() + endpoint, unitB.get(AccessRules.ORG_DEPT))
                    .statusCode()).as("B's org-dept on A " + endpoint).isEqualTo(403);
        }
        unitB.forEach((group, user) -> assertThat(get("/api/elections/" + a.electionId(), user).statusCode())
                .as(group + " of B on A").isEqualTo(403));
        assertThat(get("/api/elections/" + b.electionId(), unitB.get(AccessRules.ORG_DEPT)).statusCode())
                .isEqualTo(200);
        assertThat(get("/api/elections/" + b.electionId() + "/candidates", unitB.get("ru-city01")).statusCode())
                .isEqualTo(200);
        // the handbook province's bodies on B: refused as well
        assertThat(get("/api/elections/" + b.electionId(), "wangjun").statusCode()).isEqualTo(403);
        assertThat(post("/api/elections/" + b.electionId() + "/candidates", unitB.get("standing-committee"), "[]")
                .statusCode()).isEqualTo(403);
        // an unknown election: 404 for the entitled groups, as before
        assertThat(get("/api/elections/987654", unitB.get(AccessRules.ORG_DEPT)).statusCode()).isEqualTo(404);
        assertThat(get("/api/elections/987654", "yangfan").statusCode()).isEqualTo(404);

        // the central bodies: both units
        for (String central : List.of("yangfan", "zhoumin")) {
            for (long election : List.of(a.electionId(), b.electionId())) {
                assertThat(get("/api/elections/" + election, central).statusCode()).as(central).isEqualTo(200);
                assertThat(get("/api/elections/" + election + "/documents/election-result.xlsx", central)
                        .statusCode()).as(central).isNotIn(401, 403);
            }
        }
        assertThat(identityService.createTenantQuery().userMember("yangfan").includingGroupsOfUser(true).list())
                .extracting(t -> t.getId()).contains(TestUsers.HANDBOOK_UNIT, UNIT_B);
    }

    @Test
    void anOrganizationDepartmentImportsPeopleIntoItsOwnUnitOnly() {
        String orgB = unitB.get(AccessRules.ORG_DEPT);
        String before = DatabaseDump.of(dataSource);
        // an account of the handbook province, a central body, another unit named: each refused, nothing stored
        for (String[] refused : List.of(
                new String[] {"", "账号,姓名,所属机关或推荐单位\nwangjun,王军,常委会\n", "账号"},
                new String[] {"", "账号,姓名,所属机关或推荐单位\nb-new-1,新人,中央组织部\n", "所属机关或推荐单位"},
                new String[] {"", "账号,姓名,所属机关或推荐单位\nyangfan,杨帆,组织部\n", "账号"},
                new String[] {"?unit=" + TestUsers.HANDBOOK_UNIT, "账号,姓名,所属机关或推荐单位\nb-new-1,新人,组织部\n",
                        "unit"})) {
            HttpResponse<String> answer = http.sendBytes("POST", "/api/users" + refused[0], orgB,
                    DemoIdentity.PASSWORD, refused[1].getBytes(StandardCharsets.UTF_8), Uploads.CSV);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
            assertThat(json(answer).get("problems").get(0).get("field").asText()).isEqualTo(refused[2]);
        }
        assertThat(DatabaseDump.difference(before, DatabaseDump.of(dataSource))).isEmpty();

        HttpResponse<String> imported = http.sendBytes("POST", "/api/users", orgB, DemoIdentity.PASSWORD,
                "账号,姓名,所属机关或推荐单位\nb-clerk,乙省干部,组织部\n".getBytes(StandardCharsets.UTF_8), Uploads.CSV);
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        assertThat(identityService.createTenantQuery().userMember("b-clerk").list()).extracting(t -> t.getId())
                .containsExactly(UNIT_B);
    }

    /**
     * The national procedure (decisions 0032, 0030) against a unit's bodies: with the allocation task open and a
     * reminder for unit A open, A's organization department sees nothing of the national instance (its tasks,
     * variables, executions, jobs, subscriptions, history), nor B's election, nor the Centre's endpoints and
     * documents; it cannot complete, claim, suspend, delete, migrate, modify or message the national instance, nor
     * set {@code nationalElection} on its own election. The Central Organization Department's completions of the
     * allocation and the reminder carry their step's variables only, and it sets no variable otherwise. Every call
     * is refused and the database is as it was.
     */
    @Test
    void aUnitsBodiesGetNothingOfTheNationalProcedureAndTheCentreSteersItOnlyThroughItsForms() throws Exception {
        Map<String, String> unitA = demoIdentity.unitBodies(NATIONAL + "-a", "子省", List.of());
        String orgA = unitA.get(AccessRules.ORG_DEPT);
        String national = startNational();
        Task allocate = taskService.createTaskQuery().processInstanceId(national).taskDefinitionKey("allocateSeats")
                .singleResult();
        HttpResponse<String> early = post("/engine-rest/task/" + allocate.getId() + "/complete", orgA,
                "{\"variables\":{}}");
        assertThat(early.statusCode()).as(early.body()).isIn(403, 404);
        String untouched = DatabaseDump.of(dataSource);
        // the Centre's own completion carries its step's variables only: not the procedure's link to its allocation
        HttpResponse<String> smuggled = post("/engine-rest/task/" + allocate.getId() + "/complete", "yangfan",
                "{\"variables\": {\"nationalElectionId\": {\"value\": 1, \"type\": \"Long\"}, "
                        + "\"unitCode\": {\"value\": \"" + NATIONAL + "-b\"}}}");
        assertThat(smuggled.statusCode()).as(smuggled.body()).isEqualTo(400);
        assertThat(smuggled.body()).contains("nationalElectionId", "unitCode");
        assertThat(post("/engine-rest/process-definition/key/national-election/submit-form", "yangfan",
                "{\"businessKey\": \"" + NATIONAL + "-y\", \"variables\": {}}").statusCode()).isEqualTo(403);
        assertThat(DatabaseDump.difference(untouched, DatabaseDump.of(dataSource))).isEmpty();
        allocate(national);
        String instanceA = elections.processInstanceOf(elections.idOf(NATIONAL + "-a").orElseThrow()).orElseThrow();
        String instanceB = elections.processInstanceOf(elections.idOf(NATIONAL + "-b").orElseThrow()).orElseThrow();
        Job checkA = managementService.createJobQuery().processInstanceId(national).timers().list().stream()
                .filter(job -> (NATIONAL + "-a").equals(runtimeService.getVariable(job.getExecutionId(), "unitCode")))
                .findFirst().orElseThrow();
        managementService.executeJob(checkA.getId());
        Task remind = taskService.createTaskQuery().processInstanceId(national).taskDefinitionKey("remindUnit")
                .singleResult();
        Task stepOneA = taskService.createTaskQuery().processInstanceId(instanceA).singleResult();
        Job timer = managementService.createJobQuery().processInstanceId(national).timers().singleResult();
        String before = DatabaseDump.of(dataSource);

        // the Centre's reminder: its note only, not which unit it is for, nor that unit's state
        HttpResponse<String> steered = post("/engine-rest/task/" + remind.getId() + "/complete", "yangfan",
                "{\"variables\": {\"reminderNote\": {\"value\": \"已电话督促\"}, \"unitCode\": {\"value\": \""
                        + NATIONAL + "-b\"}, \"behindPlan\": {\"value\": false}, \"unitProcessInstanceId\": "
                        + "{\"value\": \"" + instanceB + "\"}}}");
        assertThat(steered.statusCode()).as(steered.body()).isEqualTo(400);
        assertThat(steered.body()).contains("unitCode", "behindPlan", "unitProcessInstanceId")
                .doesNotContain("\"field\":\"reminderNote\"");
        for (HttpResponse<String> call : List.of(
                http.json("PUT", "/engine-rest/task/" + remind.getId() + "/localVariables/unitCode", "yangfan",
                        DemoIdentity.PASSWORD, "{\"value\": \"" + NATIONAL + "-b\"}"),
                post("/engine-rest/execution/" + remind.getExecutionId() + "/localVariables", "yangfan",
                        "{\"modifications\": {\"behindPlan\": {\"value\": false}}}"),
                post("/engine-rest/message", "yangfan", "{\"messageName\": \"unitResultsReported\", "
                        + "\"processInstanceId\": \"" + national + "\", \"all\": true}"),
                post("/engine-rest/process-instance/" + national + "/modification", "yangfan", "{\"instructions\": "
                        + "[{\"type\": \"startBeforeActivity\", \"activityId\": \"confirmCredentials\"}]}"))) {
            assertThat(call.statusCode()).as(call.request().method() + " " + call.uri() + " " + call.body())
                    .isEqualTo(403);
        }

        // reading: nothing of the national instance, nothing of B
        for (String read : List.of("/engine-rest/process-instance?processDefinitionKey=national-election",
                "/engine-rest/process-instance?businessKey=" + NATIONAL,
                "/engine-rest/process-instance?businessKey=" + NATIONAL + "-b",
                "/engine-rest/task?processInstanceId=" + national,
                "/engine-rest/task?processDefinitionKey=national-election",
                "/engine-rest/execution?processInstanceId=" + national,
                "/engine-rest/variable-instance?processInstanceIdIn=" + national,
                "/engine-rest/variable-instance?processInstanceIdIn=" + instanceB,
                "/engine-rest/job?processInstanceId=" + national,
                "/engine-rest/event-subscription?processInstanceId=" + national,
                "/engine-rest/incident?processInstanceId=" + national,
                "/engine-rest/history/process-instance?processDefinitionKey=national-election",
                "/engine-rest/history/process-instance?processInstanceBusinessKey=" + NATIONAL + "-b",
                "/engine-rest/history/task?processInstanceId=" + national,
                "/engine-rest/history/activity-instance?processInstanceId=" + national,
                "/engine-rest/history/variable-instance?processInstanceId=" + national,
                "/engine-rest/history/variable-instance?processInstanceId=" + instanceB,
                "/engine-rest/history/detail?processInstanceId=" + national,
                "/engine-rest/history/job-log?processInstanceId=" + national)) {
            assertThat(ids(get(read, orgA))).as(read).isEmpty();
        }
        assertThat(ids(get("/engine-rest/history/variable-instance?variableName=nationalElection", orgA)))
                .hasSize(1);
        for (String read : List.of("/engine-rest/process-instance/" + national,
                "/engine-rest/process-instance/" + national + "/variables",
                "/engine-rest/process-instance/" + national + "/activity-instances",
                "/engine-rest/process-instance/" + instanceB + "/variables",
                "/engine-rest/task/" + remind.getId(), "/engine-rest/task/" + remind.getId() + "/variables",
                "/engine-rest/task/" + remind.getId() + "/form-variables",
                "/engine-rest/execution/" + remind.getExecutionId() + "/localVariables",
                "/engine-rest/history/process-instance/" + national)) {
            HttpResponse<String> refused = get(read, orgA);
            assertThat(refused.statusCode()).as(read + " " + refused.body()).isIn(403, 404);
            assertThat(refused.body()).as(read).doesNotContain("子省").doesNotContain("丑省");
        }
        // the operation log of the national instance (the Centre's tenant): an administrator reads it, no unit
        assertThat(ids(get("/engine-rest/history/user-operation?processInstanceId=" + national, orgA))).isEmpty();
        assertThat(ids(get("/engine-rest/history/user-operation?processInstanceId=" + national, "zhangwei")))
                .isNotEmpty();

        // the Centre's endpoints and documents
        for (String user : List.of(orgA, unitA.get("standing-committee"), "wangjun", "wuhao")) {
            for (String read : List.of("/api/national/elections/" + NATIONAL, "/api/national/roll-up",
                    "/api/national/documents/delegates.xlsx", "/api/national/documents/delegates.pdf")) {
                assertThat(get(read, user).statusCode()).as(user + " " + read).isEqualTo(403);
            }
            assertThat(post("/api/national/elections", user, notice(NATIONAL + "-x", 50)).statusCode()).as(user)
                    .isEqualTo(403);
            assertThat(http.sendBytes("POST", "/api/national/elections/" + NATIONAL + "/allocation", user,
                    DemoIdentity.PASSWORD, allocationCsv(), Uploads.CSV).statusCode()).as(user).isEqualTo(403);
        }

        // operating: refused
        String steer = "{\"value\": \"" + NATIONAL + "-x\"}";
        List<HttpResponse<String>> calls = List.of(
                post("/engine-rest/task/" + remind.getId() + "/claim", orgA, "{\"userId\":\"" + orgA + "\"}"),
                post("/engine-rest/task/" + remind.getId() + "/complete", orgA, "{\"variables\":{\"reminderNote\":"
                        + "{\"value\":\"已催办\"}}}"),
                post("/engine-rest/task/" + remind.getId() + "/submit-form", orgA, "{\"variables\":{}}"),
                http.json("PUT", "/engine-rest/process-instance/" + national + "/suspended", orgA,
                        DemoIdentity.PASSWORD, "{\"suspended\": true}"),
                http.json("DELETE", "/engine-rest/process-instance/" + national, orgA, DemoIdentity.PASSWORD, null),
                post("/engine-rest/process-instance/delete", orgA, "{\"processInstanceIds\": [\"" + national
                        + "\"], \"deleteReason\": \"探测\"}"),
                post("/engine-rest/process-instance/" + national + "/modification", orgA, "{\"instructions\": "
                        + "[{\"type\": \"startBeforeActivity\", \"activityId\": \"confirmCredentials\"}]}"),
                post("/engine-rest/migration/execute", orgA, "{\"migrationPlan\": {\"sourceProcessDefinitionId\": \""
                        + runtimeService.createProcessInstanceQuery().processInstanceId(national).singleResult()
                        .getProcessDefinitionId() + "\", \"targetProcessDefinitionId\": \"x\", "
                        + "\"instructions\": []}, \"processInstanceIds\": [\"" + national + "\"]}"),
                post("/engine-rest/process-instance/" + national + "/variables", orgA,
                        "{\"modifications\": {\"nationalElectionId\": {\"value\": 1, \"type\": \"Long\"}}}"),
                post("/engine-rest/message", orgA, "{\"messageName\": \"unitResultsReported\", "
                        + "\"processInstanceId\": \"" + national + "\", \"all\": true}"),
                post("/engine-rest/signal", orgA, "{\"name\": \"unitResultsReported\"}"),
                http.json("PUT", "/engine-rest/job/" + timer.getId() + "/duedate", orgA, DemoIdentity.PASSWORD,
                        "{\"duedate\": \"2022-03-02T00:00:00.000+0800\"}"),
                post("/engine-rest/job/" + timer.getId() + "/execute", orgA, null),
                // its own election's link to the national procedure
                http.json("PUT", "/engine-rest/process-instance/" + instanceA + "/variables/nationalElection", orgA,
                        DemoIdentity.PASSWORD, steer),
                post("/engine-rest/process-instance/" + instanceA + "/variables", orgA,
                        "{\"modifications\": {\"nationalElection\": " + steer + "}}"),
                http.json("DELETE", "/engine-rest/process-instance/" + instanceA + "/variables/nationalElection",
                        orgA, DemoIdentity.PASSWORD, null),
                http.json("PUT", "/engine-rest/execution/" + instanceA + "/localVariables/nationalElection", orgA,
                        DemoIdentity.PASSWORD, steer),
                http.json("PUT", "/engine-rest/task/" + stepOneA.getId() + "/variables/nationalElection", orgA,
                        DemoIdentity.PASSWORD, steer),
                post("/engine-rest/task/" + stepOneA.getId() + "/localVariables", orgA,
                        "{\"modifications\": {\"nationalElection\": " + steer + "}}"));
        for (HttpResponse<String> call : calls) {
            assertThat(call.statusCode()).as(call.request().method() + " " + call.uri() + " " + call.body())
                    .isIn(403, 404, 405);
        }
        HttpResponse<String> relinked = post("/engine-rest/task/" + stepOneA.getId() + "/complete", orgA,
                "{\"variables\": {\"nationalElection\": " + steer + "}}");
        assertThat(relinked.statusCode()).as(relinked.body()).isEqualTo(400);
        assertThat(relinked.body()).contains("nationalElection");
        HttpResponse<String> squat = post("/engine-rest/process-definition/key/delegate-election/submit-form", orgA,
                "{\"businessKey\": \"" + NATIONAL + "-b\", \"variables\": {\"nationalElection\": {\"value\": \""
                        + NATIONAL + "\"}}}");
        assertThat(squat.statusCode()).as(squat.body()).isEqualTo(400);
        assertThat(squat.body()).contains("nationalElection");

        assertThat(DatabaseDump.difference(before, DatabaseDump.of(dataSource))).isEmpty();
        assertThat(runtimeService.getVariable(instanceA, "nationalElection")).isEqualTo(NATIONAL);
    }

    /**
     * A unit's organization department registers an election under the code of another unit of the coming national
     * procedure, in its own unit: the Centre's allocation naming both units is refused at that row, so that the other
     * unit's seats are not run by this unit's people, and nothing is stored; registered after the allocation's
     * import, the completion of the allocation task is refused.
     */
    @Test
    void anElectionRegisteredByAnotherUnitIsNotTakenForAUnitsOwn() throws Exception {
        String squatter = demoIdentity.unitBodies("t-iso-sq-a", "寅省", List.of()).get(AccessRules.ORG_DEPT);
        HttpResponse<String> registered = post("/api/elections", squatter, RestElections.registration(
                new HandbookElection(), "t-iso-sq-b").toString());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        assertThat(elections.tenantOf(elections.idOf("t-iso-sq-b").orElseThrow())).hasValue("t-iso-sq-a");
        int seats = HandbookElection.HANDBOOK_SEATS;
        assertThat(post("/api/national/elections", "yangfan", notice("t-iso-sq", 30 + seats)).statusCode())
                .isEqualTo(201);
        String before = DatabaseDump.of(dataSource);

        HttpResponse<String> refused = http.sendBytes("POST", "/api/national/elections/t-iso-sq/allocation",
                "yangfan", DemoIdentity.PASSWORD, ("代码,选举单位,名额,女党员比例(%),类别\nt-iso-sq-a,寅省,30,28.0,省区市\n"
                        + "t-iso-sq-b,卯省," + seats + ",28.0,省区市\n").getBytes(StandardCharsets.UTF_8), Uploads.CSV);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        JsonNode problem = json(refused).get("problems").get(0);
        assertThat(problem.get("row").asInt()).isEqualTo(3);
        assertThat(problem.get("field").asText()).isEqualTo("代码");
        assertThat(problem.get("reason").asText()).contains("t-iso-sq-b", "t-iso-sq-a");
        assertThat(DatabaseDump.difference(before, DatabaseDump.of(dataSource))).isEmpty();

        // registered after the allocation's import, before the seats are allocated: refused at the completion
        String national = json(post("/api/national/elections", "yangfan", notice("t-iso-sq2", 30 + seats)))
                .get("processInstanceId").asText();
        assertThat(http.sendBytes("POST", "/api/national/elections/t-iso-sq2/allocation", "yangfan",
                DemoIdentity.PASSWORD, ("代码,选举单位,名额,女党员比例(%),类别\nt-iso-sq-a,寅省,30,28.0,省区市\n"
                        + "t-iso-sq-c,辰省," + seats + ",28.0,省区市\n").getBytes(StandardCharsets.UTF_8), Uploads.CSV)
                .statusCode()).isEqualTo(201);
        assertThat(post("/api/elections", squatter, RestElections.registration(new HandbookElection(), "t-iso-sq-c")
                .toString()).statusCode()).isEqualTo(201);
        Task allocate = taskService.createTaskQuery().processInstanceId(national).taskDefinitionKey("allocateSeats")
                .singleResult();
        String registeredMeanwhile = DatabaseDump.of(dataSource);
        HttpResponse<String> completion = post("/engine-rest/task/" + allocate.getId() + "/complete", "yangfan",
                "{\"variables\": {}}");
        assertThat(completion.statusCode()).as(completion.body()).isEqualTo(400);
        assertThat(completion.body()).contains("allocationText", "t-iso-sq-c", "t-iso-sq-a");
        assertThat(DatabaseDump.difference(registeredMeanwhile, DatabaseDump.of(dataSource))).isEmpty();
    }

    /**
     * The national procedure {@value #NATIONAL} with its notice, waiting for the allocation of its two units (A, B);
     * its instance id.
     */
    private String startNational() throws Exception {
        HttpResponse<String> started = post("/api/national/elections", "yangfan", notice(NATIONAL, 50));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        return json(started).path("processInstanceId").asText();
    }

    /** The Centre allocates the seats to A and B and completes its task: both units' elections start. */
    private void allocate(String national) {
        HttpResponse<String> allocated = http.sendBytes("POST", "/api/national/elections/" + NATIONAL
                + "/allocation", "yangfan", DemoIdentity.PASSWORD, allocationCsv(), Uploads.CSV);
        assertThat(allocated.statusCode()).as(allocated.body()).isEqualTo(201);
        Task allocate = taskService.createTaskQuery().processInstanceId(national).taskDefinitionKey("allocateSeats")
                .singleResult();
        HttpResponse<String> done = post("/engine-rest/task/" + allocate.getId() + "/complete", "yangfan",
                "{\"variables\": {}}");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    }

    /** The notice of a national procedure of two units. */
    private static String notice(String code, int seats) {
        return """
                {"code": "%s", "congressName": "中国共产党第二十一次全国代表大会", "totalSeats": %d, "unitCount": 2,
                 "deadline": "2027-06-30", "progressCheckOn": "2027-06-01", "requirements": "55岁以下代表不少于一半"}"""
                .formatted(code, seats);
    }

    private static byte[] allocationCsv() {
        return ("代码,选举单位,名额,女党员比例(%),类别\n" + NATIONAL + "-a,子省,30,28.0,省区市\n" + NATIONAL
                + "-b,丑省,20,28.0,省区市\n").getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> get(String path, String user) {
        return http.json("GET", path, user, DemoIdentity.PASSWORD, null);
    }

    private HttpResponse<String> post(String path, String user, String body) {
        return http.json("POST", path, user, DemoIdentity.PASSWORD, body);
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError(response.statusCode() + " " + response.body(), e);
        }
    }

    private static List<String> ids(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        json(response).forEach(entry -> ids.add(entry.get("id").asText()));
        return ids;
    }
}
