package org.delegateelection.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.delegateelection.EngineClock;
import org.delegateelection.ProcessTest;
import org.delegateelection.process.DrivenElections;
import org.delegateelection.process.DrivenElections.Election;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The probe of the engine's REST surface replayed against the running application (issue 11, findings 1 to 5): each
 * request a logged-in body or an anonymous caller made is sent again over HTTP, through {@code /engine-rest} and
 * where it applies through the webapps' own engine API, and must be refused with nothing changed — the files on
 * disk, the instance's variables, tasks and jobs, the registry and the reports.
 */
@ProcessTest
class EngineRestAttackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final EngineClock CLOCK = EngineClock.at(LocalDateTime.of(2022, 3, 1, 9, 0));
    private static final Date ENGINE_NOW = CLOCK.start();
    /** A member of the organization department who is not an administrator. */
    private static final String ORG_CLERK = "org-clerk-probe";

    @LocalServerPort
    private int port;
    @Autowired
    private DrivenElections elections;
    @Autowired
    private TaskService taskService;
    @Autowired
    private RuntimeService runtimeService;
    @Autowired
    private ManagementService managementService;
    @Autowired
    private HistoryService historyService;
    @Autowired
    private IdentityService identityService;
    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private DataSource dataSource;

    private Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port, false);
        TestUsers.ensure(identityService, ORG_CLERK, "org-dept");
    }

    /**
     * Finding 1: a recommending unit's user stores an {@code Object} variable whose JSON makes Spring's
     * {@code DriverManagerDataSource} open an H2 database with an INIT script, and reads it back. The script would
     * write a file; the variable is refused on every path and the file never appears.
     */
    @Test
    void noVariableOfAClassFromTheCallerIsDeserialized(@TempDir Path dir) throws Exception {
        Election election = elections.start("probe-object").advanceTo("branchRecommendation");
        Task task = unitTask(election, "city01");
        Path marker = dir.resolve("executed.txt");
        String object = JSON.writeValueAsString(Map.of("type", "Object", "value", JSON.writeValueAsString(Map.of(
                        "url", "jdbc:h2:mem:probe;INIT=CALL FILE_WRITE('pwned', '" + marker.toString().replace('\\', '/')
                                + "')")),
                "valueInfo", Map.of("objectTypeName", "org.springframework.jdbc.datasource.DriverManagerDataSource",
                        "serializationDataFormat", "application/json")));
        var before = election.snapshot();

        HttpResponse<String> put = http.json("PUT", "/engine-rest/task/" + task.getId() + "/localVariables/ds",
                "wuhao", "demo", object);
        HttpResponse<String> read = http.json("GET", "/engine-rest/task/" + task.getId() + "/localVariables/ds",
                "wuhao", "demo", null);
        HttpResponse<String> complete = http.json("POST", "/engine-rest/task/" + task.getId() + "/complete",
                "wuhao", "demo", "{\"variables\": {\"ds\": " + object + "}}");
        // an administrator may change variables, but not store objects of a class named by the caller either
        HttpResponse<String> asAdmin = http.json("PUT", "/engine-rest/process-instance/"
                + election.instance.getId() + "/variables/ds", "zhangwei", "demo", object);

        assertThat(put.statusCode()).as(put.body()).isIn(400, 403);
        assertThat(read.statusCode()).isIn(403, 404);
        assertThat(complete.statusCode()).as(complete.body()).isEqualTo(400);
        assertThat(complete.body()).contains("ds");
        assertThat(asAdmin.statusCode()).as(asAdmin.body()).isEqualTo(400);
        assertThat(marker).doesNotExist();
        assertThat(election.snapshot()).isEqualTo(before);
    }

    /**
     * Finding 1 at the engine: even a value stored by the application's own code is only deserialized when its class
     * is on the allow-list.
     */
    @Test
    void theEngineDeserializesOnlyAllowedClasses(@TempDir Path dir) {
        Election election = elections.start("probe-engine-object");
        Path marker = dir.resolve("executed.txt");
        runtimeService.setVariable(election.instance.getId(), "ds", org.camunda.bpm.engine.variable.Variables
                .serializedObjectValue("{\"url\":\"jdbc:h2:mem:probe2;INIT=CALL FILE_WRITE('x', '"
                        + marker.toString().replace('\\', '/') + "')\"}")
                .objectTypeName("org.springframework.jdbc.datasource.DriverManagerDataSource")
                .serializationDataFormat("application/json").create());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> runtimeService.getVariable(
                election.instance.getId(), "ds")).hasMessageContaining("DriverManagerDataSource");
        assertThat(marker).doesNotExist();
    }

    /**
     * Finding 2: 西岭市's user completes his own step 5 naming 东川市 ({@code unitCode=city01}); the standing
     * committee's user sets {@code electionId} and {@code quotaPassed} through its task. Each is refused and
     * nothing changes.
     */
    @Test
    void aCompletionTakesOnlyTheVariablesOfItsStep() throws Exception {
        Election election = elections.start("probe-steer").advanceTo("branchRecommendation");
        Task west = unitTask(election, "city02");
        var before = election.snapshot();
        String steering = "{\"variables\": {\"unitCode\": {\"value\": \"city01\"}}}";

        HttpResponse<String> unit = http.json("POST", "/engine-rest/task/" + west.getId() + "/complete", "xulei",
                "demo", steering);
        HttpResponse<String> unitForm = http.json("POST", "/engine-rest/task/" + west.getId() + "/submit-form",
                "xulei", "demo", steering);
        HttpResponse<String> unitVariables = http.json("POST", "/engine-rest/task/" + west.getId() + "/variables",
                "xulei", "demo", "{\"modifications\": {\"unitCode\": {\"value\": \"city01\"}}}");
        HttpResponse<String> unitVariable = http.json("PUT", "/engine-rest/task/" + west.getId()
                + "/variables/unitCode", "xulei", "demo", "{\"value\": \"city01\"}");

        assertThat(unit.statusCode()).as(unit.body()).isEqualTo(400);
        assertThat(field(unit, "unitCode")).contains("不是本步骤");
        assertThat(unitForm.statusCode()).as(unitForm.body()).isEqualTo(400);
        assertThat(unitVariables.statusCode()).isEqualTo(403);
        assertThat(unitVariable.statusCode()).isEqualTo(403);
        assertThat(election.snapshot()).isEqualTo(before);
        assertThat(taskService.getVariable(west.getId(), "unitCode")).isEqualTo("city02");

        Election steered = elections.start("probe-steer-sc").advanceTo("proposePreliminaryList");
        Task proposal = steered.task("proposePreliminaryList");
        var beforeProposal = steered.snapshot();
        HttpResponse<String> election2 = http.json("POST", "/engine-rest/task/" + proposal.getId() + "/variables",
                "wangjun", "demo", "{\"modifications\": {\"electionId\": {\"value\": " + election.id
                        + ", \"type\": \"Long\"}, \"quotaPassed\": {\"value\": true}}}");
        HttpResponse<String> passed = http.json("POST", "/engine-rest/task/" + proposal.getId() + "/complete",
                "wangjun", "demo", "{\"variables\": {\"selectedCandidateIds\": {\"value\": \"[]\", \"type\": \"Json\"},"
                        + " \"quotaPassed\": {\"value\": true}, \"electionId\": {\"value\": " + election.id
                        + ", \"type\": \"Long\"}}}");

        assertThat(election2.statusCode()).isEqualTo(403);
        assertThat(passed.statusCode()).as(passed.body()).isEqualTo(400);
        assertThat(passed.body()).contains("quotaPassed").contains("electionId");
        assertThat(steered.snapshot()).isEqualTo(beforeProposal);
    }

    /**
     * 三上三下 (decision 0031): the round under way, {@code consultationRound}, is the engine's alone. 东川市's user on
     * his own step 5 and a clerk of the organization department on that unit's nomination try to set it through a
     * completion, every variable endpoint of the task, its execution and the instance, a modification to the service
     * task that sends the list down, a message, a signal and a start of the nomination by hand. Each is refused and
     * the database is as it was.
     */
    @Test
    void noBodySetsTheConsultationRound() {
        Election election = elections.start("probe-round").advanceTo("branchRecommendation");
        Task east = unitTask(election, "city01");
        String nomination = east.getProcessInstanceId();
        String round = "{\"value\": 3, \"type\": \"Integer\"}";
        String before = DatabaseDump.of(dataSource);

        for (String completion : List.of("complete", "submit-form")) {
            HttpResponse<String> steered = http.json("POST", "/engine-rest/task/" + east.getId() + "/" + completion,
                    "wuhao", "demo", "{\"variables\": {\"consultationRound\": " + round + "}}");
            assertThat(steered.statusCode()).as(steered.body()).isEqualTo(400);
            assertThat(steered.body()).contains("consultationRound");
        }
        HttpResponse<String> started = http.json("POST", "/engine-rest/process-definition/key/unit-nomination/"
                + "submit-form", ORG_CLERK, TestUsers.PASSWORD, "{\"businessKey\": \"probe-round\", \"variables\": "
                + "{\"unitCode\": {\"value\": \"city01\"}, \"consultationRound\": " + round + "}}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(403);
        // the start form is an election's: no body starts a recommending unit's nomination of its own
        HttpResponse<String> byHand = http.json("POST", "/engine-rest/process-definition/key/unit-nomination/"
                + "submit-form", ORG_CLERK, TestUsers.PASSWORD, "{\"businessKey\": \"probe-round\", \"variables\": {}}");
        assertThat(byHand.statusCode()).as(byHand.body()).isEqualTo(403);
        for (String[] call : List.of(
                new String[] {"wuhao", "PUT", "/task/" + east.getId() + "/variables/consultationRound", round},
                new String[] {"wuhao", "PUT", "/task/" + east.getId() + "/localVariables/consultationRound", round},
                new String[] {"wuhao", "POST", "/task/" + east.getId() + "/variables",
                        "{\"modifications\": {\"consultationRound\": " + round + "}}"},
                new String[] {"wuhao", "POST", "/task/" + east.getId() + "/localVariables",
                        "{\"modifications\": {\"consultationRound\": " + round + "}}"},
                new String[] {"wuhao", "PUT", "/execution/" + east.getExecutionId()
                        + "/localVariables/consultationRound", round},
                new String[] {ORG_CLERK, "POST", "/execution/" + east.getExecutionId() + "/localVariables",
                        "{\"modifications\": {\"consultationRound\": " + round + "}}"},
                new String[] {ORG_CLERK, "PUT", "/process-instance/" + nomination + "/variables/consultationRound",
                        round},
                new String[] {ORG_CLERK, "POST", "/process-instance/" + nomination + "/variables",
                        "{\"modifications\": {\"consultationRound\": " + round + "}}"},
                new String[] {ORG_CLERK, "DELETE", "/process-instance/" + nomination + "/variables/consultationRound",
                        null},
                new String[] {ORG_CLERK, "POST", "/process-instance/" + nomination + "/modification",
                        "{\"instructions\": [{\"type\": \"startBeforeActivity\", \"activityId\": "
                                + "\"issueConsultationList\"}, {\"type\": \"cancel\", \"activityId\": "
                                + "\"branchRecommendation\"}]}"},
                new String[] {ORG_CLERK, "POST", "/message", "{\"messageName\": \"candidateReport\", "
                        + "\"processInstanceId\": \"" + nomination + "\", \"processVariables\": "
                        + "{\"consultationRound\": " + round + "}}"},
                new String[] {"wuhao", "POST", "/signal", "{\"name\": \"consultationRound\", \"variables\": "
                        + "{\"consultationRound\": " + round + "}}"})) {
            String password = call[0].equals(ORG_CLERK) ? TestUsers.PASSWORD : "demo";
            HttpResponse<String> refused = http.json(call[1], "/engine-rest" + call[2], call[0], password, call[3]);
            assertThat(refused.statusCode()).as(call[0] + " " + call[1] + " " + call[2] + " " + refused.body())
                    .isIn(403, 405);
        }

        assertThat(DatabaseDump.difference(before, DatabaseDump.of(dataSource))).isEmpty();
        assertThat(((Number) taskService.getVariable(east.getId(), "consultationRound")).intValue()).isOne();
    }

    /**
     * A recommending unit's user reads nothing of another unit's nomination through the engine's REST API: not the
     * variables of its task, nor of its instance, nor their history.
     */
    @Test
    void aUnitReadsNothingOfAnotherUnitsNomination() {
        Election election = elections.start("probe-other-unit").advanceTo("branchRecommendation");
        Task east = unitTask(election, "city01");
        String instance = east.getProcessInstanceId();

        HttpResponse<String> taskVariables = http.json("GET", "/engine-rest/task/" + east.getId() + "/variables",
                "xulei", "demo", null);
        HttpResponse<String> instanceVariables = http.json("GET", "/engine-rest/process-instance/" + instance
                + "/variables", "xulei", "demo", null);
        HttpResponse<String> variables = http.json("GET", "/engine-rest/variable-instance?processInstanceIdIn="
                + instance, "xulei", "demo", null);
        HttpResponse<String> history = http.json("GET", "/engine-rest/history/variable-instance?processInstanceId="
                + instance, "xulei", "demo", null);

        assertThat(taskVariables.statusCode()).as(taskVariables.body()).isIn(403, 404);
        assertThat(instanceVariables.statusCode()).as(instanceVariables.body()).isIn(403, 404);
        assertThat(variables.body()).isEqualTo("[]");
        assertThat(history.body()).isEqualTo("[]");
        assertThat(http.json("GET", "/engine-rest/task/" + east.getId() + "/variables", "wuhao", "demo", null)
                .statusCode()).isEqualTo(200);
    }

    /**
     * Finding 3: the discipline commission and a non-administrator of the organization department start the instance
     * before the credentials review, move and execute the public notice's timer, suspend the instance, set its
     * variables, correlate a message and start an instance at an activity of their choice. Every call is refused
     * and the instance stays as it was; the administrator may, and the operation log names him.
     */
    @Test
    void noBodyOperatesOnTheInstance() {
        Election election = elections.start("probe-operate").advanceTo("consultCentralOrganization");
        election.startPublicNotice();
        String instance = election.instance.getId();
        String job = election.job().getId();
        String jobDefinition = election.job().getJobDefinitionId();
        var before = election.snapshot();
        for (String user : List.of("zhaoqiang", ORG_CLERK)) {
            String password = user.equals(ORG_CLERK) ? TestUsers.PASSWORD : "demo";
            List<HttpResponse<String>> calls = List.of(
                    http.json("POST", "/engine-rest/process-instance/" + instance + "/modification", user, password,
                            "{\"instructions\": [{\"type\": \"startBeforeActivity\", \"activityId\": "
                                    + "\"credentialsReview\"}]}"),
                    http.json("PUT", "/engine-rest/job/" + job + "/duedate", user, password,
                            "{\"duedate\": \"2022-03-02T00:00:00.000+0800\"}"),
                    http.json("POST", "/engine-rest/job/" + job + "/execute", user, password, null),
                    http.json("PUT", "/engine-rest/process-instance/" + instance + "/suspended", user, password,
                            "{\"suspended\": true}"),
                    http.json("PUT", "/engine-rest/process-instance/" + instance + "/variables/quotaPassed", user,
                            password, "{\"value\": true}"),
                    http.json("POST", "/engine-rest/process-instance/" + instance + "/variables", user, password,
                            "{\"modifications\": {\"electionId\": {\"value\": 1, \"type\": \"Long\"}}}"),
                    http.json("POST", "/engine-rest/message", user, password, "{\"messageName\": "
                            + "\"publicNoticeObjection\", \"businessKey\": \"probe-operate\", "
                            + "\"processVariablesLocal\": {\"candidateId\": {\"value\": \"HB-0001\"}, "
                            + "\"report\": {\"value\": \"探测\"}}}"),
                    http.json("POST", "/engine-rest/process-definition/key/delegate-election/start", user, password,
                            "{\"businessKey\": \"probe-skip\", \"startInstructions\": [{\"type\": "
                                    + "\"startBeforeActivity\", \"activityId\": \"credentialsReview\"}]}"),
                    http.json("PUT", "/engine-rest/job-definition/" + jobDefinition + "/suspended", user, password,
                            "{\"suspended\": true}"));
            for (HttpResponse<String> call : calls) {
                assertThat(call.statusCode()).as(user + " " + call.request().method() + " " + call.uri() + " "
                        + call.body()).isIn(403, 405);
            }
        }
        assertThat(election.snapshot()).isEqualTo(before);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("probe-skip").count())
                .isZero();

        HttpResponse<String> suspend = http.json("PUT", "/engine-rest/process-instance/" + instance + "/suspended",
                "zhangwei", "demo", "{\"suspended\": true}");
        HttpResponse<String> resume = http.json("PUT", "/engine-rest/process-instance/" + instance + "/suspended",
                "zhangwei", "demo", "{\"suspended\": false}");
        assertThat(suspend.statusCode()).isEqualTo(204);
        assertThat(resume.statusCode()).isEqualTo(204);
        assertThat(historyService.createUserOperationLogQuery().processInstanceId(instance)
                .operationType(UserOperationLogEntry.OPERATION_TYPE_SUSPEND).userId("zhangwei").count()).isOne();
    }

    /**
     * Finding 4: a report against a candidate, sent by the discipline commission through the domain API, reaches
     * the verification; the standing committee's user, working on step 16 meanwhile, reads the variables of his task
     * and finds neither the report nor whom it names. A report naming nobody is a 400.
     */
    @Test
    void aReportIsReadOnlyByThoseAllowed() throws Exception {
        Election election = elections.start("probe-report").advanceTo("proposePreliminaryList");
        String candidate = election.ids(org.delegateelection.candidate.CandidateList.SUITABLE).get(0);
        String secret = "反映该同志违规收受礼金（探测）";

        HttpResponse<String> unknown = http.json("POST", "/api/elections/" + election.id + "/candidate-reports",
                "zhaoqiang", "demo", "{\"candidateId\": \"NOBODY\", \"kind\": \"REPORT\", \"report\": \"x\"}");
        HttpResponse<String> byCommittee = http.json("POST", "/api/elections/" + election.id
                + "/candidate-reports", "wangjun", "demo", "{\"candidateId\": \"" + candidate
                + "\", \"kind\": \"REPORT\", \"report\": \"x\"}");
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(400);
        assertThat(field(unknown, "candidateId")).contains("NOBODY");
        assertThat(byCommittee.statusCode()).isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from candidate_report where election_id = ?").param(election.id)
                .query(Long.class).single()).isZero();

        HttpResponse<String> sent = http.json("POST", "/api/elections/" + election.id + "/candidate-reports",
                "zhaoqiang", "demo", "{\"candidateId\": \"" + candidate + "\", \"kind\": \"REPORT\", \"report\": \""
                        + secret + "\"}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        Task verify = election.task("verifyReport");
        Task proposal = election.task("proposePreliminaryList");

        HttpResponse<String> committee = http.json("GET", "/engine-rest/task/" + proposal.getId() + "/variables",
                "wangjun", "demo", null);
        HttpResponse<String> committeeForm = http.json("GET", "/engine-rest/task/" + proposal.getId()
                + "/form-variables", "wangjun", "demo", null);
        HttpResponse<String> discipline = http.json("GET", "/engine-rest/task/" + verify.getId() + "/variables",
                "zhaoqiang", "demo", null);
        HttpResponse<String> reports = http.json("GET", "/api/elections/" + election.id + "/candidate-reports",
                "zhaoqiang", "demo", null);

        assertThat(committee.statusCode()).isEqualTo(200);
        assertThat(committee.body()).doesNotContain(secret).doesNotContain(candidate);
        assertThat(committeeForm.body()).doesNotContain(secret).doesNotContain(candidate);
        assertThat(discipline.body()).contains(secret);
        assertThat(reports.body()).contains(secret);
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(election.instance.getId())
                .list()).noneMatch(v -> secret.equals(v.getValue()) && v.getTaskId() == null);
    }

    /**
     * Finding 5: an anonymous caller sends wrong passwords for the congress secretariat's user until the engine
     * would lock it for good. The caller's address is throttled, the lock ends on its own, and the administrator
     * can lift it at once.
     */
    @Test
    void nobodyLocksAnAccountForGood() {
        String user = "zhoumin";
        int refused = 0;
        int throttled = 0;
        for (int i = 0; i < 15; i++) {
            int status = http.json("GET", "/engine-rest/task/count", user, "wrong-" + i, null).statusCode();
            refused += status == 401 ? 1 : 0;
            throttled += status == 429 ? 1 : 0;
        }
        assertThat(refused + throttled).isEqualTo(15);
        assertThat(throttled).isPositive();
        assertThat(identityService.createUserQuery().userId(user).singleResult()).isNotNull();

        HttpResponse<String> unlock = http.json("POST", "/engine-rest/user/" + user + "/unlock", "zhangwei", "demo",
                null);
        assertThat(unlock.statusCode()).as(unlock.body()).isEqualTo(204);

        // an hour later the address may try again, and the user signs in with the right password
        ClockUtil.setCurrentTime(new Date(ENGINE_NOW.getTime() + 3_600_000));
        assertThat(http.json("GET", "/engine-rest/task/count", user, "demo", null).statusCode()).isEqualTo(200);

        for (int i = 0; i < 12; i++) {
            http.json("GET", "/engine-rest/task/count", user, "again-" + i, null);
            ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + 3_600_000));
        }
        // twelve failures spread over twelve hours: still no permanent lock, the right password works
        assertThat(http.json("GET", "/engine-rest/task/count", user, "demo", null).statusCode()).isEqualTo(200);
    }

    private Task unitTask(Election election, String unitCode) {
        return taskService.createTaskQuery().taskDefinitionKey("branchRecommendation")
                .processInstanceBusinessKey(election.code).processVariableValueEquals("unitCode", unitCode)
                .singleResult();
    }

    private static String field(HttpResponse<String> response, String field) throws Exception {
        JsonNode body = JSON.readTree(response.body());
        for (JsonNode problem : body.path("problems")) {
            if (field.equals(problem.path("field").asText())) {
                return problem.path("reason").asText();
            }
        }
        throw new AssertionError("no problem on " + field + ": " + response.body());
    }
}
