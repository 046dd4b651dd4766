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
