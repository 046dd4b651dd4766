package org.delegateelection.vote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.delegateelection.AuditHistoryProcessTest;
import org.delegateelection.EngineClock;
import org.delegateelection.candidate.CandidateController;
import org.delegateelection.candidate.CandidateList;
import org.delegateelection.demo.GeneratedBallots;
import org.delegateelection.process.DrivenElections;
import org.delegateelection.process.DrivenElections.Election;
import org.delegateelection.security.DatabaseDump;
import org.delegateelection.system.InputValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The congress of the handbook election counted box by box over HTTP (step 23): three boxes, each entered by two
 * counting teams of the secretariat, one ballot read differently; the round is held until the chief scrutineer
 * settles the difference, then counts to the same result as the same ballots entered as one batch. Bad box entries
 * and settlements are refused naming the box and change nothing. The plenary vote of step 20 the same way.
 */
@AuditHistoryProcessTest
class BallotBoxApiTest {

    @RegisterExtension
    static final EngineClock CLOCK = EngineClock.at(LocalDateTime.of(2022, 6, 6, 9, 0));

    @Autowired
    private ProcessEngine processEngine;
    @Autowired
    private DrivenElections elections;
    @Autowired
    private BallotRounds ballotRounds;
    @Autowired
    private TestRestTemplate anonymous;
    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private DataSource dataSource;

    private TestRestTemplate http;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(processEngine);
        http = anonymous.withBasicAuth("huangli", "demo");
    }

    @AfterEach
    void tearDown() {
        BpmnAwareTests.reset();
    }

    @Test
    void boxesOfTwoTeamsWithADifferenceAreHeldUntilSettledThenCountAsTheSameBallotsInOneBatch() {
        Election single = elections.start("t-box-single").advancePastNoticeTo("ballotAndCount");
        Election boxed = elections.start("t-box-boxed").advancePastNoticeTo("ballotAndCount");
        var tally = single.plan.tally();
        List<List<String>> rows = GeneratedBallots.rows(ballotRounds.nextBallot(single.id, Vote.CONGRESS),
                tally.approvals(), tally.ballotsReturned() - tally.invalidBallots(), tally.invalidBallots());
        assertThat(GeneratedBallots.rows(ballotRounds.nextBallot(boxed.id, Vote.CONGRESS), tally.approvals(),
                tally.ballotsReturned() - tally.invalidBallots(), tally.invalidBallots())).isEqualTo(rows);

        ResponseEntity<JsonNode> batch = http.postForEntity("/api/elections/" + single.id + "/ballots",
                new HttpEntity<>(csv(rows), headers(CandidateController.CSV)), JsonNode.class);
        assertThat(complete(single, Map.of("ballotBatchId", batch.getBody().path("batchId").asText()), 782)
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        // three boxes of 260 ballots (the 4 invalid ones in the last), 261, 261 and 260 issued
        List<List<String>> box1 = box(rows, 1, 261);
        List<List<String>> box2 = box(rows, 261, 521);
        List<List<String>> box3 = box(rows, 521, 781);
        assertThat(enter(boxed, 1, 1, 261, box1).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(upload(boxed, 2, "team=1&issued=261", GeneratedBallots.xlsx(box2)).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        ResponseEntity<JsonNode> opened3 = enter(boxed, 3, 1, 260, box3);
        assertThat(opened3.getBody().path("stateText").asText()).isEqualTo("一组已录入");
        assertThat(enter(boxed, 1, 2, null, box1).getBody().path("state").asText()).isEqualTo("AGREED");
        // team 2 reads the 5th ballot of box 2 differently for one candidate
        List<List<String>> misread = copy(box2);
        String candidate = misread.get(0).get(7);
        String read = misread.get(5).get(7);
        String planted = read.equals("弃权") ? "反对" : "弃权";
        misread.get(5).set(7, planted);
        ResponseEntity<JsonNode> differing = enter(boxed, 2, 2, 261, misread);
        // team 2's file of box 3 has its columns in another order than the printed ballot: read by header
        ResponseEntity<JsonNode> agreed3 = enter(boxed, 3, 2, null, reversedColumns(box3));

        assertThat(differing.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(differing.getBody().path("stateText").asText()).isEqualTo("有差异待裁定");
        assertThat(agreed3.getBody().path("stateText").asText()).isEqualTo("两组一致");
        JsonNode boxes = http.getForEntity("/api/elections/" + boxed.id + "/ballots/boxes", JsonNode.class).getBody();
        assertThat(boxes.path("round").asInt()).isEqualTo(1);
        assertThat(boxes.path("boxes")).hasSize(3);
        JsonNode difference = boxes.path("boxes").get(1).path("differences");
        assertThat(difference).hasSize(1);
        assertThat(difference.get(0).path("row").asInt()).isEqualTo(5);
        assertThat(difference.get(0).path("cells")).isEqualTo(json(List.of(Map.of(
                "candidate", candidate, "first", read, "second", planted))));
        assertThat(String.valueOf(boxed.shownAt("ballotAndCount", "ballotBoxesText")))
                .contains("| 2 | 261 | 260 | 260 | 有差异待裁定 | 第 5 张：" + candidate + " " + read + "／" + planted)
                .contains("| 3 | 260 | 260 | 260 | 两组一致 |");

        ResponseEntity<String> held = complete(boxed, Map.of(), 782);

        assertThat(held.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(held.getBody()).contains("第 2 号票箱有 1 处差异待总监票人裁定（第 5 张）");
        assertThat(boxed.instance).isWaitingAt("ballotAndCount");

        String before = DatabaseDump.of(dataSource);
        ResponseEntity<JsonNode> noReason = settle(boxed, 2, Map.of("row", 5, "team", 1, "reason", " "));
        assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noReason.getBody().path("problems").get(0).path("field").asText()).isEqualTo("reason");
        assertThat(DatabaseDump.of(dataSource)).isEqualTo(before);

        ResponseEntity<JsonNode> settled = settle(boxed, 2, Map.of("row", 5, "team", 1,
                "reason", "核对原票，第一计票组读法正确"));
        assertThat(settled.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(settled.getBody().path("stateText").asText()).isEqualTo("已裁定");
        assertThat(settled.getBody().path("differences").get(0).path("settledBy").asText()).isEqualTo("huangli");
        assertThat(String.valueOf(boxed.shownAt("ballotAndCount", "ballotBoxesText")))
                .contains("已裁定").contains("采纳第1组：核对原票，第一计票组读法正确");

        assertThat(complete(boxed, Map.of(), 782).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        assertThat(boxed.instance).isWaitingAt("reportResults");
        assertThat(boxed.ids(CandidateList.ELECTED)).containsExactlyInAnyOrderElementsOf(
                single.ids(CandidateList.ELECTED)).containsExactlyInAnyOrderElementsOf(single.plan.electedList());
        JsonNode one = rounds(single).get(0);
        JsonNode byBox = rounds(boxed).get(0);
        assertThat(byBox.path("marks")).isEqualTo(one.path("marks"));
        assertThat(byBox.path("outcome")).isEqualTo(one.path("outcome"));
        for (String field : List.of("electorsDueToAttend", "electorsPresent", "ballotsIssued", "ballotsReturned",
                "invalidBallots", "approvals")) {
            assertThat(byBox.path("tally").path(field)).as(field).isEqualTo(one.path("tally").path(field));
        }
        assertThat(byBox.path("tally").path("boxes")).isEqualTo(json(List.of(
                Map.of("box", 1, "ballotsIssued", 261, "ballotsReturned", 260),
                Map.of("box", 2, "ballotsIssued", 261, "ballotsReturned", 260),
                Map.of("box", 3, "ballotsIssued", 260, "ballotsReturned", 260))));
        assertThat(one.path("tally").has("boxes")).isFalse();

        // the ballots held for the comparison are gone; the difference and its settlement stay as the record
        assertThat(count("ballot_box_reading", boxed.id)).isZero();
        assertThat(jdbc.sql("select box, row_in_box, accepted_team, reason from ballot_box_difference "
                + "where election_id = ?").param(boxed.id).query().listOfRows()).hasSize(1).first()
                .satisfies(row -> assertThat(row.values()).containsExactly(2, 5, 1, "核对原票，第一计票组读法正确"));
        assertThat(jdbc.sql("select count(*) from ballot_box where election_id = ? and batch_id is not null")
                .param(boxed.id).query(Integer.class).single()).isEqualTo(3);

        // a counted box changed behind the application's back breaks the round's record in the integrity chain
        TestRestTemplate discipline = anonymous.withBasicAuth("zhaoqiang", "demo");
        String integrity = "/api/elections/" + boxed.id + "/integrity";
        assertThat(discipline.getForEntity(integrity, JsonNode.class).getBody().path("intact").asBoolean()).isTrue();
        jdbc.sql("update ballot_box set ballots_issued = 300 where election_id = ? and box = 1").param(boxed.id)
                .update();
        JsonNode broken = discipline.getForEntity(integrity, JsonNode.class).getBody();
        assertThat(broken.path("intact").asBoolean()).isFalse();
        assertThat(broken.path("firstBroken").path("reference").asText()).isEqualTo("CONGRESS:1");
    }

    @Test
    void badBoxEntriesAndSettlementsAreRefusedNamingTheBoxAndStoreNothing() {
        Election election = elections.start("t-box-bad").advancePastNoticeTo("ballotAndCount");
        List<List<String>> rows = GeneratedBallots.rows(ballotRounds.nextBallot(election.id, Vote.CONGRESS), Map.of(),
                20, 0);
        String empty = DatabaseDump.of(dataSource);

        ResponseEntity<JsonNode> unopened = enter(election, 1, 2, null, rows);
        ResponseEntity<JsonNode> noIssued = enter(election, 1, 1, null, rows);
        ResponseEntity<JsonNode> noTeam = post(election, 1, "issued=20", rows);
        ResponseEntity<JsonNode> thirdTeam = post(election, 1, "team=3&issued=20", rows);
        List<List<String>> bad = copy(rows);
        bad.get(4).set(2, "同意");
        ResponseEntity<JsonNode> badFile = enter(election, 1, 1, 20, bad);

        assertThat(unopened.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(unopened.getBody().path("message").asText()).contains("第 1 号票箱尚未由第一计票组录入");
        assertThat(noIssued.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noIssued.getBody().path("problems").get(0).path("field").asText()).isEqualTo("issued");
        assertThat(noTeam.getBody().path("problems").get(0).path("field").asText()).isEqualTo("team");
        assertThat(thirdTeam.getBody().path("problems").get(0).path("field").asText()).isEqualTo("team");
        assertThat(badFile.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badFile.getBody().path("message").asText()).isEqualTo("第 1 号票箱的选票文件有误，未保存任何选票");
        assertThat(badFile.getBody().path("problems").get(0)).isEqualTo(json(Map.of(
                "row", 5, "field", rows.get(0).get(2), "reason", "“同意”不是 赞成（○）、反对（×）或 弃权")));
        assertThat(DatabaseDump.of(dataSource)).isEqualTo(empty);

        assertThat(enter(election, 1, 1, 20, rows).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String opened = DatabaseDump.of(dataSource);
        ResponseEntity<JsonNode> twice = enter(election, 1, 1, 20, rows);
        ResponseEntity<JsonNode> otherRound = post(election, 1, "team=2&round=2", rows);
        ResponseEntity<JsonNode> otherIssued = enter(election, 1, 2, 19, rows);
        ResponseEntity<JsonNode> nothingToSettle = settle(election, 1, Map.of("row", 3, "team", 1, "reason", "核对"));

        assertThat(twice.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(twice.getBody().path("message").asText()).contains("第 1 号票箱已由第一计票组录入，不能重复录入");
        assertThat(otherRound.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(otherRound.getBody().path("message").asText())
                .isEqualTo("第 1 号票箱标为第 2 轮，现在录入的是第 1 轮的选票；本次录入未保存");
        assertThat(otherIssued.getBody().path("problems").get(0).path("reason").asText())
                .isEqualTo("第 1 号票箱开箱时登记发出 20 张，与本次填写的 19 张不同");
        assertThat(nothingToSettle.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(nothingToSettle.getBody().path("problems").get(0).path("field").asText()).isEqualTo("row");
        assertThat(settle(election, 9, Map.of("row", 1, "team", 1, "reason", "核对")).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(DatabaseDump.of(dataSource)).isEqualTo(opened);

        List<List<String>> misread = copy(rows);
        misread.get(3).set(0, misread.get(3).get(0).equals("弃权") ? "反对" : "弃权");
        assertThat(enter(election, 1, 2, 20, misread).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String compared = DatabaseDump.of(dataSource);
        ResponseEntity<JsonNode> secondTwice = enter(election, 1, 2, null, misread);
        ResponseEntity<JsonNode> withoutReason = settle(election, 1, Map.of("row", 3, "team", 2));
        ResponseEntity<JsonNode> noSuchTeam = settle(election, 1, Map.of("row", 3, "team", 3, "reason", "核对"));

        assertThat(secondTwice.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(secondTwice.getBody().path("message").asText()).contains("第 1 号票箱已由第二计票组录入，不能重复录入");
        assertThat(withoutReason.getBody().path("problems").get(0).path("field").asText()).isEqualTo("reason");
        assertThat(noSuchTeam.getBody().path("problems").get(0).path("field").asText()).isEqualTo("team");
        assertThat(DatabaseDump.of(dataSource)).isEqualTo(compared);

        assertThat(settle(election, 1, Map.of("row", 3, "team", 2, "reason", "原票划的是第二组所录")).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        String settled = DatabaseDump.of(dataSource);
        ResponseEntity<JsonNode> again = settle(election, 1, Map.of("row", 3, "team", 1, "reason", "改判"));
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody().path("message").asText()).contains("第 1 号票箱第 3 张已由 huangli 裁定");
        assertThat(DatabaseDump.of(dataSource)).isEqualTo(settled);
    }

    @Test
    void aBoxReturningMoreBallotsThanItIssuedVoidsTheRound() {
        Election election = elections.start("t-box-void").advancePastNoticeTo("ballotAndCount");
        var tally = election.plan.tally();
        List<List<String>> rows = GeneratedBallots.rows(ballotRounds.nextBallot(election.id, Vote.CONGRESS),
                tally.approvals(), tally.ballotsReturned() - tally.invalidBallots(), tally.invalidBallots());
        // 782 issued and 780 returned in all, but box 1 holds one ballot more than it was given
        List<List<String>> box1 = box(rows, 1, 401);
        List<List<String>> box2 = box(rows, 401, 781);
        for (int team = 1; team <= 2; team++) {
            assertThat(enter(election, 1, team, team == 1 ? 399 : null, box1).getStatusCode())
                    .isEqualTo(HttpStatus.CREATED);
            assertThat(enter(election, 2, team, team == 1 ? 383 : null, box2).getStatusCode())
                    .isEqualTo(HttpStatus.CREATED);
        }

        assertThat(complete(election, Map.of(), 781).getBody()).contains("与各票箱登记的发出票数之和 782 张不同");
        assertThat(complete(election, Map.of(), 782).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        JsonNode round = rounds(election).get(0);
        assertThat(round.path("outcome").path("kind").asText()).isEqualTo("VOID");
        assertThat(round.path("outcome").path("explanation").asText())
                .contains("第 1 号票箱发出 399 张，收回 400 张，收回票数多于发出票数，本轮选举无效");
        assertThat(election.ids(CandidateList.ELECTED)).isEmpty();
    }

    @Test
    void theCommitteesBallotBoxesDetermineTheProspectiveCandidatesAtStep20() {
        Election election = elections.start("t-box-plenary").advancePastNoticeTo("plenaryVote");
        var tally = election.plan.plenaryTally();
        List<List<String>> rows = GeneratedBallots.rows(ballotRounds.nextBallot(election.id, Vote.PLENARY),
                tally.approvals(), tally.ballotsReturned() - tally.invalidBallots(), tally.invalidBallots());
        TestRestTemplate committee = anonymous.withBasicAuth("lixiuying", "demo");
        String entry = "/api/elections/" + election.id + "/plenary-ballots/boxes/1?team=";

        ResponseEntity<JsonNode> byTheSecretariat = http.postForEntity(entry + "1&issued=72",
                new HttpEntity<>(csv(rows), headers(CandidateController.CSV)), JsonNode.class);
        for (String team : List.of("1&issued=72", "2")) {
            assertThat(committee.postForEntity(entry + team, new HttpEntity<>(csv(rows),
                    headers(CandidateController.CSV)), JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        }
        JsonNode boxes = committee.getForEntity("/api/elections/" + election.id + "/plenary-ballots/boxes",
                JsonNode.class).getBody();

        assertThat(byTheSecretariat.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(boxes.path("boxes").get(0).path("stateText").asText()).isEqualTo("两组一致");
        assertThat(complete(committee, election, Map.of(), 76, 72, 72).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(election.instance).isWaitingAt("centralReview");
        assertThat(election.ids(CandidateList.PROSPECTIVE))
                .containsExactlyInAnyOrderElementsOf(election.plan.prospectiveList());
        assertThat(committee.getForEntity("/api/elections/" + election.id + "/plenary-rounds", JsonNode.class)
                .getBody().get(0).path("tally").path("boxes").get(0).path("ballotsReturned").asInt()).isEqualTo(72);
    }

    /** The header and the ballot rows {@code from} (inclusive) to {@code to} (exclusive). */
    private static List<List<String>> box(List<List<String>> rows, int from, int to) {
        List<List<String>> box = new ArrayList<>();
        box.add(rows.get(0));
        box.addAll(rows.subList(from, to));
        return copy(box);
    }

    private static List<List<String>> copy(List<List<String>> rows) {
        return new ArrayList<>(rows.stream().map(row -> (List<String>) new ArrayList<>(row)).toList());
    }

    private static List<List<String>> reversedColumns(List<List<String>> rows) {
        List<List<String>> reversed = copy(rows);
        reversed.forEach(Collections::reverse);
        return reversed;
    }

    private static JsonNode json(Object value) {
        try {
            return new ObjectMapper().readTree(InputValues.toJson(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private JsonNode rounds(Election election) {
        return http.getForEntity("/api/elections/" + election.id + "/ballot-rounds", JsonNode.class).getBody();
    }

    private int count(String table, long electionId) {
        return jdbc.sql("select count(*) from " + table + " where election_id = ?").param(electionId)
                .query(Integer.class).single();
    }

    /** Completes step 23 over the engine's REST API: 800 due, 782 present, the given ballots issued. */
    private ResponseEntity<String> complete(Election election, Map<String, String> ballots, int issued) {
        return complete(http, election, ballots, 800, 782, issued);
    }

    private static ResponseEntity<String> complete(TestRestTemplate client, Election election,
            Map<String, String> ballots, int due, int present, int issued) {
        JsonNode task = client.getForEntity("/engine-rest/task?processInstanceId=" + election.instance.getId(),
                JsonNode.class).getBody().get(0);
        Map<String, Object> variables = new LinkedHashMap<>(Map.of(
                "electorsDueToAttend", Map.of("value", due),
                "electorsPresent", Map.of("value", present),
                "ballotsIssued", Map.of("value", issued)));
        ballots.forEach((name, value) -> variables.put(name, Map.of("value", value)));
        return client.postForEntity("/engine-rest/task/" + task.path("id").asText() + "/complete",
                new HttpEntity<>(InputValues.toJson(Map.of("variables", variables)),
                        headers(MediaType.APPLICATION_JSON_VALUE)), String.class);
    }

    private ResponseEntity<JsonNode> enter(Election election, int box, int team, Integer issued,
            List<List<String>> rows) {
        return post(election, box, "team=" + team + (issued == null ? "" : "&issued=" + issued), rows);
    }

    private ResponseEntity<JsonNode> post(Election election, int box, String query, List<List<String>> rows) {
        return http.postForEntity("/api/elections/" + election.id + "/ballots/boxes/" + box + "?" + query,
                new HttpEntity<>(csv(rows), headers(CandidateController.CSV)), JsonNode.class);
    }

    private ResponseEntity<JsonNode> upload(Election election, int box, String query, byte[] content) {
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return "票箱.xlsx";
            }
        });
        return http.postForEntity("/api/elections/" + election.id + "/ballots/boxes/" + box + "?" + query,
                new HttpEntity<>(parts, headers(MediaType.MULTIPART_FORM_DATA_VALUE)), JsonNode.class);
    }

    private ResponseEntity<JsonNode> settle(Election election, int box, Map<String, Object> settlement) {
        return http.postForEntity("/api/elections/" + election.id + "/ballots/boxes/" + box + "/settlements",
                new HttpEntity<>(InputValues.toJson(settlement), headers(MediaType.APPLICATION_JSON_VALUE)),
                JsonNode.class);
    }

    private static HttpHeaders headers(String contentType) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.CONTENT_TYPE, contentType);
        return headers;
    }

    private static byte[] csv(List<List<String>> rows) {
        StringBuilder text = new StringBuilder();
        rows.forEach(row -> text.append(String.join(",", row)).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
