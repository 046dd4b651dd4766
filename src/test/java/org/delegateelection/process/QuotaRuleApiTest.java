package org.delegateelection.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.delegateelection.ProcessTest;
import org.delegateelection.candidate.Candidate;
import org.delegateelection.candidate.CandidateList;
import org.delegateelection.candidate.CandidateRepository;
import org.delegateelection.demo.DemoIdentity;
import org.delegateelection.demo.HandbookElection;
import org.delegateelection.election.ElectionRequest;
import org.delegateelection.quota.QuotaCheckers;
import org.delegateelection.quota.QuotaReport;
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
 * The rules of an election's own over HTTP, as issue 15 tells it: an autonomous region adds "at least 40 % ethnic
 * minorities among the prospective candidates and the elected", sees it among the rules in force with its source, and
 * a list with too few fails the check with the new rule named; bad changes and changes after the list was decided are
 * refused with the field and the reason, nothing stored. (Here rather than in {@code quota/}, whose database slice
 * test declares a configuration of its own that a whole-application test there would pick up.)
 */
@ProcessTest
class QuotaRuleApiTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final String MINORITIES_40 = """
            {"kind": "MINORITIES_MIN_SHARE", "label": "少数民族人选比例不低于 40%",
             "regulation": "本自治区党的二十大代表选举工作实施方案", "threshold": {"minShare": 0.4},
             "checkpoints": ["prospective", "elected"]}""";

    private TestRestTemplate rest;

    /** Calls as the organization department's demo user. */
    @Autowired
    void authenticate(TestRestTemplate template) {
        rest = template.withBasicAuth("zhangwei", DemoIdentity.PASSWORD);
    }

    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private CandidateRepository candidates;
    @Autowired
    private QuotaCheckers checkers;

    @Test
    void aRegionsFortyPercentMinoritiesRuleIsAddedShownAndFailsAListWithTooFew() throws Exception {
        long electionId = register("t-rules-region", null);

        ResponseEntity<JsonNode> added = put(electionId, "minoritiesShare", MINORITIES_40);
        assertThat(added.getStatusCode()).as(String.valueOf(added.getBody())).isEqualTo(HttpStatus.CREATED);
        assertThat(added.getBody().path("source").path("origin").asText()).isEqualTo("added");
        assertThat(added.getBody().path("source").path("changedBy").asText()).isEqualTo("zhangwei");

        JsonNode rules = get(electionId);
        JsonNode rule = rule(rules, "minoritiesShare");
        assertThat(rules.get(rules.size() - 1)).as("last in the reports").isEqualTo(rule);
        assertThat(rule.path("kind").asText()).isEqualTo("MINORITIES_MIN_SHARE");
        assertThat(rule.path("label").asText()).isEqualTo("少数民族人选比例不低于 40%");
        assertThat(rule.path("threshold").path("minShare").decimalValue()).isEqualByComparingTo("0.4");
        assertThat(rule.path("checkpoints")).extracting(JsonNode::asText).containsExactly("prospective", "elected");
        assertThat(rule.path("blocking").asBoolean()).isTrue();
        assertThat(rule.path("regulation").asText()).isEqualTo("本自治区党的二十大代表选举工作实施方案");
        assertThat(rule.path("source").path("changedAt").asText()).endsWith("+08:00");
        JsonNode shipped = rule(rules, "leadingCadreMaxShare");
        assertThat(shipped.path("threshold").path("maxShare").decimalValue()).isEqualByComparingTo("0.6667");
        assertThat(shipped.path("source").path("origin").asText()).isEqualTo("shipped");
        assertThat(shipped.path("regulation").asText()).contains("三分之二");

        List<String> eighty = candidates.findAll(electionId).stream().map(Candidate::id).limit(80).toList();
        candidates.decide(electionId, CandidateList.PROSPECTIVE, eighty, null, "tester");
        QuotaReport report = checkers.of(electionId).prospective(candidates.list(electionId, "prospective"));

        assertThat(report.passed()).isFalse();
        QuotaReport.RuleResult result = report.results().stream().filter(r -> r.ruleId().equals("minoritiesShare"))
                .findFirst().orElseThrow();
        assertThat(result.passed()).isFalse();
        assertThat(result.label()).isEqualTo("少数民族人选比例不低于 40%");
        assertThat(result.sentence()).contains("应不少于 40.0%", "不符合要求");
    }

    @Test
    void aChangeAfterItsListWasDecidedIsRefusedAndNothingStored() {
        long electionId = register("t-rules-decided", null);
        assertThat(put(electionId, "minoritiesShare", MINORITIES_40).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        candidates.decide(electionId, CandidateList.PROSPECTIVE,
                candidates.findAll(electionId).stream().map(Candidate::id).limit(80).toList(), null, "tester");
        String before = get(electionId).toString();
        long changes = changes(electionId);

        ResponseEntity<JsonNode> lowered = put(electionId, "minoritiesShare", "{\"threshold\": {\"minShare\": 0.3}}");
        ResponseEntity<JsonNode> movedThere = put(electionId, "womenShare", "{\"blocking\": false}");
        ResponseEntity<JsonNode> addedThere = put(electionId, "cadresAtProspective", """
                {"kind": "LEADING_CADRE_MAX_SHARE", "label": "党员领导干部比例不超过 60%", "regulation": "本单位实施方案",
                 "threshold": {"maxShare": 0.6}, "checkpoints": ["prospective"]}""");

        for (ResponseEntity<JsonNode> refused : List.of(lowered, movedThere, addedThere)) {
            assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(fields(refused.getBody())).containsExactly("checkpoints");
            assertThat(refused.getBody().path("problems").get(0).path("reason").asText())
                    .contains("prospective", "预备人选", "已经确定");
        }
        assertThat(put(electionId, "minoritiesShare", "{\"threshold\": {\"minShare\": 0.4}}").getStatusCode())
                .as("a change that changes nothing is no change").isEqualTo(HttpStatus.OK);
        assertThat(get(electionId).toString()).isEqualTo(before);
        assertThat(changes(electionId)).isEqualTo(changes);

        ResponseEntity<JsonNode> elsewhere = put(electionId, "cadresAtElected", """
                {"kind": "LEADING_CADRE_MAX_SHARE", "label": "当选代表中党员领导干部比例不超过 60%",
                 "regulation": "本单位实施方案", "threshold": {"maxShare": 0.6}, "checkpoints": ["elected"]}""");
        assertThat(elsewhere.getStatusCode()).as("the elected are not decided yet").isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void aRuleOfACheckpointAlreadyCheckedIsRefused() {
        long electionId = register("t-rules-checked", null);
        JsonNode task = rest.exchange("/engine-rest/task?processInstanceBusinessKey=t-rules-checked", HttpMethod.GET,
                null, new ParameterizedTypeReference<List<JsonNode>>() { }).getBody().get(0);
        assertThat(rest.postForEntity("/engine-rest/task/" + task.path("id").asText() + "/complete",
                json("{\"variables\": {}}"), String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        ResponseEntity<JsonNode> refused = put(electionId, "competitiveElection",
                "{\"threshold\": {\"minSurplus\": 0.2}}");

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(fields(refused.getBody())).containsExactly("checkpoints");
        assertThat(refused.getBody().path("problems").get(0).path("reason").asText())
                .contains("allocation", "已经进行");
    }

    @Test
    void badChangesAreRefusedNamingTheFieldWithTheAllowedValuesAndNothingIsStored() {
        long electionId = register("t-rules-bad", null);
        String before = get(electionId).toString();
        long rows = jdbc.sql("select count(*) from quota_rule where election_id = ?").param(electionId)
                .query(Long.class).single();

        Map<String, String> bad = Map.of(
                "kind", MINORITIES_40.replace("MINORITIES_MIN_SHARE", "MINORITIES_QUOTA"),
                "threshold.minShare", MINORITIES_40.replace("0.4}", "1.4}"),
                "checkpoints", MINORITIES_40.replace("\"elected\"", "\"congress\""));
        Map<String, String> allowed = Map.of("kind", "MINORITIES_MIN_SHARE", "threshold.minShare", "0 到 100%",
                "checkpoints", "prospective");
        bad.forEach((field, body) -> {
            ResponseEntity<JsonNode> refused = put(electionId, "minoritiesShare", body);
            assertThat(refused.getStatusCode()).as(field).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(fields(refused.getBody())).as(field).containsExactly(field);
            assertThat(refused.getBody().path("problems").get(0).path("reason").asText()).as(field)
                    .contains(allowed.get(field));
        });
        ResponseEntity<JsonNode> negative = put(electionId, "under55Share", "{\"threshold\": {\"minShare\": -0.5}}");
        assertThat(fields(negative.getBody())).containsExactly("threshold.minShare");
        assertThat(fields(put(electionId, "womenShare", "{\"label\": \"别的\"}").getBody())).containsExactly("label");
        assertThat(fields(put(electionId, "minoritiesShare", "[1]").getBody())).containsExactly((String) null);
        assertThat(put(987654321L, "minoritiesShare", MINORITIES_40).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        assertThat(get(electionId).toString()).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from quota_rule where election_id = ?").param(electionId)
                .query(Long.class).single()).isEqualTo(rows);
        assertThat(changes(electionId)).isZero();
    }

    @Test
    void rulesAddedOrChangedAtRegistrationAreRecordedAsTheRegistrantsChanges() throws Exception {
        ObjectNode overrides = JSON.createObjectNode();
        overrides.set("minoritiesShare", JSON.readTree(MINORITIES_40));
        overrides.putObject("workersShare").put("blocking", false);

        long electionId = register("t-rules-registered", overrides);

        JsonNode rules = get(electionId);
        assertThat(rule(rules, "minoritiesShare").path("source").path("origin").asText()).isEqualTo("added");
        assertThat(rule(rules, "workersShare").path("source").path("origin").asText()).isEqualTo("changed");
        assertThat(rule(rules, "workersShare").path("source").path("changedBy").asText()).isEqualTo("zhangwei");
        assertThat(rule(rules, "workersShare").path("blocking").asBoolean()).isFalse();
        assertThat(rule(rules, "farmersShare").path("source").path("origin").asText()).isEqualTo("shipped");
        assertThat(changes(electionId)).isEqualTo(2);

        ObjectNode badOverride = request("t-rules-bad-override");
        badOverride.putObject("ruleOverrides").set("minoritiesShare",
                JSON.readTree(MINORITIES_40.replace("0.4}", "40}")));
        ResponseEntity<JsonNode> refused = rest.postForEntity("/api/elections", json(badOverride.toString()),
                JsonNode.class);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(fields(refused.getBody())).containsExactly("ruleOverrides.minoritiesShare.threshold.minShare");
        assertThat(jdbc.sql("select count(*) from election where code = 't-rules-bad-override'").query(Long.class)
                .single()).isZero();
    }

    private long register(String code, JsonNode overrides) {
        ObjectNode request = request(code);
        if (overrides != null) {
            request.set("ruleOverrides", overrides);
        }
        ResponseEntity<JsonNode> started = rest.postForEntity("/api/elections", json(request.toString()),
                JsonNode.class);
        assertThat(started.getStatusCode()).as(String.valueOf(started.getBody())).isEqualTo(HttpStatus.CREATED);
        long electionId = started.getBody().get("electionId").asLong();
        JsonNode people = JSON.valueToTree(new HandbookElection().candidates());
        people.forEach(person -> ((ObjectNode) person).remove("status"));
        assertThat(rest.postForEntity("/api/elections/" + electionId + "/candidates", json(people.toString()),
                JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return electionId;
    }

    private static ObjectNode request(String code) {
        ObjectNode request = JSON.valueToTree(ElectionRequest.of(new HandbookElection().unit()));
        request.put("code", code);
        request.remove("ruleOverrides");
        return request;
    }

    private ResponseEntity<JsonNode> put(long electionId, String ruleId, String body) {
        return rest.exchange("/api/elections/" + electionId + "/rules/" + ruleId, HttpMethod.PUT, json(body),
                JsonNode.class);
    }

    private JsonNode get(long electionId) {
        ResponseEntity<JsonNode> rules = rest.getForEntity("/api/elections/" + electionId + "/rules", JsonNode.class);
        assertThat(rules.getStatusCode()).isEqualTo(HttpStatus.OK);
        return rules.getBody();
    }

    private long changes(long electionId) {
        return jdbc.sql("select count(*) from quota_rule_change where election_id = ?").param(electionId)
                .query(Long.class).single();
    }

    private static JsonNode rule(JsonNode rules, String id) {
        for (JsonNode rule : rules) {
            if (rule.path("id").asText().equals(id)) {
                return rule;
            }
        }
        throw new AssertionError("no rule " + id + " in " + rules);
    }

    private static HttpEntity<String> json(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    private static List<String> fields(JsonNode error) {
        List<String> fields = new java.util.ArrayList<>();
        error.path("problems").forEach(p -> fields.add(p.path("field").isNull() ? null : p.path("field").asText()));
        return fields;
    }
}
