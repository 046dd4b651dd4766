package org.delegateelection.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.delegateelection.cluster.ClusterNode;
import org.delegateelection.demo.HandbookElection;
import org.delegateelection.election.ElectionRequest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The embedded default database (H2 in a file under {@code ./data}) keeps what it has acknowledged when the
 * application is killed: the application runs as an operator starts it (no profile, its own configuration, the
 * administrator from {@code ADMIN_USER}) in a JVM and a working directory of its own; an election is registered and
 * its first two steps completed over HTTP, the process is killed (SIGKILL) as soon as the last completion is answered
 * and started again on the same files, and the election and both completions are there.
 */
@Tag("embedded")
class EmbeddedDatabaseKillTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final String ADMIN = "chief";
    private static final String PASSWORD = "Xuan-ju-2027!";
    /** The application's configuration alone, not the test suite's (which puts H2 in memory). */
    private static final List<String> ARGUMENTS = List.of("--spring.config.location=classpath:/application.yaml",
            "--ADMIN_USER=" + ADMIN, "--ADMIN_PASSWORD=" + PASSWORD);
    /** Quick to start on two shared cores: the first compiler only. */
    private static final List<String> JVM = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1");

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    private Path directory;

    @Test
    void anElectionAndItsCompletionsAnsweredBeforeAKillAreThereAfterTheRestart() throws Exception {
        long electionId;
        String instance;
        List<String> completed = new ArrayList<>();
        ClusterNode first = ClusterNode.start("embedded-first", directory, JVM, ARGUMENTS);
        try {
            ObjectNode election = JSON.valueToTree(ElectionRequest.of(new HandbookElection().unit()));
            election.put("code", "kill-test");
            election.remove("ruleOverrides");
            JsonNode started = call(first, "POST", "/api/elections", election, 201);
            electionId = started.get("electionId").asLong();
            instance = started.get("processInstanceId").asText();
            for (String step : List.of("registerAllocation", "draftImplementationPlan")) {
                String taskId = call(first, "GET", "/engine-rest/task?processInstanceId=" + instance
                        + "&taskDefinitionKey=" + step, null, 200).get(0).get("id").asText();
                call(first, "POST", "/engine-rest/task/" + taskId + "/complete",
                        JSON.readTree("{\"variables\":{}}"), 204);
                completed.add(taskId);
            }
        } finally {
            first.kill();
        }

        ClusterNode second = ClusterNode.start("embedded-second", directory, JVM, ARGUMENTS);
        try {
            assertThat(call(second, "GET", "/api/elections/" + electionId, null, 200).get("code").asText())
                    .isEqualTo("kill-test");
            List<String> finished = new ArrayList<>();
            call(second, "GET", "/engine-rest/history/task?processInstanceId=" + instance + "&finished=true", null,
                    200).forEach(task -> finished.add(task.get("id").asText()));
            assertThat(finished).containsExactlyInAnyOrderElementsOf(completed);
            assertThat(call(second, "GET", "/engine-rest/task?processInstanceId=" + instance, null, 200))
                    .extracting(task -> task.get("taskDefinitionKey").asText())
                    .containsExactly("approveImplementationPlan");
        } finally {
            second.close();
        }
    }

    /** One call as the administrator, expecting {@code status}; the answer's JSON (an empty object for none). */
    private JsonNode call(ClusterNode node, String method, String path, JsonNode body, int status)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.baseUrl() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (ADMIN + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }
}
