package org.delegateelection.vote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.delegateelection.EngineClock;
import org.delegateelection.ProcessTest;
import org.delegateelection.UploadLocation;
import org.delegateelection.candidate.CandidateController;
import org.delegateelection.candidate.CandidateList;
import org.delegateelection.cluster.ClusterNode;
import org.delegateelection.demo.DemoIdentity;
import org.delegateelection.demo.GeneratedBallots;
import org.delegateelection.process.DrivenElections;
import org.delegateelection.process.DrivenElections.Election;
import org.delegateelection.security.DatabaseDump;
import org.delegateelection.security.Http;
import org.delegateelection.system.InputValues;
import org.delegateelection.system.TableFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Findings 6, 7 and 8 of the security probe (issue 11), replayed against the running application over HTTP as the
 * congress secretariat ({@code huangli}), the plenary committee ({@code lixiuying}) and the organization department
 * ({@code zhangwei}) send them: a ballot upload broken off in the middle of its batch — by a row the database refuses,
 * and on PostgreSQL by killing a node of its own (SIGKILL) while it writes — leaves no batch, and a half batch left
 * by an older version is refused when named at step 23 and removed once the round is counted; uploaded ballot files
 * never touch the disk, also when refused; ballots typed into the form of steps 20 and 23 never reach the engine's
 * history, while the other values of the completion do. History level full, as in production.
 */
@ProcessTest
class BallotAttackTest {

    @RegisterExtension
    static final EngineClock CLOCK = EngineClock.at(LocalDateTime.of(2022, 6, 6, 9, 0));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = DemoIdentity.PASSWORD;

    /** Where Tomcat would write multipart uploads: watched by the test, which must see nothing written there. */
    private static final Path UPLOADS = UploadLocation.DIRECTORY;

    @LocalServerPort
    private int port;
    @Value("${spring.datasource.url}")
    private String databaseUrl;
    @Autowired
    private ProcessEngine processEngine;
    @Autowired
    private FormService formService;
    @Autowired
    private DrivenElections elections;
    @Autowired
    private BallotRounds ballotRounds;
    @Autowired
    private DataSource dataSource;
    @Autowired
    private JdbcClient jdbc;

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

    // ---- finding 6: a ballot batch is stored whole or not at all

    @Test
    void anUploadInterruptedInTheMiddleOfItsBatchLeavesNoBatch() {
        Election election = elections.start("t-attack-interrupted").advancePastNoticeTo("ballotAndCount");
        Ballot ballot = ballotRounds.nextBallot(election.id, Vote.CONGRESS);
        Map<String, Integer> approvals = new LinkedHashMap<>(election.plan.tally().approvals());
        // the 16th person on the ballot gets 790 approvals, which the database is made to refuse: the write of the
        // batch breaks off after 15 of its 80 rows, as the probe's kill -9 did
        approvals.put(ballot.candidateIds().get(15), 790);
        byte[] file = GeneratedBallots.csv(ballot, approvals, 790, 0).getBytes(StandardCharsets.UTF_8);
        String before = DatabaseDump.of(dataSource);

        jdbc.sql("alter table ballot_marks add constraint interrupted_batch check (approvals <> 790)").update();
        HttpResponse<String> upload;
        try {
            upload = http.sendBytes("POST", "/api/elections/" + election.id + "/ballots", "huangli", PASSWORD, file,
                    CandidateController.CSV);
        } finally {
            jdbc.sql("alter table ballot_marks drop constraint interrupted_batch").update();
        }

        assertThat(upload.statusCode()).isNotEqualTo(201);
        assertThat(batches(election)).isZero();
        assertThat(DatabaseDump.difference(before, DatabaseDump.of(dataSource))).isEmpty();
    }

    @Test
    void aHalfBatchNamedAtStep23IsRefusedNamingTheBatchAndRemovedWhenTheRoundIsCounted() throws IOException {
        Election election = elections.start("t-attack-half-batch").advancePastNoticeTo("ballotAndCount");
        Ballot ballot = ballotRounds.nextBallot(election.id, Vote.CONGRESS);
        var tally = election.plan.tally();
        // what the probe's kill -9 left of an upload of an older version: the batch with 15 of its 80 count rows
        BallotCount count = BallotSheet.read(TableFile.Format.CSV, GeneratedBallots.csv(ballot, tally.approvals(),
                776, 4).getBytes(StandardCharsets.UTF_8), ballot, true);
        String half = UUID.randomUUID().toString();
        jdbc.sql("insert into ballot_batch (id, election_id, vote, ballot, ballots_returned, invalid_ballots) "
                + "values (?, ?, 'CONGRESS', ?, 780, 4)").params(half, election.id, InputValues.toJson(ballot))
                .update();
        count.marks().entrySet().stream().limit(15).forEach(m -> jdbc.sql("insert into ballot_marks (batch_id, "
                + "candidate, approvals, disapprovals, abstentions) values (?, ?, ?, ?, ?)")
                .params(half, m.getKey(), m.getValue().approvals(), m.getValue().disapprovals(),
                        m.getValue().abstentions()).update());
        String taskId = election.task("ballotAndCount").getId();
        String before = DatabaseDump.of(dataSource);

        HttpResponse<String> namedHalf = completeWithBatch(taskId, half);
        HttpResponse<String> namedUnknown = completeWithBatch(taskId, UUID.randomUUID().toString());

        for (HttpResponse<String> refused : List.of(namedHalf, namedUnknown)) {
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            assertThat(JSON.readTree(refused.body()).path("problems").get(0).path("field").asText())
                    .isEqualTo("ballotBatchId");
        }
        assertThat(namedHalf.body()).contains("不完整", "重新");
        assertThat(DatabaseDump.difference(before, DatabaseDump.of(dataSource))).isEmpty();

        HttpResponse<String> entered = http.sendBytes("POST", "/api/elections/" + election.id + "/ballots",
                "huangli", PASSWORD, GeneratedBallots.csv(ballot, tally.approvals(), 776, 4)
                        .getBytes(StandardCharsets.UTF_8), CandidateController.CSV);
        String whole = JSON.readTree(entered.body()).path("batchId").asText();
        assertThat(completeWithBatch(taskId, whole).statusCode()).isEqualTo(204);

        assertThat(election.instance).isWaitingAt("reportResults");
        assertThat(election.ids(CandidateList.ELECTED)).containsExactlyInAnyOrderElementsOf(
                election.plan.electedList());
        assertThat(jdbc.sql("select id, counted_in_round from ballot_batch where election_id = ? "
                + "and vote = 'CONGRESS'").param(election.id)
                .query((rs, n) -> rs.getString(1) + " 第" + rs.getInt(2) + "轮").list())
                .containsExactly(whole + " 第1轮");
        assertThat(jdbc.sql("select count(*) from ballot_marks where batch_id = ?").param(whole).query(Integer.class)
                .single()).isEqualTo(80);
        assertThat(jdbc.sql("select count(*) from ballot_marks where batch_id = ?").param(half).query(Integer.class)
                .single()).isZero();
    }

    /**
     * The probe's kill -9 for real: a node of its own (a JVM started as an operator starts one, on this test's
     * PostgreSQL database) is killed while it writes a batch — held at the batch's count rows by a table lock, so
     * that the kill falls inside the write every time. PostgreSQL only: tagged {@code cluster}, which only the
     * PostgreSQL pass runs.
     */
    @Test
    @Tag("cluster")
    void aNodeKilledWhileItWritesABatchLeavesNoBatch() throws Exception {
        Election election = elections.start("t-attack-kill").advancePastNoticeTo("ballotAndCount");
        Ballot ballot = ballotRounds.nextBallot(election.id, Vote.CONGRESS);
        byte[] file = GeneratedBallots.csv(ballot, election.plan.tally().approvals(), 776, 4)
                .getBytes(StandardCharsets.UTF_8);
        try (ClusterNode node = ClusterNode.start("ballot-upload", databaseUrl,
                List.of("-Xmx512m", "-XX:TieredStopAtLevel=1"), List.of());
                Connection lock = DriverManager.getConnection(databaseUrl, "postgres", "")) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("lock table ballot_marks in share mode");
            }
            CompletableFuture<HttpResponse<String>> upload = HttpClient.newHttpClient().sendAsync(HttpRequest
                    .newBuilder(URI.create(node.baseUrl() + "/api/elections/" + election.id + "/ballots"))
                    .header("Content-Type", CandidateController.CSV)
                    .header("Authorization", basic("huangli"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(file)).build(),
                    HttpResponse.BodyHandlers.ofString());
            int writer = waitFor(() -> jdbc.sql("select pid from pg_stat_activity where wait_event_type = 'Lock' "
                    + "and query like 'insert into ballot_marks%'").query(Integer.class).optional().orElse(null));

            node.kill();
            lock.rollback();
            waitFor(() -> jdbc.sql("select count(*) from pg_stat_activity where pid = ?").param(writer)
                    .query(Integer.class).single() == 0 ? writer : null);

            assertThat(upload).failsWithin(Duration.ofSeconds(30));
            assertThat(batches(election)).isZero();
        }
    }

    // ---- finding 7: uploads stay in memory

    @Test
    void uploadedBallotFilesAreNeverWrittenToDisk() throws Exception {
        Election election = elections.start("t-attack-uploads").advancePastNoticeTo("ballotAndCount");
        Ballot ballot = ballotRounds.nextBallot(election.id, Vote.CONGRESS);
        var tally = election.plan.tally();
        byte[] good = GeneratedBallots.csv(ballot, tally.approvals(), 776, 4).getBytes(StandardCharsets.UTF_8);
        byte[] malformed = new String(good, StandardCharsets.UTF_8).replaceFirst("\n赞成", "\n同意")
                .getBytes(StandardCharsets.UTF_8);
        byte[] oversized = new byte[20 * 1024 * 1024 + 1];
        String path = "/api/elections/" + election.id + "/ballots";

        List<String> written = new ArrayList<>();
        List<Integer> statuses = new ArrayList<>();
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            UPLOADS.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            statuses.add(upload(path, "选票.csv", good).statusCode());
            statuses.add(upload(path, "选票.csv", malformed).statusCode());
            statuses.add(upload(path, "选票.csv", oversized).statusCode());
            WatchKey key = watcher.poll(2, TimeUnit.SECONDS);
            if (key != null) {
                key.pollEvents().stream().map(WatchEvent::context).map(String::valueOf).forEach(written::add);
            }
        }

        assertThat(statuses).containsExactly(201, 400, 413);
        assertThat(written).as("files written under the upload location").isEmpty();
        try (var left = Files.list(UPLOADS)) {
            assertThat(left).isEmpty();
        }
    }

    // ---- finding 8: typed ballots are not kept in the history

    @Test
    void ballotsTypedIntoTheFormsOfSteps20And23NeverReachTheHistory() throws IOException {
        Election rest = elections.start("t-attack-typed-rest").advancePastNoticeTo("plenaryVote");
        Election form = elections.start("t-attack-typed-form").advancePastNoticeTo("plenaryVote");
        List<String> typed = new ArrayList<>();

        // over the engine's REST API: step 20 as Tasklist submits its form, step 23 as a REST client completes it
        typed.add(typedBallots(rest, "plenaryVote", Vote.PLENARY, rest.plan.prospectiveList()));
        assertThat(http.json("POST", "/engine-rest/task/" + rest.task("plenaryVote").getId() + "/submit-form",
                "lixiuying", PASSWORD, variables(typed.get(0))).statusCode()).isEqualTo(204);
        rest.advanceTo("ballotAndCount");
        typed.add(typedBallots(rest, "ballotAndCount", Vote.CONGRESS, rest.plan.electedList()));
        assertThat(http.json("POST", "/engine-rest/task/" + rest.task("ballotAndCount").getId() + "/complete",
                "huangli", PASSWORD, variables(typed.get(1))).statusCode()).isEqualTo(204);
        // through the engine's form service, as the handbook driver does
        typed.add(typedBallots(form, "plenaryVote", Vote.PLENARY, form.plan.prospectiveList()));
        formService.submitTaskForm(form.task("plenaryVote").getId(), attendance(typed.get(2)));
        form.advanceTo("ballotAndCount");
        typed.add(typedBallots(form, "ballotAndCount", Vote.CONGRESS, form.plan.electedList()));
        formService.submitTaskForm(form.task("ballotAndCount").getId(), attendance(typed.get(3)));

        for (Election election : List.of(rest, form)) {
            assertThat(election.instance).isWaitingAt("reportResults");
            assertThat(election.ids(CandidateList.ELECTED))
                    .containsExactlyInAnyOrderElementsOf(election.plan.electedList());
            String instance = election.instance.getId();
            assertThat(historyRows("act_hi_detail", instance, "ballotsText")).isZero();
            assertThat(historyRows("act_hi_varinst", instance, "ballotsText")).isZero();
            // the rest of the completions is there: the attendance of both votes, and their tallies
            assertThat(jdbc.sql("select long_ from act_hi_detail where proc_inst_id_ = ? and name_ = ? "
                    + "and type_ = 'VariableUpdate' and long_ is not null").params(instance, "electorsPresent")
                    .query(Long.class).list()).containsExactly(8L, 8L);
            assertThat(historyRows("act_hi_varinst", instance, "tally")).isPositive();

            // the probe's requests: the organization department reads the instance's history
            String details = http.send("GET", "/engine-rest/history/detail?processInstanceId=" + instance
                    + "&maxResults=10000", "zhangwei", PASSWORD, null, null).body();
            String variables = http.send("GET", "/engine-rest/history/variable-instance?processInstanceId="
                    + instance + "&maxResults=10000", "zhangwei", PASSWORD, null, null).body();
            assertThat(details).contains("\"electorsPresent\"").doesNotContain("ballotsText");
            assertThat(variables).contains("\"roundOutcome\"").doesNotContain("ballotsText");
            for (String ballots : typed) {
                String aBallot = ballots.lines().skip(1).findFirst().orElseThrow();
                assertThat(details).doesNotContain(aBallot);
                assertThat(variables).doesNotContain(aBallot);
                assertThat(jdbc.sql("select count(*) from act_hi_detail where text_ like ?").param("%" + aBallot + "%")
                        .query(Integer.class).single()).isZero();
            }
        }
    }

    /**
     * The ballots of a small vote typed into the voting task's text box: the header it shows, then 8 valid ballots
     * each approving {@code approved}.
     */
    private String typedBallots(Election election, String key, Vote vote, List<String> approved) {
        Ballot ballot = ballotRounds.nextBallot(election.id, vote);
        Map<String, Integer> approvals = new LinkedHashMap<>();
        approved.forEach(id -> approvals.put(id, 8));
        String header = ((String) election.shownAt(key, "ballotsText")).lines().findFirst().orElseThrow();
        return header + "\n" + GeneratedBallots.csv(ballot, approvals, 8, 0).lines().skip(1)
                .reduce("", (text, line) -> text + line + "\n");
    }

    /** 10 electors due, 8 present with 8 ballots: a quorum for both votes; 8 approvals elect. */
    private static Map<String, Object> attendance(String typed) {
        return Map.of("electorsDueToAttend", 10, "electorsPresent", 8, "ballotsIssued", 8, "ballotsText", typed);
    }

    private static String variables(String typed) {
        Map<String, Object> variables = new LinkedHashMap<>();
        attendance(typed).forEach((name, value) -> variables.put(name, Map.of("value", value,
                "type", value instanceof String ? "String" : "Integer")));
        return InputValues.toJson(Map.of("variables", variables));
    }

    private int historyRows(String table, String instance, String name) {
        return jdbc.sql("select count(*) from " + table + " where proc_inst_id_ = ? and name_ = ?")
                .params(instance, name).query(Integer.class).single();
    }

    private HttpResponse<String> completeWithBatch(String taskId, String batchId) {
        return http.json("POST", "/engine-rest/task/" + taskId + "/complete", "huangli", PASSWORD,
                InputValues.toJson(Map.of("variables", Map.of(
                        "ballotBatchId", Map.of("value", batchId),
                        "electorsDueToAttend", Map.of("value", 800),
                        "electorsPresent", Map.of("value", 782),
                        "ballotsIssued", Map.of("value", 782)))));
    }

    /** A multipart upload of the part {@code file}, as a browser sends it. */
    private HttpResponse<String> upload(String path, String fileName, byte[] content) {
        Http.Upload upload = Http.Upload.of(fileName, "application/octet-stream", content);
        return http.sendBytes("POST", path, "huangli", PASSWORD, upload.body(), upload.contentType());
    }

    /** The batches entered for the vote at the congress. */
    private int batches(Election election) {
        return jdbc.sql("select count(*) from ballot_batch where election_id = ? and vote = 'CONGRESS'")
                .param(election.id)
                .query(Integer.class).single();
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Polls every 100 ms for up to 60 s until the value is there. */
    private static <T> T waitFor(Supplier<T> value) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        T found;
        while ((found = value.get()) == null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("等待超时");
            }
            Thread.sleep(100);
        }
        return found;
    }
}
