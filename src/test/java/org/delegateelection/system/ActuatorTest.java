package org.delegateelection.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.delegateelection.security.AccessRules;
import org.delegateelection.security.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The operators' endpoints over HTTP: health with the database, the engine and the job executor (running here, as
 * in production) for an administrator logged in with HTTP Basic, the status alone for anyone else; the metrics of
 * the connection pool and the job executor's threads; nothing exposed beyond health, info and metrics.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:actuator;DB_CLOSE_DELAY=-1",
                "camunda.bpm.job-execution.enabled=true"})
class ActuatorTest {

    @Autowired
    private TestRestTemplate rest;
    @Autowired
    private HikariDataSource dataSource;
    @Autowired
    private CamundaBpmProperties camunda;
    @Autowired
    private IdentityService identityService;

    @Test
    void healthIsUpWithTheDatabaseTheEngineAndTheJobExecutorForTheAdministrator() {
        TestUsers.ensure(identityService, "ops-admin", Groups.CAMUNDA_ADMIN);

        ResponseEntity<JsonNode> health = rest.withBasicAuth("ops-admin", TestUsers.PASSWORD)
                .getForEntity("/actuator/health", JsonNode.class);

        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode body = health.getBody();
        assertThat(body.path("status").asText()).isEqualTo("UP");
        JsonNode components = body.path("components");
        assertThat(components.path("db").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("db").path("details").path("database").asText()).isEqualTo(databaseProduct());
        assertThat(components.path("processEngine").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("processEngine").path("details").path("name").asText()).isEqualTo("default");
        assertThat(components.path("jobExecutor").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("diskSpace").path("status").asText()).isEqualTo("UP");
    }

    @Test
    void anotherUserLearnsTheStatusOnlyAndAWrongPasswordIsRefused() {
        // anonymous callers: WebAttackTest
        TestUsers.ensure(identityService, "ops-clerk", AccessRules.ORG_DEPT);

        ResponseEntity<JsonNode> health = rest.withBasicAuth("ops-clerk", TestUsers.PASSWORD)
                .getForEntity("/actuator/health", JsonNode.class);

        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(health.getBody()).isEqualTo(JsonNodeFactory.instance.objectNode().put("status", "UP"));
        assertThat(rest.withBasicAuth("ops-clerk", "wrong").getForEntity("/actuator/health", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void metricsShowTheJvmTheConnectionPoolAndTheJobExecutorsThreads() {
        ResponseEntity<JsonNode> metrics = rest.getForEntity("/actuator/metrics", JsonNode.class);

        assertThat(metrics.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(metrics.getBody().path("names")).extracting(JsonNode::asText)
                .contains("jvm.memory.used", "hikaricp.connections.active", "hikaricp.connections.max",
                        "executor.active", "executor.pool.max", "executor.queued");
        assertThat(value("hikaricp.connections.max")).isEqualTo(dataSource.getMaximumPoolSize());
        // Camunda 7.24 reports no Micrometer metrics of its own; its job executor's threads are the task executor
        assertThat(value("executor.pool.max?tag=name:camundaTaskExecutor"))
                .isEqualTo(camunda.getJobExecution().getMaxPoolSize());
    }

    private double value(String metric) {
        ResponseEntity<JsonNode> answer = rest.getForEntity("/actuator/metrics/" + metric, JsonNode.class);
        assertThat(answer.getStatusCode()).as(metric).isEqualTo(HttpStatus.OK);
        return answer.getBody().path("measurements").get(0).path("value").asDouble();
    }

    @Test
    void onlyHealthInfoAndMetricsAreExposed() {
        assertThat(rest.getForEntity("/actuator/info", JsonNode.class).getBody().path("java").path("version")
                .asText()).isNotBlank();
        assertThat(rest.getForEntity("/actuator/env", String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(rest.getForEntity("/actuator/beans", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    /** The database the test runs on: H2, or PostgreSQL with -Dtest.database=postgres. */
    private String databaseProduct() {
        try (java.sql.Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
