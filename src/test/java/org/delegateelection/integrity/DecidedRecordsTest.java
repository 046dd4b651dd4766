package org.delegateelection.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import javax.sql.DataSource;

import org.apache.poi.ss.usermodel.Workbook;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.delegateelection.AuditHistoryProcessTest;
import org.delegateelection.EngineClock;
import org.delegateelection.candidate.Candidate;
import org.delegateelection.candidate.CandidateList;
import org.delegateelection.candidate.Gender;
import org.delegateelection.demo.DemoIdentity;
import org.delegateelection.election.ElectionRepository;
import org.delegateelection.process.DrivenElections;
import org.delegateelection.process.DrivenElections.Election;
import org.delegateelection.security.DatabaseDump;
import org.delegateelection.security.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What was decided stays as it was decided, tried over HTTP as the organization department and an attacker meet it,
 * on a copy of the handbook election carried to its end: an edit of a decided person needs a reason and leaves the
 * lists decided before reporting what was decided; a person on the printed ballot changes only by a correction,
 * reviewed in Tasklist; once the credentials committee has confirmed the delegates, imports, corrections and a new
 * start of the election are refused (409) by {@code /api} and {@code /engine-rest} alike; and a row changed behind the
 * application's back is named by the integrity check.
 */
@AuditHistoryProcessTest
class DecidedRecordsTest {

    /** The engine's clock: a Monday of a year the working-day calendar covers (the public notice on the way). */
    @RegisterExtension
    static final EngineClock CLOCK = EngineClock.at(LocalDateTime.of(2022, 6, 6, 9, 0));

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final String ORG_DEPT = "zhangwei";
    private static final String DISCIPLINE = "zhaoqiang";

    @LocalServerPort
    private int port;
    @Autowired
    private DrivenElections elections;
    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private DataSource dataSource;
    @Autowired
    private ProcessEngine processEngine;

    @Test
    void decidedListsKeepWhatWasDecidedAndAClosedElectionChangesNoMore() throws Exception {
        BpmnAwareTests.init(processEngine);
        Http http = new Http(port, false);
        Election election = elections.start("t-records").advancePastNoticeTo("plenaryDeliberation");
        String api = "/api/elections/" + election.id;

        // a preliminary candidate who will not be prospective: her gender changes after the list was decided
        Candidate woman = election.people(CandidateList.PRELIMINARY).stream()
                .filter(c -> c.gender() == Gender.FEMALE && !election.plan.prospectiveList().contains(c.id()))
                .findFirst().orElseThrow();
        int women = composition(http, api, "preliminary").path("women").path("count").asInt();
        String changed = "[" + importRow(woman, "苏晓梅", Gender.MALE) + "]";
        String before = DatabaseDump.of(dataSource);

        HttpResponse<String> noReason = http.json("POST", api + "/candidates", ORG_DEPT, DemoIdentity.PASSWORD, changed);
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noReason.body()).path("problems").get(0).path("field").asText()).isEqualTo("reason");
        assertThat(noReason.body()).contains(woman.name() + "（" + woman.id() + "）", "须说明理由");
        assertThat(DatabaseDump.of(dataSource)).isEqualTo(before);

        HttpResponse<String> withReason = http.json("POST", api + "/candidates?reason="
                + URLEncoder.encode("据户籍证明更正姓名和性别", StandardCharsets.UTF_8),
                ORG_DEPT, DemoIdentity.PASSWORD, changed);
        assertThat(withReason.statusCode()).isEqualTo(201);
        assertThat(composition(http, api, "preliminary").path("women").path("count").asInt()).isEqualTo(women);
        assertThat(election.people(CandidateList.PRELIMINARY)).filteredOn(c -> c.id().equals(woman.id()))
                .extracting(Candidate::name).containsExactly(woman.name());
        JsonNode trail = JSON.readTree(http.json("GET", api + "/candidates/changes", DISCIPLINE,
                DemoIdentity.PASSWORD, null).body());
        JsonNode last = trail.get(trail.size() - 1);
        assertThat(last.path("candidateId").asText()).isEqualTo(woman.id());
        assertThat(last.path("kind").asText()).isEqualTo("UPDATED");
        assertThat(last.path("version").asInt()).isEqualTo(2);
        assertThat(last.path("reason").asText()).isEqualTo("据户籍证明更正姓名和性别");
        assertThat(last.path("changedBy").asText()).isEqualTo(ORG_DEPT);
        assertThat(StreamSupport.stream(last.path("fields").spliterator(), false)
                .map(f -> f.path("label").asText() + ":" + f.path("before").asText() + "→" + f.path("after").asText()))
                .containsExactly("姓名:" + woman.name() + "→苏晓梅", "性别:女→男");

        // the ballot is printed once the Centre approved it (step 21): its people change only by a correction
        election.advanceTo("congressDeliberation");
        Candidate onBallot = election.people(CandidateList.BALLOT).get(0);
        HttpResponse<String> ballotEdit = http.json("POST", api + "/candidates?reason=x", ORG_DEPT,
                DemoIdentity.PASSWORD, "[" + importRow(onBallot, onBallot.name() + "华", onBallot.gender()) + "]");
        assertThat(ballotEdit.statusCode()).isEqualTo(409);
        assertThat(ballotEdit.body()).contains("纠错");

        String correction = JSON.writeValueAsString(Map.of("candidateId", onBallot.id(),
                "reason", "姓名录入错误，据干部档案更正", "changes", Map.of("name", onBallot.name() + "华")));
        HttpResponse<String> requested = http.json("POST", api + "/corrections", ORG_DEPT, DemoIdentity.PASSWORD,
                correction);
        assertThat(requested.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(requested.body()).path("fields").get(0).path("after").asText())
                .isEqualTo(onBallot.name() + "华");
        HttpResponse<String> racing = http.json("POST", api + "/corrections", ORG_DEPT, DemoIdentity.PASSWORD,
                correction);
        assertThat(racing.statusCode()).isEqualTo(409);
        assertThat(racing.body()).contains("已有待审核的纠错申请");
        int ballotChecks = reports("ballot", election.id);

        String review = election.task("reviewCorrection").getId();
        assertThat(election.shownAt("reviewCorrection", "correctionChanges").toString())
                .contains("| 姓名 | " + onBallot.name() + " | " + onBallot.name() + "华 |");
        assertThat(http.json("POST", "/engine-rest/task/" + review + "/complete", ORG_DEPT, DemoIdentity.PASSWORD,
                "{\"variables\": {\"approved\": {\"value\": true}, \"finding\": {\"value\": \"核对干部档案属实\"}}}")
                .statusCode()).isEqualTo(204);
        assertThat(election.people(CandidateList.BALLOT)).filteredOn(c -> c.id().equals(onBallot.id()))
                .extracting(Candidate::name).containsExactly(onBallot.name() + "华");
        assertThat(reports("ballot", election.id)).isEqualTo(ballotChecks + 1);

        // carried to the end: the credentials committee confirms the delegates, the process ends
        election.advanceTo("credentialsReview");
        election.complete("credentialsReview", Map.of("selectedCandidateIds",
                DrivenElections.idList(election.plan.electedList())));
        assertThat(election.instance).isEnded();
        Candidate delegate = election.people(CandidateList.ELECTED).get(0);
        int elected = composition(http, api, "elected").path("women").path("count").asInt();
        String closed = DatabaseDump.of(dataSource);

        HttpResponse<String> reimport = http.json("POST", api + "/candidates?reason=x", ORG_DEPT,
                DemoIdentity.PASSWORD, "[" + importRow(delegate, "李四", delegate.gender() == Gender.FEMALE
                        ? Gender.MALE : Gender.FEMALE) + "]");
        assertThat(reimport.statusCode()).isEqualTo(409);
        assertThat(reimport.body()).contains(ElectionRepository.CLOSED);
        assertThat(http.json("POST", api + "/corrections", ORG_DEPT, DemoIdentity.PASSWORD, correction).body())
                .contains(ElectionRepository.CLOSED);
        HttpResponse<String> restart = http.json("POST", "/engine-rest/process-definition/key/delegate-election/start",
                ORG_DEPT, DemoIdentity.PASSWORD, "{\"businessKey\": \"t-records\", \"variables\": {\"electionId\": "
                        + "{\"value\": " + election.id + ", \"type\": \"Long\"}}}");
        assertThat(restart.statusCode()).isEqualTo(409);
        assertThat(restart.body()).contains(ElectionRepository.CLOSED);
        assertThat(DatabaseDump.of(dataSource)).isEqualTo(closed);
        assertThat(composition(http, api, "elected").path("women").path("count").asInt()).isEqualTo(elected);
        try (Workbook result = new XSSFWorkbook(new ByteArrayInputStream(http.download("GET",
                api + "/documents/election-result.xlsx", ORG_DEPT, DemoIdentity.PASSWORD, null, null).body()))) {
            assertThat(cells(result)).contains(delegate.name()).doesNotContain("李四");
        }

        // every decided list, quota report, counted round and correction is in the chain, which is intact
        JsonNode intact = integrity(http, api);
        assertThat(intact.path("intact").asBoolean()).isTrue();
        assertThat(intact.path("head").asText()).matches("[0-9a-f]{64}").isEqualTo(jdbc.sql("select hash from "
                + "integrity_record where election_id = ? order by seq desc fetch first 1 rows only")
                .param(election.id).query(String.class).single());
        assertThat(intact.path("records").asInt()).isEqualTo(jdbc.sql("select count(*) from integrity_record "
                + "where election_id = ?").param(election.id).query(Integer.class).single())
                .isGreaterThan(40);

        // rows changed behind the application's back are named: a tally, a list membership, a decided gender
        String tally = jdbc.sql("select tally from tally_round where election_id = ? and round = 1")
                .param(election.id).query(String.class).single();
        jdbc.sql("update tally_round set tally = ? where election_id = ? and round = 1")
                .params(tally.replaceFirst("\\d+", "9"), election.id).update();
        assertThat(broken(http, api)).containsExactly("ROUND", "CONGRESS:1");
        jdbc.sql("update tally_round set tally = ? where election_id = ? and round = 1")
                .params(tally, election.id).update();
        assertThat(integrity(http, api).path("intact").asBoolean()).isTrue();

        long confirmed = jdbc.sql("select max(id) from list_decision where election_id = ? and list_name = "
                + "'confirmed'").param(election.id).query(Long.class).single();
        jdbc.sql("delete from list_member where decision_id = ? and candidate_id = ?")
                .params(confirmed, delegate.id()).update();
        assertThat(broken(http, api)).containsExactly("LIST", Long.toString(confirmed));
        jdbc.sql("insert into list_member (decision_id, candidate_id, version) select ?, candidate_id, version "
                + "from list_member where decision_id = (select max(id) from list_decision where election_id = ? "
                + "and list_name = 'elected') and candidate_id = ?").params(confirmed, election.id, delegate.id())
                .update();
        assertThat(integrity(http, api).path("intact").asBoolean()).isTrue();

        jdbc.sql("update candidate_version set gender = ? where election_id = ? and candidate_id = ?")
                .params(delegate.gender() == Gender.FEMALE ? "MALE" : "FEMALE", election.id, delegate.id()).update();
        JsonNode gender = integrity(http, api);
        assertThat(gender.path("intact").asBoolean()).isFalse();
        assertThat(gender.path("firstBroken").path("kindLabel").asText()).isEqualTo("决定的名单");
        assertThat(gender.path("firstBroken").path("problem").asText()).contains("已被改动");
    }

    private static JsonNode composition(Http http, String api, String list) throws Exception {
        return JSON.readTree(http.json("GET", api + "/composition?list=" + list, ORG_DEPT, DemoIdentity.PASSWORD,
                null).body());
    }

    private static JsonNode integrity(Http http, String api) throws Exception {
        HttpResponse<String> answer = http.json("GET", api + "/integrity", DISCIPLINE, DemoIdentity.PASSWORD, null);
        assertThat(answer.statusCode()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    /** The kind and reference of the first record the integrity check names. */
    private static List<String> broken(Http http, String api) throws Exception {
        JsonNode report = integrity(http, api);
        assertThat(report.path("intact").asBoolean()).isFalse();
        return List.of(report.path("firstBroken").path("kind").asText(),
                report.path("firstBroken").path("reference").asText());
    }

    private int reports(String checkpoint, long electionId) {
        return jdbc.sql("select count(*) from quota_report where election_id = ? and checkpoint = ?")
                .params(electionId, checkpoint).query(Integer.class).single();
    }

    /** A person as a row of a JSON import, with another name and gender. */
    private static String importRow(Candidate person, String name, Gender gender) {
        ObjectNode row = (ObjectNode) JSON.valueToTree(person);
        row.remove("status");
        row.put("name", name).put("gender", gender.name());
        return row.toString();
    }

    private static String cells(Workbook book) {
        StringBuilder text = new StringBuilder();
        book.forEach(sheet -> sheet.forEach(row -> row.forEach(cell -> text.append(cell).append('|'))));
        return text.toString();
    }
}
