package org.delegateelection.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.delegateelection.ProcessTest;
import org.delegateelection.api.Uploads;
import org.delegateelection.demo.DemoIdentity;
import org.delegateelection.demo.GeneratedTallies;
import org.delegateelection.demo.HandbookElection;
import org.delegateelection.process.DrivenElections.Election;
import org.delegateelection.security.DatabaseDump;
import org.delegateelection.security.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * 三上三下: an election whose implementation plan (step 2) sets three consultation rounds. Every recommending unit
 * recommends three times; after rounds 1 and 2 the list it decided goes back down in the order of the round's
 * support, round 2 and 3 recommend from it, and the election reaches step 8 with every round's tallies and lists kept
 * and shown. Over HTTP, a round-2 tally naming someone not on the list is refused with its row and reason, and nothing
 * is stored.
 */
@ProcessTest
class ConsultationRoundsProcessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNIT = "city01";
    private static final String UNIT_USER = "wuhao";

    @LocalServerPort
    private int port;
    @Autowired
    private DrivenElections elections;
    @Autowired
    private TaskService taskService;
    @Autowired
    private HistoryService historyService;
    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private DataSource dataSource;

    private Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port, false);
    }

    @Test
    void aThreeRoundElectionSendsEachUnitsListDownTwiceAndReachesStep8() throws Exception {
        Election election = threeRounds("t-rounds-three");

        election.advanceTo("proposeInspectionList");

        int units = DrivenElections.UNIT.recommendingUnits().size();
        assertThat(jdbc.sql("select round, count(distinct unit_code) from consultation_list where election_id = ? "
                        + "group by round order by round").param(election.id)
                .query((rs, n) -> rs.getInt(1) + ":" + rs.getInt(2)).list())
                .as("each unit's list went down after rounds 1 and 2, none after the last")
                .containsExactly("1:" + units, "2:" + units);
        assertThat(jdbc.sql("select count(distinct round) from recommendation_file where election_id = ? "
                + "and unit_code = ?").params(election.id, UNIT).query(Integer.class).single())
                .as("each round's tallies are kept").isEqualTo(3);
        List<HistoricProcessInstance> unitInstances = historyService.createHistoricProcessInstanceQuery()
                .superProcessInstanceId(election.instance.getId()).list();
        assertThat(unitInstances).hasSize(units);
        assertThat(historyService.createHistoricActivityInstanceQuery()
                .processInstanceId(unitInstances.get(0).getId()).activityId("branchRecommendation").count())
                .isEqualTo(3);

        List<String> nominees = nominees(election);
        JsonNode round1 = support(election, 1);
        assertThat(round1.get("rounds").asInt()).isEqualTo(3);
        List<String> issued = ids(round1.get("listIssued"));
        assertThat(issued).as("the unit's decision goes down").containsExactlyInAnyOrderElementsOf(nominees);
        assertThat(issued).as("in the order of the round's support")
                .isEqualTo(ids(round1.get("people")).stream().filter(nominees::contains).toList());
        assertThat(round1.get("listIssued").findValuesAsText("position"))
                .containsExactly(java.util.stream.IntStream.rangeClosed(1, nominees.size()).mapToObj(String::valueOf)
                        .toArray(String[]::new));
        assertThat(ids(round1.get("people"))).as("round 1: anyone of the unit").hasSizeGreaterThan(nominees.size());
        for (int round = 2; round <= 3; round++) {
            JsonNode later = support(election, round);
            assertThat(ids(later.get("people"))).as("round %d recommends from the list", round)
                    .isSubsetOf(nominees).isNotEmpty();
            assertThat(later.get("participation").get("membersParticipating").asInt()).isPositive();
        }
        assertThat(ids(support(election, 2).get("listIssued"))).containsExactlyInAnyOrderElementsOf(nominees);
        assertThat(support(election, 3).get("listIssued")).as("the last round's list goes up, not down").isEmpty();

        String supportText = election.shownAt("proposeInspectionList", "supportText").toString();
        assertThat(supportText).startsWith("第 3 轮（共 3 轮）：");
        String roundsText = election.shownAt("proposeInspectionList", "roundsText").toString();
        int listed = jdbc.sql("select count(*) from consultation_list where election_id = ? and round = 1")
                .param(election.id).query(Integer.class).single();
        assertThat(roundsText).contains("**第 1 轮**", "**第 2 轮**", "下发推荐人选名单 " + listed + " 名")
                .doesNotContain("**第 3 轮**");
    }

    @Test
    void aRoundTwoTallyNamingSomeoneNotOnTheListIsRefusedWithItsRowAndNothingIsStored() throws Exception {
        Election election = threeRounds("t-rounds-refused");
        election.advanceTo("branchRecommendation");
        List<String> nominees = nominees(election);
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        completeUnitTask(election, "branchRecommendation", Map.of());
        completeUnitTask(election, "grassrootsSelection", Map.of("completedOn", today, "note", "已遴选上报"));
        completeUnitTask(election, "recommendingUnitDecision",
                Map.of("selectedCandidateIds", DrivenElections.idList(nominees)));

        Task round2 = unitTask(election, "branchRecommendation");
        assertThat(((Number) taskService.getVariable(round2.getId(), "consultationRound")).intValue()).isEqualTo(2);
        assertThat(taskService.getVariableLocal(round2.getId(), "roundsText").toString())
                .contains("**第 1 轮**", "下发推荐人选名单 " + nominees.size() + " 名");
        String notListed = new HandbookElection().candidates().stream()
                .filter(c -> UNIT.equals(c.recommendingUnit()) && !nominees.contains(c.id())).findFirst()
                .orElseThrow().id();
        String path = "/api/elections/" + election.id + "/recommendations?unit=" + UNIT;
        String header = GeneratedTallies.HEADER + "\n";
        String listedRow = "东川市新区基层党委,新区第一党支部,20,20," + nominees.get(0) + ",,,,18\n";

        HttpResponse<String> notOnList = refused(() -> upload(path + "&round=2",
                header + listedRow + "东川市新区基层党委,新区第一党支部,20,20," + notListed + ",,,,6\n"));
        assertThat(notOnList.body()).contains("\"row\":3", "\"field\":\"人选编号\"", notListed,
                "不在第 1 轮下发的推荐人选名单中，第 2 轮只能推荐名单中的人选");
        HttpResponse<String> byName = refused(() -> upload(path + "&round=2",
                header + listedRow + "东川市新区基层党委,新区第二党支部,10,9,,孙立新,1980-02-03,,6\n"));
        assertThat(byName.body()).contains("\"row\":3", "“孙立新”不在第 1 轮下发的推荐人选名单中");
        assertThat(refused(() -> upload(path + "&round=1", header + listedRow)).body())
                .contains("\"field\":\"round\"", "第 1 轮征求意见已结束");
        assertThat(refused(() -> upload(path + "&round=3", header + listedRow)).body())
                .contains("\"field\":\"round\"", "第 2 轮的推荐人选名单尚未下发");
        HttpResponse<String> noSuchRound = http.send("GET", "/api/elections/" + election.id
                + "/recommendations/support?unit=" + UNIT + "&round=4", UNIT_USER, DemoIdentity.PASSWORD, null, null);
        assertThat(noSuchRound.statusCode()).isEqualTo(400);
        assertThat(noSuchRound.body()).contains("\"field\":\"round\"", "共 3 轮");

        HttpResponse<String> accepted = upload(path, header + listedRow);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
        assertThat(JSON.readTree(accepted.body()).get("round").asInt()).as("without round: the round under way")
                .isEqualTo(2);
    }

    /** The handbook election as {@code code}, its implementation plan (step 2) setting three consultation rounds. */
    private Election threeRounds(String code) {
        Election election = elections.start(code).advanceTo("draftImplementationPlan");
        election.complete("draftImplementationPlan", Map.of("consultationRounds", 3));
        return election;
    }

    private List<String> nominees(Election election) {
        return election.plan.nominations().stream().filter(n -> n.unitCode().equals(UNIT)).findFirst().orElseThrow()
                .nomineeIds();
    }

    private JsonNode support(Election election, int round) throws Exception {
        HttpResponse<String> response = http.send("GET", "/api/elections/" + election.id
                + "/recommendations/support?unit=" + UNIT + "&round=" + round, UNIT_USER, DemoIdentity.PASSWORD, null,
                null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<String> ids(JsonNode people) {
        List<String> ids = new ArrayList<>();
        people.forEach(p -> ids.add(p.get("candidateId").asText()));
        return ids;
    }

    private Task unitTask(Election election, String key) {
        return taskService.createTaskQuery().processInstanceBusinessKey(election.code).taskDefinitionKey(key)
                .taskCandidateGroup("ru-" + UNIT).singleResult();
    }

    private void completeUnitTask(Election election, String key, Map<String, Object> values) {
        taskService.complete(unitTask(election, key).getId(), values);
    }

    private HttpResponse<String> upload(String path, String csv) {
        return http.send("POST", path, UNIT_USER, DemoIdentity.PASSWORD, csv, Uploads.CSV);
    }

    /** The request answered 400, the database left as it was. */
    private HttpResponse<String> refused(Supplier<HttpResponse<String>> request) {
        String before = DatabaseDump.of(dataSource);
        HttpResponse<String> response = request.get();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(DatabaseDump.difference(before, DatabaseDump.of(dataSource))).isEmpty();
        return response;
    }
}
