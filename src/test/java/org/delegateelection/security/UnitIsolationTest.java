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
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.delegateelection.ProcessTest;
import org.delegateelection.api.Uploads;
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
 */
@ProcessTest
class UnitIsolationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNIT_B = "t-unit-b";
    private static final String CODE_A = "t-isolation-a";
    private static final String CODE_B = "t-unit-b";

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
