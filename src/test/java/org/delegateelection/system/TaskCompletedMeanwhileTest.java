package org.delegateelection.system;

import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.delegateelection.ProcessTest;
import org.delegateelection.api.EngineRestErrors;
import org.delegateelection.process.TestElections;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A task completion sent after another request has completed the same task (two users, two nodes) is answered 409,
 * "send again after a refresh", through the engine REST API; a task that never existed is answered 404.
 */
@ProcessTest
class TaskCompletedMeanwhileTest {

    @Autowired
    private TestRestTemplate rest;
    @Autowired
    private TestElections elections;
    @Autowired
    private TaskService taskService;

    @Test
    void aSecondCompletionOfTheSameTaskIsAConflictAndAnUnknownTaskIsNotFound() {
        elections.start("completed-meanwhile");
        String taskId = taskService.createTaskQuery().processInstanceBusinessKey("completed-meanwhile")
                .taskDefinitionKey("registerAllocation").singleResult().getId();

        ResponseEntity<String> first = complete(taskId);
        ResponseEntity<JsonNode> second = rest.withBasicAuth("zhangwei", "demo").postForEntity(
                "/engine-rest/task/" + taskId + "/complete", json(), JsonNode.class);
        ResponseEntity<String> unknown = complete("no-such-task");

        assertThat(first.getStatusCode().value()).isEqualTo(204);
        assertThat(second.getStatusCode().value()).isEqualTo(409);
        assertThat(second.getBody().get("message").asText()).isEqualTo(EngineRestErrors.CONCURRENT_CHANGE);
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
    }

    /**
     * A read of a task that another request completed meanwhile (Tasklist still showing it; a read meeting the
     * completion on another node) is a client's error, not the engine's 500: a read of its variables is answered 404
     * saying it was completed.
     */
    @Test
    void aReadOfACompletedTaskIsNotFound() {
        elections.start("read-after-completion");
        String taskId = taskService.createTaskQuery().processInstanceBusinessKey("read-after-completion")
                .taskDefinitionKey("registerAllocation").singleResult().getId();
        assertThat(complete(taskId).getStatusCode().value()).isEqualTo(204);

        for (String read : new String[] {"", "/variables", "/variables/seats", "/localVariables",
                "/localVariables/seats", "/identity-links", "/form", "/form-variables"}) {
            ResponseEntity<JsonNode> answer = rest.withBasicAuth("zhangwei", "demo")
                    .getForEntity("/engine-rest/task/" + taskId + read, JsonNode.class);
            assertThat(answer.getStatusCode().value()).as(read + " " + answer.getBody()).isBetween(400, 404);
            if (read.contains("ariables/")) {
                assertThat(answer.getStatusCode().value()).as(read).isEqualTo(404);
                assertThat(answer.getBody().path("message").asText()).as(read).isEqualTo("该任务已办理完毕，请刷新任务列表");
            }
        }
    }

    private ResponseEntity<String> complete(String taskId) {
        return rest.withBasicAuth("zhangwei", "demo").postForEntity("/engine-rest/task/" + taskId + "/complete",
                json(), String.class);
    }

    private static HttpEntity<Map<String, Object>> json() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(Map.of("variables", Map.of()), headers);
    }
}
