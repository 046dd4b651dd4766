package org.delegateelection.nomination;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;

import javax.sql.DataSource;

import org.assertj.core.api.SoftAssertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.delegateelection.ProcessTest;
import org.delegateelection.api.Uploads;
import org.delegateelection.demo.DemoIdentity;
import org.delegateelection.demo.GeneratedTallies;
import org.delegateelection.process.DrivenElections;
import org.delegateelection.process.DrivenElections.Election;
import org.delegateelection.security.DatabaseDump;
import org.delegateelection.security.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The branch tallies over HTTP as the recommending units and the bodies use them: 东川市's 吴浩 uploads and corrects a
 * grassroots committee's tallies, every bad file is refused whole with its rows and leaves the database as it was, the
 * support is read by those entitled only, and the election reaches step 8 with the support shown in the forms; a
 * choice at step 7 departing from the support needs the reason, which is kept with the decision.
 */
@ProcessTest
class RecommendationApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER = GeneratedTallies.HEADER + "\n";

    @LocalServerPort
    private int port;
    @Autowired
    private ProcessEngine processEngine;
    @Autowired
    private DrivenElections elections;
    @Autowired
    private DataSource dataSource;
    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private TaskService taskService;
    @Autowired
    private RuntimeService runtimeService;

    private Http http;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(processEngine);
        http = new Http(port, false);
    }

    @AfterEach
    void tearDown() {
        BpmnAwareTests.reset();
    }

    @Test
    void aUnitUploadsACommitteeAndCorrectsItWithAReasonKeepingTheReplacedRows() throws Exception {
        Election election = elections.start("t-tallies-upload");
        List<String> nominees = nominees(election, "city01");
        String path = "/api/elections/" + election.id + "/recommendations?unit=city01";
        String file = HEADER + "东川市新区基层党委,新区第一党支部,20,20," + nominees.get(0) + ",,,,18\n"
                + "东川市新区基层党委,新区第一党支部,20,20,,孙立新,1980-02-03,,6\n"
                + "东川市新区基层党委,新区第二党支部,10,9,,,,,\n";

        HttpResponse<String> first = upload("wuhao", path, file);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        JsonNode stored = JSON.readTree(first.body());
        assertThat(stored.get("rows").asInt()).isEqualTo(3);
        assertThat(stored.get("branches").asInt()).isEqualTo(2);
        assertThat(stored.get("replaced")).isEmpty();
        JsonNode before = supportOf(election, nominees.get(0));

        HttpResponse<String> again = refused(400, () -> upload("wuhao", path, file.replace(",18\n", ",19\n")));
        assertThat(again.body()).contains("\"field\":\"reason\"", "东川市新区基层党委");

        HttpResponse<String> corrected = upload("wuhao", path + "&reason=" + encode("第一党支部得票数录入有误"),
                file.replace(",18\n", ",19\n"));
        assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(201);
        assertThat(JSON.readTree(corrected.body()).get("replaced").get(0).asText()).isEqualTo("东川市新区基层党委");
        long firstFile = stored.get("fileId").asLong();
        assertThat(jdbc.sql("select sum(votes) from recommendation_vote where file_id = ?").param(firstFile)
                .query(Long.class).single()).as("the replaced rows stay stored").isEqualTo(24);
        assertThat(jdbc.sql("select reason, uploaded_by from recommendation_file where id = ?")
                .param(JSON.readTree(corrected.body()).get("fileId").asLong())
                .query((rs, n) -> rs.getString(1) + "/" + rs.getString(2)).single())
                .isEqualTo("第一党支部得票数录入有误/wuhao");

        JsonNode support = JSON.readTree(http.send("GET", "/api/elections/" + election.id
                + "/recommendations/support?unit=city01", "wuhao", DemoIdentity.PASSWORD, null, null).body());
        JsonNode committee = StreamSupport.stream(support.get("committees").spliterator(), false)
                .filter(c -> c.get("committee").asText().equals("东川市新区基层党委")).findFirst().orElseThrow();
        assertThat(committee.get("branches").asLong()).isEqualTo(2);
        assertThat(committee.get("branchesTakingPart").asLong()).isEqualTo(2);
        assertThat(committee.get("takingPart").asLong()).isEqualTo(29);
        JsonNode participation = support.get("participation");
        double rate = participation.get("membersParticipating").asDouble() / participation.get("membersTotal")
                .asDouble();
        assertThat(rate).as("the generated tallies' participation").isBetween(0.99, 1.0);
        Set<String> top = new HashSet<>();
        support.get("people").forEach(p -> {
            if (p.get("rank").asInt() <= nominees.size()) {
                top.add(p.get("candidateId").asText());
            }
        });
        assertThat(top).as("the planned nominees lead the unit's ranking").containsExactlyInAnyOrderElementsOf(nominees);
        assertThat(support.get("people").findValuesAsText("name")).contains("孙立新");
        JsonNode after = supportOf(election, nominees.get(0));
        assertThat(after.get("votes").asLong()).as("the corrected 19 votes count, the replaced 18 no longer")
                .isEqualTo(before.get("votes").asLong() + 1);
        assertThat(after.get("branches").asLong()).isEqualTo(before.get("branches").asLong());
        JsonNode unregistered = StreamSupport.stream(support.get("people").spliterator(), false)
                .filter(p -> p.get("name").asText().equals("孙立新")).findFirst().orElseThrow();
        assertThat(unregistered.get("votes").asLong()).as("counted once, from the file in force").isEqualTo(6);
    }

    /** The unit city01's support of the person, as the unit reads it. */
    private JsonNode supportOf(Election election, String candidateId) throws Exception {
        JsonNode support = JSON.readTree(http.send("GET", "/api/elections/" + election.id
                + "/recommendations/support?unit=city01", "wuhao", DemoIdentity.PASSWORD, null, null).body());
        return StreamSupport.stream(support.get("people").spliterator(), false)
                .filter(p -> candidateId.equals(p.path("candidateId").asText(null))).findFirst().orElseThrow();
    }

    @Test
    void everyBadFileIsRefusedWithItsRowsAndNothingIsStored() throws Exception {
        Election election = elections.start("t-tallies-bad");
        String own = nominees(election, "city01").get(0);
        String other = nominees(election, "city02").get(0);
        String path = "/api/elections/" + election.id + "/recommendations?unit=city01";
        Map<String, String> bad = Map.of(
                "参加推荐党员数 21 多于党员数 20", "甲党委,一支部,20,21," + own + ",,,,5\n",
                "得票数 21 多于参加推荐党员数 20", "甲党委,一支部,20,20," + own + ",,,,21\n",
                "一个党支部只能属于一个基层党委", "甲党委,一支部,20,20," + own + ",,,,5\n乙党委,一支部,20,20,,,,,\n",
                "同一党支部只能列一次", "甲党委,一支部,20,20," + own + ",,,,5\n甲党委,一支部,20,20," + own + ",,,,4\n",
                "不是本推荐单位的人选", "甲党委,一支部,20,20," + other + ",,,,5\n",
                "属于推荐单位 city02", "西岭市第1基层党委,一支部,20,20," + own + ",,,,5\n");
        SoftAssertions softly = new SoftAssertions();
        bad.forEach((reason, rows) -> {
            HttpResponse<String> answer = refused(400, () -> upload("wuhao", path, HEADER + rows));
            softly.assertThat(answer.body()).as(reason).contains(reason).contains("\"row\":");
        });
        softly.assertAll();
        refused(403, () -> upload("xulei", path, HEADER + "甲党委,一支部,20,20," + own + ",,,,5\n"));
        assertThat(refused(400, () -> upload("wuhao", path + "&round=2", HEADER + "甲党委,一支部,20,20,,,,,\n"))
                .body()).contains("\"field\":\"round\"");
        HttpResponse<String> xlsx = refused(400, () -> http.sendBytes("POST", path, "wuhao", DemoIdentity.PASSWORD,
                "not a workbook".getBytes(StandardCharsets.UTF_8), Uploads.XLSX));
        assertThat(xlsx.body()).contains(".xlsx");
        long stored = jdbc.sql("select count(*) from recommendation_file where election_id = ?").param(election.id)
                .query(Long.class).single();
        refused(413, () -> upload("wuhao", path, HEADER + "甲党委,一支部,20,20," + own + ",,,,5\n甲党委,"
                + "长".repeat(7 * 1024 * 1024)));
        assertThat(jdbc.sql("select count(*) from recommendation_file where election_id = ?").param(election.id)
                .query(Long.class).single()).as("a file over the limit, refused while read, stores nothing")
                .isEqualTo(stored);
    }

    @Test
    void theSupportIsReadByTheUnitForItselfTheStandingCommitteeAndTheOrganizationDepartment() {
        Election election = elections.start("t-tallies-read");
        String support = "/api/elections/" + election.id + "/recommendations/support";
        assertThat(get(support + "?unit=city01", "wuhao").statusCode()).isEqualTo(200);
        assertThat(get(support + "?unit=city02", "wuhao").statusCode()).isEqualTo(403);
        assertThat(get(support, "wuhao").statusCode()).isEqualTo(403);
        HttpResponse<String> whole = get(support, "wangjun");
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).contains("\"unitCode\":\"city01\"", "\"unitCode\":\"affiliated\"");
        HttpResponse<String> unregistered = get("/api/elections/" + election.id + "/recommendations/unregistered",
                "zhangwei");
        assertThat(unregistered.body()).contains("东新民", "\"candidateId\":null");
        assertThat(get("/api/elections/" + election.id + "/recommendations/unregistered", "wuhao").statusCode())
                .isEqualTo(403);
        HttpResponse<byte[]> xlsx = http.download("GET", "/api/elections/" + election.id
                + "/documents/support.xlsx?unit=city01", "wuhao", DemoIdentity.PASSWORD, null, null);
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment");
    }

    @Test
    void stepsSixToEightShowTheSupportAndADepartureFromItNeedsTheReasonKeptWithTheDecision() throws Exception {
        Election election = elections.start("t-tallies-steps").advanceTo("grassrootsSelection");
        Task step6 = openUnitTask(election, "grassrootsSelection");
        assertThat(taskService.getVariableLocal(step6.getId(), "supportText").toString()).contains("参加推荐");
        assertThat(taskService.getVariableLocal(step6.getId(), "committeeTable").toString()).contains("第1基层党委");

        election.advanceTo("recommendingUnitDecision");
        Task step7 = openUnitTask(election, "recommendingUnitDecision");
        String unit = (String) taskService.getVariable(step7.getId(), "unitCode");
        List<String> nominees = nominees(election, unit);
        JsonNode table = JSON.readTree(taskService.getVariableLocal(step7.getId(), "supportTable").toString());
        assertThat(table.get(0).get("rank").asInt()).isEqualTo(1);
        assertThat(nominees).contains(table.get(0).get("id").asText());
        String leftOut = StreamSupport.stream(table.spliterator(), false).map(row -> row.get("id").asText())
                .filter(id -> id.startsWith("HB-") && !nominees.contains(id)).findFirst().orElseThrow();
        List<String> departing = new ArrayList<>(nominees.subList(1, nominees.size()));
        departing.add(leftOut);
        String chosen = JSON.writeValueAsString(departing);
        String complete = "/engine-rest/task/" + step7.getId() + "/complete";
        String selection = "{\"variables\": {\"selectedCandidateIds\": {\"value\": "
                + JSON.writeValueAsString(chosen) + ", \"type\": \"Json\"}}}";
        String user = userOf(unit);
        HttpResponse<String> withoutReason = refused(400, () -> http.json("POST", complete, user,
                DemoIdentity.PASSWORD, selection));
        assertThat(withoutReason.body()).contains("supportReason", "集体研究的理由");

        HttpResponse<String> withReason = http.json("POST", complete, user, DemoIdentity.PASSWORD,
                "{\"variables\": {\"selectedCandidateIds\": {\"value\": " + JSON.writeValueAsString(chosen)
                        + ", \"type\": \"Json\"}, \"supportReason\": {\"value\": \"经党委集体研究，统筹结构需要\"}}}");
        assertThat(withReason.statusCode()).as(withReason.body()).isEqualTo(204);
        assertThat(jdbc.sql("select reason from list_decision where election_id = ? and list_name = 'nominees' "
                        + "and unit_code = ? order by id desc").params(election.id, unit).query(String.class).list())
                .first().isEqualTo("经党委集体研究，统筹结构需要");

        election.advanceTo("proposeInspectionList");
        Object shown = election.shownAt("proposeInspectionList", "supportTable");
        assertThat(shown.toString()).contains("东川市", "西岭市");
        assertThat(election.shownAt("proposeInspectionList", "documentLinks").toString()).contains("support.xlsx");
    }

    private List<String> nominees(Election election, String unit) {
        return election.plan.nominations().stream().filter(n -> n.unitCode().equals(unit)).findFirst()
                .orElseThrow().nomineeIds();
    }

    /** The first open task {@code key} of a recommending unit of the election. */
    private Task openUnitTask(Election election, String key) {
        return runtimeService.createProcessInstanceQuery().superProcessInstanceId(election.instance.getId()).list()
                .stream().map(instance -> taskService.createTaskQuery().processInstanceId(instance.getId())
                        .taskDefinitionKey(key).singleResult()).filter(Objects::nonNull).findFirst()
                .orElseThrow();
    }

    /** The demo user of a recommending unit's group. */
    private static String userOf(String unit) {
        return DemoIdentity.USERS.stream().filter(u -> u.groupId().equals("ru-" + unit)).findFirst().orElseThrow()
                .id();
    }

    private HttpResponse<String> upload(String user, String path, String csv) {
        return http.send("POST", path, user, DemoIdentity.PASSWORD, csv, Uploads.CSV);
    }

    private HttpResponse<String> get(String path, String user) {
        return http.send("GET", path, user, DemoIdentity.PASSWORD, null, null);
    }

    /** The request answered with {@code status}, the database left as it was. */
    private HttpResponse<String> refused(int status, Supplier<HttpResponse<String>> request) {
        String before = DatabaseDump.of(dataSource);
        HttpResponse<String> response = request.get();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(DatabaseDump.difference(before, DatabaseDump.of(dataSource))).isEmpty();
        return response;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
