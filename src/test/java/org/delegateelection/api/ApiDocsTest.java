package org.delegateelection.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.delegateelection.procedure.Steps;
import org.delegateelection.security.Http;
import org.delegateelection.security.TestUsers;
import org.delegateelection.quota.RuleKind;
import org.delegateelection.system.Problem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The OpenAPI document at {@code /api-docs}, fetched over HTTP from the whole application: every handler method of
 * our controllers is an operation of it, with its tag, summary and media types; the error body {@code ApiError} is
 * the one {@link ApiExceptionHandler} sends and the error answers name it; every user task of the diagrams has the
 * variables the catalogue ({@link Steps}) declares for it; any authenticated user may read it, by HTTP Basic or the webapps'
 * session, and an anonymous caller is answered 401.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:api-docs;DB_CLOSE_DELAY=-1")
class ApiDocsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A user of a deciding body that is neither the organization department nor an administrator. */
    private static final String READER = "docs-reader";

    @LocalServerPort
    private int port;
    @Autowired
    private IdentityService identityService;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    private Http http;

    @BeforeEach
    void reader() {
        http = new Http(port, false);
        TestUsers.ensure(identityService, READER, "inspection-team");
    }

    @Test
    void everyHandlerMethodOfOurControllersIsAnOperationWithItsTagSummaryAndMediaTypes() throws IOException {
        JsonNode document = document();
        JsonNode paths = document.path("paths");
        Set<String> tags = new java.util.HashSet<>();
        document.path("tags").forEach(tag -> tags.add(tag.path("name").asText()));
        List<String> handlers = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            if (!entry.getValue().getBeanType().getPackageName().startsWith("org.delegateelection")) {
                continue;
            }
            RequestMappingInfo info = entry.getKey();
            for (String pattern : info.getPatternValues()) {
                for (var method : info.getMethodsCondition().getMethods()) {
                    String where = method + " " + pattern + " (" + entry.getValue() + ")";
                    handlers.add(where);
                    JsonNode operation = paths.path(pattern).path(method.name().toLowerCase());
                    assertThat(operation.isObject()).as(where).isTrue();
                    assertThat(operation.path("tags")).as(where).hasSize(1);
                    assertThat(tags).as(where).contains(operation.path("tags").get(0).asText());
                    assertThat(operation.path("summary").asText()).as(where).isNotBlank();
                    assertThat(operation.path("description").asText()).as(where).contains("可调用：");
                    for (var consumed : info.getConsumesCondition().getConsumableMediaTypes()) {
                        assertThat(operation.path("requestBody").path("content").has(consumed.toString()))
                                .as(where + " consumes " + consumed).isTrue();
                    }
                }
            }
        }
        assertThat(handlers).as("handler methods of /api").hasSizeGreaterThanOrEqualTo(25)
                .allMatch(h -> h.split(" ")[1].startsWith("/api/"));
        List<String> documented = new ArrayList<>();
        paths.fieldNames().forEachRemaining(documented::add);
        assertThat(documented).as("nothing documented that is not handled")
                .allMatch(p -> p.equals("/engine-rest/task/{id}/complete")
                        || handlers.stream().anyMatch(h -> h.split(" ")[1].equals(p)));
    }

    @Test
    void theErrorBodyIsTheApiErrorAndTheErrorAnswersNameIt() throws IOException {
        JsonNode document = document();
        JsonNode schemas = document.path("components").path("schemas");
        assertThat(propertyNames(schemas.path("ApiError"))).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(ApiError.class.getRecordComponents()).map(c -> c.getName()).toList());
        assertThat(schemas.path("ApiError").path("properties").path("problems").path("items").path("$ref").asText())
                .isEqualTo("#/components/schemas/Problem");
        assertThat(propertyNames(schemas.path("Problem"))).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(Problem.class.getRecordComponents()).map(c -> c.getName()).toList());
        JsonNode responses = document.path("components").path("responses");
        for (String name : List.of("BadRequest", "NotFound", "Conflict", "PayloadTooLarge", "Unauthorized",
                "Forbidden")) {
            assertThat(responses.path(name).path("content").path("application/json").path("schema").path("$ref")
                    .asText()).as(name).isEqualTo("#/components/schemas/ApiError");
            assertThat(responses.path(name).path("description").asText()).as(name).isNotBlank();
        }
        JsonNode start = document.path("paths").path("/api/elections").path("post").path("responses");
        assertThat(start.path("400").path("$ref").asText()).isEqualTo("#/components/responses/BadRequest");
        assertThat(start.path("409").path("$ref").asText()).isEqualTo("#/components/responses/Conflict");
        JsonNode imports = document.path("paths").path("/api/elections/{electionId}/candidates").path("post")
                .path("responses");
        assertThat(imports.path("404").path("$ref").asText()).isEqualTo("#/components/responses/NotFound");
        assertThat(imports.path("413").path("$ref").asText()).isEqualTo("#/components/responses/PayloadTooLarge");
        assertThat(imports.path("201").isObject()).isTrue();
        assertThat(document.path("paths").path("/api/elections/{electionId}/candidates").path("post")
                .path("requestBody").path("content").path("multipart/form-data").path("schema").path("properties")
                .path("file").path("format").asText()).isEqualTo("binary");
        JsonNode calendar = document.path("paths").path("/api/calendar/working-days").path("get").path("responses");
        assertThat(calendar.has("400")).isTrue();
        assertThat(calendar.has("404")).as("no election in the path").isFalse();
        assertThat(document.path("info").path("title").asText()).contains("代表选举").contains("Delegate election");
    }

    @Test
    void theBodiesOfThePutsAreDescribedFieldByField() throws IOException {
        JsonNode document = document();
        JsonNode schemas = document.path("components").path("schemas");
        JsonNode year = document.path("paths").path("/api/calendar/years/{year}").path("put").path("requestBody");
        for (String type : List.of("application/yaml", "application/json")) {
            String ref = year.path("content").path(type).path("schema").path("$ref").asText();
            assertThat(ref).as(type).isEqualTo("#/components/schemas/CalendarYear");
        }
        assertThat(propertyNames(schemas.path("CalendarYear"))).containsExactlyInAnyOrder("year", "notice",
                "holidays");
        JsonNode rule = document.path("paths").path("/api/elections/{id}/rules/{ruleId}").path("put")
                .path("requestBody").path("content").path("application/json").path("schema");
        assertThat(propertyNames(rule)).containsExactlyInAnyOrder("kind", "label", "regulation", "threshold",
                "checkpoints", "blocking", "exception");
        List<String> kinds = new ArrayList<>();
        rule.path("properties").path("kind").path("enum").forEach(kind -> kinds.add(kind.asText()));
        assertThat(kinds).containsExactlyElementsOf(Arrays.stream(RuleKind.values()).map(Enum::name).toList());
    }

    @Test
    void everyUserTaskOfTheDiagramsHasTheVariablesItsStepDeclares() throws IOException {
        JsonNode document = document();
        JsonNode index = document.path("x-task-variables");
        Map<String, String> tasks = userTasksOfTheDiagrams();
        assertThat(tasks).hasSizeGreaterThanOrEqualTo(25);
        tasks.put(Steps.START_FORM, "start form");
        for (String key : tasks.keySet()) {
            String reference = index.path(key).asText();
            assertThat(reference).as(key).isEqualTo("#/components/schemas/TaskVariables." + key.replace(':', '.'));
            JsonNode schema = document.path("components").path("schemas")
                    .path(reference.substring("#/components/schemas/".length()));
            // step 5 takes no variables (its figures are the uploaded branch tallies); every other step some
            assertThat(propertyNames(schema)).as(key).hasSize(Steps.declared(key).size())
                    .containsExactlyInAnyOrderElementsOf(Steps.declared(key));
            assertThat(Steps.declared(key).isEmpty()).as(key).isEqualTo(key.equals("branchRecommendation"));
            assertThat(schema.path("additionalProperties").asBoolean(true)).as(key).isFalse();
        }
        JsonNode complete = document.path("paths").path("/engine-rest/task/{id}/complete").path("post");
        assertThat(complete.path("description").asText()).contains("TaskVariables.").contains("x-task-variables");
    }

    @Test
    void anyAuthenticatedUserReadsTheDocumentAndAnAnonymousCallerIsAnswered401() throws IOException {
        HttpResponse<String> anonymous = http.send("GET", "/api-docs", null, null, null, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> v.startsWith("Basic"));
        assertThat(JSON.readTree(anonymous.body()).path("message").asText()).isEqualTo("请先登录");
        // a wrong password locks the user for a while: another user's
        TestUsers.ensure(identityService, "docs-mistyped", "inspection-team");
        assertThat(http.send("GET", "/api-docs", "docs-mistyped", "wrong", null, null).statusCode()).isEqualTo(401);
        assertThat(http.send("POST", "/api-docs", READER, TestUsers.PASSWORD, "{}", "application/json")
                .statusCode()).isEqualTo(403);

        Http browser = new Http(port, true);
        browser.send("GET", "/camunda/app/tasklist/default/", null, null, null, null);
        String form = "username=" + READER + "&password=" + URLEncoder.encode(TestUsers.PASSWORD, StandardCharsets.UTF_8);
        HttpResponse<String> login = browser.send("POST", "/camunda/api/admin/auth/user/default/login/tasklist",
                null, null, form, "application/x-www-form-urlencoded", "X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN"));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        HttpResponse<String> session = browser.send("GET", "/api-docs", null, null, null, null);
        assertThat(session.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(session.body()).path("openapi").asText()).startsWith("3.");
    }

    private JsonNode document() throws IOException {
        HttpResponse<String> answer = http.send("GET", "/api-docs", READER, TestUsers.PASSWORD, null, null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(v -> v.startsWith("application/json"));
        return JSON.readTree(answer.body());
    }

    private static List<String> propertyNames(JsonNode schema) {
        List<String> names = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The user tasks of the diagrams as the Modeler saves them: task key → name. */
    private static Map<String, String> userTasksOfTheDiagrams() throws IOException {
        Map<String, String> tasks = new TreeMap<>();
        try (Stream<Path> diagrams = Files.list(Path.of("processes"))) {
            for (Path diagram : diagrams.filter(p -> p.toString().endsWith(".bpmn")).toList()) {
                Bpmn.readModelFromFile(diagram.toFile()).getModelElementsByType(UserTask.class)
                        .forEach(task -> tasks.put(task.getId(), task.getName()));
            }
        }
        return tasks;
    }
}
