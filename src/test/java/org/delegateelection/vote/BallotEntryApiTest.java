package org.delegateelection.vote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.delegateelection.AuditHistoryProcessTest;
import org.delegateelection.EngineClock;
import org.delegateelection.candidate.CandidateController;
import org.delegateelection.candidate.CandidateList;
import org.delegateelection.demo.GeneratedBallots;
import org.delegateelection.process.DrivenElections;
import org.delegateelection.process.DrivenElections.Election;
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

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Ballots of a congress of 800 electors (80 candidates, 69 seats) entered from files over HTTP, as the congress
 * secretariat does ({@code huangli}), and step 23 completed through the engine's REST API naming the batch; bad files
 * refused whole with their rows, storing nothing. The plenary vote of step 20 the same way, by the plenary committee
 * ({@code lixiuying}).
 */
@AuditHistoryProcessTest
class BallotEntryApiTest {

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
    void eightHundredBallotsFromAFileElectTheDelegatesAtStep23() {
        Election election = elections.start("t-api-ballots").advancePastNoticeTo("ballotAndCount");
        var tally = election.plan.tally();
        List<List<String>> rows = GeneratedBallots.rows(ballotRounds.nextBallot(election.id, Vote.CONGRESS),
                tally.approvals(), tally.ballotsReturned() - tally.invalidBallots(), tally.invalidBallots());

        ResponseEntity<JsonNode> csv = post(election, CandidateController.CSV, csv(rows));
        ResponseEntity<JsonNode> xlsx = upload(election, "ballots.xlsx", GeneratedBallots.xlsx(rows));

        for (ResponseEntity<JsonNode> entered : List.of(csv, xlsx)) {
            assertThat(entered.getStatusCode()).isEqualTo(HttpStatus.CREATED);
            assertThat(entered.getBody().path("round").asInt()).isEqualTo(1);
            assertThat(entered.getBody().path("seats").asInt()).isEqualTo(69);
            assertThat(entered.getBody().path("candidates").asInt()).isEqualTo(80);
            assertThat(entered.getBody().path("ballotsReturned").asInt()).isEqualTo(780);
            assertThat(entered.getBody().path("invalidBallots").asInt()).isEqualTo(4);
        }
        assertThat(marksOf(csv)).isEqualTo(marksOf(xlsx));

        ResponseEntity<String> completed = completeOpenTask(http, election, xlsx, 800, 782);

        assertThat(completed.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(election.instance).isWaitingAt("reportResults");
        assertThat(election.ids(CandidateList.ELECTED))
                .containsExactlyInAnyOrderElementsOf(election.plan.electedList());
        JsonNode rounds = http.getForEntity("/api/elections/" + election.id + "/ballot-rounds", JsonNode.class)
                .getBody();
        assertThat(rounds).hasSize(1);
        assertThat(rounds.get(0).path("outcome").path("kind").asText()).isEqualTo("ELECTED_ALL");
        String first = rounds.get(0).path("ballot").path("candidateIds").get(0).asText();
        JsonNode marks = rounds.get(0).path("marks").path(first);
        assertThat(marks.path("approvals").asInt()).isEqualTo(tally.approvals().get(first));
        assertThat(marks.path("approvals").asInt() + marks.path("disapprovals").asInt()
                + marks.path("abstentions").asInt()).isEqualTo(776);
    }

    @Test
    void theCommitteesBallotsFromAFileDetermineTheProspectiveCandidatesAtStep20() {
        Election election = elections.start("t-api-plenary").advancePastNoticeTo("plenaryVote");
        var tally = election.plan.plenaryTally();
        List<List<String>> rows = GeneratedBallots.rows(ballotRounds.nextBallot(election.id, Vote.PLENARY),
                tally.approvals(), tally.ballotsReturned() - tally.invalidBallots(), tally.invalidBallots());
        TestRestTemplate committee = anonymous.withBasicAuth("lixiuying", "demo");

        ResponseEntity<JsonNode> tooEarly = post(election, CandidateController.CSV, csv(rows));
        ResponseEntity<JsonNode> entered = upload(committee, election, "plenary-ballots", "表决票.xlsx",
                GeneratedBallots.xlsx(rows));

        assertThat(tooEarly.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(tooEarly.getBody().toString()).contains("尚无选票候选人名单");
        assertThat(entered.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(entered.getBody().path("seats").asInt()).isEqualTo(election.plan.prospectiveList().size());
        assertThat(entered.getBody().path("candidates").asInt()).isEqualTo(election.plan.preliminaryList().size());
        assertThat(entered.getBody().path("ballotsReturned").asInt()).isEqualTo(72);
        assertThat(entered.getBody().path("invalidBallots").asInt()).isEqualTo(1);

        ResponseEntity<String> completed = completeOpenTask(committee, election, entered, 76, 72);

        assertThat(completed.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(election.instance).isWaitingAt("centralReview");
        assertThat(election.ids(CandidateList.PROSPECTIVE))
                .containsExactlyInAnyOrderElementsOf(election.plan.prospectiveList());
        JsonNode rounds = committee.getForEntity("/api/elections/" + election.id + "/plenary-rounds", JsonNode.class)
                .getBody();
        assertThat(rounds).hasSize(1);
        assertThat(rounds.get(0).path("outcome").path("kind").asText()).isEqualTo("ELECTED_ALL");
        assertThat(rounds.get(0).path("tally").path("electorsDueToAttend").asInt()).isEqualTo(76);
        assertThat(http.getForEntity("/api/elections/" + election.id + "/ballot-rounds", JsonNode.class).getBody())
                .isEmpty();
    }

    @Test
    void aMalformedBallotFileIsRefusedWholeWithItsRowsAndNothingIsStored() {
        Election election = elections.start("t-api-bad-ballots").advancePastNoticeTo("ballotAndCount");
        List<List<String>> rows = GeneratedBallots.rows(ballotRounds.nextBallot(election.id, Vote.CONGRESS), Map.of(),
                20, 0);
        rows.get(3).set(5, "同意");
        rows.get(7).set(0, "赞成:王五");
        String column5 = rows.get(0).get(5);
        String column0 = rows.get(0).get(0);

        for (ResponseEntity<JsonNode> refused : List.of(post(election, CandidateController.CSV, csv(rows)),
                post(election, CandidateController.XLSX, GeneratedBallots.xlsx(rows)),
                upload(election, "ballots.csv", csv(rows)))) {
            assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(refused.getBody().path("message").asText()).isEqualTo("选票文件有误，未保存任何选票");
            assertThat(refused.getBody().path("problems").toString())
                    .contains("{\"row\":4,\"field\":\"" + column5 + "\",\"reason\":\"“同意”不是 赞成（○）、反对（×）或 弃权\"}")
                    .contains("{\"row\":8,\"field\":\"" + column0 + "\",\"reason\":\"只有投反对票时才能另选他人\"}");
        }
        ResponseEntity<JsonNode> unknownFormat = upload(election, "ballots.txt", csv(rows));

        assertThat(unknownFormat.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(jdbc.sql("select count(*) from ballot_batch where election_id = ? and vote = 'CONGRESS'")
                .param(election.id).query(Integer.class).single()).isZero();
        assertThat(http.postForEntity("/api/elections/999999/ballots", new HttpEntity<>(csv(rows),
                headers(CandidateController.CSV)), JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    /**
     * Completes the election's open task over the engine's REST API naming the entered batch, with as many ballots
     * issued as electors present.
     */
    private static ResponseEntity<String> completeOpenTask(TestRestTemplate client, Election election,
            ResponseEntity<JsonNode> entered, int due, int present) {
        JsonNode task = client.getForEntity("/engine-rest/task?processInstanceId=" + election.instance.getId(),
                JsonNode.class).getBody().get(0);
        return client.postForEntity("/engine-rest/task/" + task.path("id").asText() + "/complete",
                json(Map.of("variables", Map.of(
                        "ballotBatchId", Map.of("value", entered.getBody().path("batchId").asText()),
                        "electorsDueToAttend", Map.of("value", due),
                        "electorsPresent", Map.of("value", present),
                        "ballotsIssued", Map.of("value", present)))), String.class);
    }

    private Map<String, Integer> marksOf(ResponseEntity<JsonNode> entered) {
        Map<String, Integer> approvals = new TreeMap<>();
        jdbc.sql("select candidate, approvals from ballot_marks where batch_id = ?")
                .param(entered.getBody().path("batchId").asText())
                .query(rs -> {
                    approvals.put(rs.getString(1), rs.getInt(2));
                });
        return approvals;
    }

    private ResponseEntity<JsonNode> post(Election election, String contentType, byte[] body) {
        return http.postForEntity("/api/elections/" + election.id + "/ballots",
                new HttpEntity<>(body, headers(contentType)), JsonNode.class);
    }

    private ResponseEntity<JsonNode> upload(Election election, String fileName, byte[] content) {
        return upload(http, election, "ballots", fileName, content);
    }

    private static ResponseEntity<JsonNode> upload(TestRestTemplate client, Election election, String resource,
            String fileName, byte[] content) {
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return fileName;
            }
        });
        return client.postForEntity("/api/elections/" + election.id + "/" + resource,
                new HttpEntity<>(parts, headers(MediaType.MULTIPART_FORM_DATA_VALUE)), JsonNode.class);
    }

    private static HttpHeaders headers(String contentType) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.CONTENT_TYPE, contentType);
        return headers;
    }

    private static HttpEntity<String> json(Object body) {
        return new HttpEntity<>(InputValues.toJson(body), headers(MediaType.APPLICATION_JSON_VALUE));
    }

    private static byte[] csv(List<List<String>> rows) {
        StringBuilder text = new StringBuilder();
        rows.forEach(row -> text.append(String.join(",", row)).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
