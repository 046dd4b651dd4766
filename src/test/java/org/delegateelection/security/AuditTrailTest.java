package org.delegateelection.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.task.Task;
import org.delegateelection.ProcessTest;
import org.delegateelection.demo.DemoIdentity;
import org.delegateelection.demo.HandbookElection;
import org.delegateelection.election.ElectionRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The audit trail over HTTP: every decision is in the engine's user operation log with the user who took it and in
 * the history with the values and the quota report the task showed; every change to the candidate registry is
 * recorded with who and when; nobody can change those records through the application.
 */
@ProcessTest
class AuditTrailTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final String CLERK = "audit-clerk";

    @LocalServerPort
    private int port;
    @Autowired
    private IdentityService identityService;
    @Autowired
    private TaskService taskService;
    @Autowired
    private HistoryService historyService;
    @Autowired
    private JdbcClient jdbc;

    @Test
    void decisionsAndCandidateChangesAreRecordedWithTheirUser() throws Exception {
        TestUsers.ensure(identityService, CLERK, AccessRules.ORG_DEPT);
        Http http = new Http(port, false);
        ObjectNode request = JSON.valueToTree(ElectionRequest.of(new HandbookElection().unit()));
        request.put("code", "audit");
        JsonNode started = JSON.readTree(http.json("POST", "/api/elections", CLERK, TestUsers.PASSWORD,
                request.toString()).body());
        long electionId = started.get("electionId").asLong();
        String instance = started.get("processInstanceId").asText();

        ArrayNode people = JSON.valueToTree(new HandbookElection().candidates().subList(0, 3));
        people.forEach(person -> ((ObjectNode) person).remove("status"));
        String path = "/api/elections/" + electionId + "/candidates";
        assertThat(http.json("POST", path, CLERK, TestUsers.PASSWORD, people.toString()).statusCode())
                .isEqualTo(201);
        ((ObjectNode) people.get(0)).put("level", "省部级");
        assertThat(http.json("POST", path, "zhangwei", DemoIdentity.PASSWORD, "[" + people.get(0) + "]")
                .statusCode()).isEqualTo(201);
        List<Map<String, Object>> changes = jdbc.sql("select candidate_id, kind, changed_by, changed_at "
                + "from candidate_change where election_id = ? order by id").param(electionId).query().listOfRows();
        assertThat(changes).extracting(row -> row.get("candidate_id") + " " + row.get("kind") + " "
                + row.get("changed_by")).containsExactly(
                people.get(0).get("id").asText() + " CREATED " + CLERK,
                people.get(1).get("id").asText() + " CREATED " + CLERK,
                people.get(2).get("id").asText() + " CREATED " + CLERK,
                people.get(0).get("id").asText() + " UPDATED zhangwei");
        assertThat(changes).allSatisfy(row -> assertThat(row.get("changed_at")).isNotNull());

        // steps 1 and 2 by the org-dept clerk, step 3 by the standing committee, all through the REST API
        completeAs(instance, "registerAllocation", CLERK, TestUsers.PASSWORD, "{}", http);
        completeAs(instance, "draftImplementationPlan", CLERK, TestUsers.PASSWORD, "{}", http);
        Task approval = task(instance, "approveImplementationPlan");
        long shownReport = jdbc.sql("select max(id) from quota_report where election_id = ? and checkpoint = 'plan'")
                .param(electionId).query(Long.class).single();
        completeAs(instance, "approveImplementationPlan", "wangjun", DemoIdentity.PASSWORD,
                "{\"approved\":{\"value\":true,\"type\":\"Boolean\"}}", http);

        UserOperationLogEntry completion = historyService.createUserOperationLogQuery().taskId(approval.getId())
                .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).singleResult();
        assertThat(completion.getUserId()).isEqualTo("wangjun");
        assertThat(completion.getTimestamp()).isNotNull();
        assertThat(historyService.createUserOperationLogQuery().processInstanceId(instance)
                .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).list())
                .extracting(UserOperationLogEntry::getUserId).contains(CLERK, "wangjun");
        HistoricVariableInstance shown = historyService.createHistoricVariableInstanceQuery()
                .taskIdIn(approval.getId()).variableName("quotaReportId").singleResult();
        assertThat(shown.getValue()).isEqualTo(shownReport);
        assertThat(historyService.createHistoricDetailQuery().variableUpdates().processInstanceId(instance).list())
                .anySatisfy(detail -> assertThat(detail.getTaskId()).isEqualTo(approval.getId()));

        // the org-dept reads the log (Cockpit), and cannot change or delete it; no endpoint writes candidate_change
        String logOfInstance = "/engine-rest/history/user-operation?processInstanceId=" + instance;
        assertThat(JSON.readTree(http.json("GET", logOfInstance, CLERK, TestUsers.PASSWORD, null).body()))
                .isNotEmpty();
        identityService.setAuthentication(CLERK, List.of(AccessRules.ORG_DEPT), List.of(TestUsers.HANDBOOK_UNIT));
        try {
            assertThatThrownBy(() -> historyService.deleteUserOperationLogEntry(completion.getId()))
                    .isInstanceOf(AuthorizationException.class);
        } finally {
            identityService.clearAuthentication();
        }
        assertThat(http.json("PUT", "/engine-rest/history/user-operation/" + completion.getOperationId()
                + "/set-annotation", CLERK, TestUsers.PASSWORD, "{\"annotation\":\"改写\"}").statusCode())
                .isEqualTo(403);
        assertThat(historyService.createUserOperationLogQuery().taskId(approval.getId()).count()).isPositive();
    }

    private void completeAs(String instance, String key, String user, String password, String variables, Http http) {
        Task task = task(instance, key);
        assertThat(http.json("POST", "/engine-rest/task/" + task.getId() + "/complete", user, password,
                "{\"variables\":" + variables + "}").statusCode()).as(key).isEqualTo(204);
    }

    private Task task(String instance, String key) {
        return taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey(key).singleResult();
    }
}
