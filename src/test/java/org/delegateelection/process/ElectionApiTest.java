package org.delegateelection.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.delegateelection.ProcessTest;
import org.delegateelection.demo.DemoIdentity;
import org.delegateelection.demo.HandbookElection;
import org.delegateelection.election.ElectionRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The REST contract over HTTP, as another system uses it: start an election, import its candidates, complete its
 * tasks through the Camunda REST API, read its quota report and compositions. Also checks that every form a
 * diagram refers to is deployed with it.
 */
@ProcessTest
class ElectionApiTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private TestRestTemplate rest;

    /** Calls as the organization department's demo user. */
    @Autowired
    void authenticate(TestRestTemplate template) {
        rest = template.withBasicAuth("zhangwei", DemoIdentity.PASSWORD);
    }
    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private RepositoryService repositoryService;

    @Test
    void startsAnElectionImportsItsCandidatesAndCompletesItsFirstStepThroughRest() throws Exception {
        ResponseEntity<JsonNode> started = post("/api/elections", request("api-start"));
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        long electionId = started.getBody().get("electionId").asLong();
        assertThat(started.getBody().get("processInstanceId").asText()).isNotBlank();

        JsonNode candidates = JSON.valueToTree(new HandbookElection().candidates());
        candidates.forEach(person -> ((ObjectNode) person).remove("status"));
        ResponseEntity<JsonNode> imported = post("/api/elections/" + electionId + "/candidates", candidates);
        assertThat(imported.getStatusCode()).as(String.valueOf(imported.getBody())).isEqualTo(HttpStatus.CREATED);
        assertThat(imported.getBody().get("created").asInt()).isEqualTo(130);

        JsonNode task = tasks("api-start").get(0);
        assertThat(task.get("taskDefinitionKey").asText()).isEqualTo("registerAllocation");
        assertThat(task.get("name").asText()).isEqualTo("登记代表名额和结构要求");

        ResponseEntity<String> bad = rest.postForEntity("/engine-rest/task/" + task.get("id").asText() + "/complete",
                json(Map.of("variables", Map.of("seats", Map.of("value", "六十九", "type", "String")))), String.class);
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody()).contains("seats");
        assertThat(tasks("api-start").get(0).get("id").asText()).isEqualTo(task.get("id").asText());
        assertThat(get("/api/elections/" + electionId + "/quota-reports/latest").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);

        ResponseEntity<String> done = rest.postForEntity(
                "/engine-rest/task/" + task.get("id").asText() + "/complete", json(Map.of("variables", Map.of())),
                String.class);
        assertThat(done.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(tasks("api-start").get(0).get("taskDefinitionKey").asText()).isEqualTo("draftImplementationPlan");

        JsonNode report = get("/api/elections/" + electionId + "/quota-reports/latest").getBody();
        assertThat(report.get("checkpoint").asText()).isEqualTo("allocation");
        assertThat(report.get("passed").asBoolean()).isTrue();
        assertThat(report.get("results").get(0).get("sentence").asText()).contains("符合要求");
    }

    @Test
    void refusesABadConfigurationNamingEveryFieldAndStoresNothing() {
        long before = elections();
        ObjectNode request = request("api-bad");
        request.put("seats", 0);
        request.put("code", "Bad Code");
        request.putNull("womenMemberSharePercent");
        ResponseEntity<JsonNode> refused = post("/api/elections", request);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(fields(refused.getBody())).contains("seats", "code", "womenMemberSharePercent");
        assertThat(elections()).isEqualTo(before);
    }

    @Test
    void refusesAnUnknownRuleOverrideAWrongTypeAndADuplicateCode() {
        long before = elections();
        ObjectNode overridden = request("api-rules");
        overridden.putObject("ruleOverrides").putObject("noSuchRule").put("blocking", false);
        ResponseEntity<JsonNode> unknownRule = post("/api/elections", overridden);
        assertThat(unknownRule.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(fields(unknownRule.getBody())).containsExactly("ruleOverrides.noSuchRule.kind");

        ObjectNode wrongType = request("api-type");
        wrongType.put("seats", "sixty-nine");
        ResponseEntity<JsonNode> typed = post("/api/elections", wrongType);
        assertThat(typed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(fields(typed.getBody())).containsExactly("seats");
        assertThat(elections()).isEqualTo(before);

        ObjectNode misspelt = request("api-misspelt");
        misspelt.put("seat", 69);
        ResponseEntity<JsonNode> unknownField = post("/api/elections", misspelt);
        assertThat(unknownField.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(fields(unknownField.getBody())).containsExactly("seat");
        assertThat(unknownField.getBody().findValuesAsText("reason")).containsExactly("未知字段");

        assertThat(post("/api/elections", request("api-twice")).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        ResponseEntity<JsonNode> twice = post("/api/elections", request("api-twice"));
        assertThat(twice.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(fields(twice.getBody())).containsExactly("code");
        assertThat(elections()).isEqualTo(before + 1);
    }

    /**
     * Two elections at once: a recommending unit's group is keyed by its code and shared, so while an election that
     * uses a code runs, another may use the code only for the same unit; once it has ended, the code may name
     * another unit and the group takes that name.
     */
    @Test
    void aUnitCodeNamesOneUnitWhileElectionsThatUseItRun() {
        ObjectNode first = withFirstUnit(request("api-units-a"), "cityx1", "东川市");
        ResponseEntity<JsonNode> a = post("/api/elections", first);
        assertThat(a.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(post("/api/elections", withFirstUnit(request("api-units-b"), "cityx1", "东川市")).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        long before = elections();

        ResponseEntity<JsonNode> other = post("/api/elections", withFirstUnit(request("api-units-c"), "cityx1",
                "西川市"));
        assertThat(other.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(fields(other.getBody())).containsExactly("recommendingUnits[0].name");
        assertThat(other.getBody().findValuesAsText("reason").get(0)).contains("api-units-a", "东川市", "ru-cityx1");
        assertThat(elections()).isEqualTo(before);
        assertThat(groupName("ru-cityx1")).isEqualTo("东川市党委");

        // both elections that use the code end (here: the administrator deletes their instances)
        for (String code : List.of("api-units-a", "api-units-b")) {
            String instance = jdbc.sql("select process_instance_id from election where code = ?").param(code)
                    .query(String.class).single();
            assertThat(rest.exchange("/engine-rest/process-instance/" + instance, HttpMethod.DELETE, null,
                    String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        }
        assertThat(post("/api/elections", withFirstUnit(request("api-units-c"), "cityx1", "西川市")).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(groupName("ru-cityx1")).isEqualTo("西川市党委");
    }

    private static ObjectNode withFirstUnit(ObjectNode request, String code, String name) {
        ObjectNode unit = (ObjectNode) request.get("recommendingUnits").get(0);
        unit.put("code", code);
        unit.put("name", name);
        return request;
    }

    private String groupName(String groupId) {
        return jdbc.sql("select name_ from act_id_group where id_ = ?").param(groupId).query(String.class).single();
    }

    @Test
    void reportsTheCompositionOfAListAndRefusesAnUnknownList() {
        long electionId = post("/api/elections", request("api-composition")).getBody().get("electionId").asLong();
        assertThat(get("/api/elections/" + electionId).getBody().get("preliminaryElection").asBoolean()).isFalse();

        ResponseEntity<JsonNode> nominees = get("/api/elections/" + electionId + "/composition?list=nominees");
        assertThat(nominees.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(nominees.getBody().get("count").asInt()).isZero();

        ResponseEntity<JsonNode> unknown = get("/api/elections/" + electionId + "/composition?list=everyone");
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(fields(unknown.getBody())).containsExactly("list");
        assertThat(fields(get("/api/elections/" + electionId + "/composition").getBody())).containsExactly("list");
        assertThat(get("/api/elections/999999/composition?list=elected").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void startsAnElectionFromTasklistsStartFormAndTakesThePlanAsTextLines() {
        Map<String, Object> form = new java.util.LinkedHashMap<>(Map.of("electionUnitCode", v("form-start"),
                "electionName", v("测试省"), "seats", v(10), "nomineeQuota", v(14), "minPreliminary", v(12),
                "womenMemberSharePercent", v(29.5), "minMinorities", v(1), "leadingCadreTarget", v(9),
                "frontlineTarget", v(5), "minWomenNominees", v(4)));
        form.put("minUnder55Nominees", v(7));
        form.put("ageReferenceDate", v("2022-06-30"));
        form.put("unitsText", v("north,北区,6\nsouth，南区，8"));
        long before = elections();
        Map<String, Object> bad = new java.util.LinkedHashMap<>(form);
        bad.put("unitsText", v("north,北区,6\nsouth 南区 8"));
        ResponseEntity<String> refused = rest.postForEntity(
                "/engine-rest/process-definition/key/delegate-election/submit-form", json(Map.of("variables", bad)),
                String.class);
        assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody()).contains("unitsText", "第2行");
        assertThat(elections()).isEqualTo(before);
        Map<String, Object> badFlag = new java.util.LinkedHashMap<>(form);
        badFlag.put("preliminaryElection", v("也许"));
        ResponseEntity<String> flagRefused = rest.postForEntity(
                "/engine-rest/process-definition/key/delegate-election/submit-form",
                json(Map.of("variables", badFlag)), String.class);
        assertThat(flagRefused.getStatusCode()).as(flagRefused.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(flagRefused.getBody()).contains("preliminaryElection", "须为 true 或 false");
        assertThat(elections()).isEqualTo(before);
        form.put("preliminaryElection", v(true));

        ResponseEntity<JsonNode> started = rest.postForEntity(
                "/engine-rest/process-definition/key/delegate-election/submit-form", json(Map.of("variables", form)),
                JsonNode.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(started.getBody().get("businessKey").asText()).isEqualTo("form-start");
        long electionId = jdbc.sql("select id from election where code = 'form-start'").query(Long.class).single();
        JsonNode unit = get("/api/elections/" + electionId).getBody();
        assertThat(unit.get("womenMemberShare").decimalValue()).isEqualByComparingTo("0.295");
        assertThat(unit.get("recommendingUnits").findValuesAsText("name")).containsExactly("北区", "南区");
        assertThat(unit.get("preliminaryElection").asBoolean()).isTrue();

        complete(tasks("form-start").get(0), Map.of());
        JsonNode plan = tasks("form-start").get(0);
        assertThat(plan.get("taskDefinitionKey").asText()).isEqualTo("draftImplementationPlan");
        ResponseEntity<String> submitted = rest.postForEntity("/engine-rest/task/" + plan.get("id").asText()
                + "/submit-form", json(Map.of("variables", Map.of("unitQuotasText", v("north,北区,5\nsouth,南区,9")))),
                String.class);
        assertThat(submitted.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(get("/api/elections/" + electionId).getBody().get("recommendingUnits").findValuesAsText(
                "nomineeQuota")).containsExactly("5", "9");
        assertThat(tasks("form-start").get(0).get("taskDefinitionKey").asText())
                .isEqualTo("approveImplementationPlan");
    }

    @Test
    void everyFormADiagramRefersToIsDeployedWithIt() {
        for (ProcessDefinition definition : repositoryService.createProcessDefinitionQuery().latestVersion().list()) {
            BpmnModelInstance model = repositoryService.getBpmnModelInstance(definition.getId());
            Set<String> deployedForms = new HashSet<>();
            for (String resource : repositoryService.getDeploymentResourceNames(definition.getDeploymentId())) {
                if (resource.endsWith(".form")) {
                    deployedForms.add(formId(definition.getDeploymentId(), resource));
                }
            }
            Set<String> referred = new HashSet<>();
            model.getModelElementsByType(UserTask.class).forEach(t -> referred.add(t.getCamundaFormRef()));
            model.getModelElementsByType(StartEvent.class).stream().map(StartEvent::getCamundaFormRef)
                    .filter(ref -> ref != null).forEach(referred::add);
            assertThat(referred).as("forms of %s", definition.getKey()).isNotEmpty();
            assertThat(deployedForms).as("forms deployed with %s", definition.getKey()).containsAll(referred);
        }
    }

    private String formId(String deploymentId, String resource) {
        try {
            return JSON.readTree(new ByteArrayInputStream(repositoryService.getResourceAsStream(deploymentId, resource)
                    .readAllBytes())).get("id").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> v(Object value) {
        return Map.of("value", value);
    }

    private void complete(JsonNode task, Map<String, Object> variables) {
        assertThat(rest.postForEntity("/engine-rest/task/" + task.get("id").asText() + "/complete",
                json(Map.of("variables", variables)), String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    }

    private ObjectNode request(String code) {
        ObjectNode request = JSON.valueToTree(ElectionRequest.of(new HandbookElection().unit()));
        request.put("code", code);
        request.remove("ruleOverrides");
        return request;
    }

    private List<JsonNode> tasks(String businessKey) {
        ResponseEntity<List<JsonNode>> tasks = rest.exchange("/engine-rest/task?processInstanceBusinessKey="
                + businessKey, HttpMethod.GET, null, new ParameterizedTypeReference<>() { });
        return tasks.getBody();
    }

    private ResponseEntity<JsonNode> post(String path, JsonNode body) {
        return rest.postForEntity(path, json(body), JsonNode.class);
    }

    private ResponseEntity<JsonNode> get(String path) {
        return rest.getForEntity(path, JsonNode.class);
    }

    private static HttpEntity<Object> json(Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    private static List<String> fields(JsonNode error) {
        return error.get("problems").findValuesAsText("field");
    }

    private long elections() {
        return jdbc.sql("select count(*) from election").query(Long.class).single();
    }
}
