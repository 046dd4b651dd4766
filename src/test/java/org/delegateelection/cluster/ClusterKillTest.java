package org.delegateelection.cluster;

import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.function.Supplier;

import org.delegateelection.cluster.RestElections.Answer;
import org.delegateelection.cluster.RestElections.Election;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two application nodes in JVMs of their own on one PostgreSQL database, driven through their REST APIs as users and
 * other systems drive them: elections are started on node A and their tasks completed through node B; the public
 * notice's timers fall due and are run by whichever job executor takes them. Node A is killed (SIGKILL) while an
 * election is in the middle of stage 2 with a completion in flight on A, and two others wait in step 18, one timer
 * falling due just before the kill and one after it. Every election must still reach its end through node B with
 * each step done once: the engine's history and the domain tables of each election are the same as those of an
 * election driven without interruption, and agree with each other; no job stays locked past its lock time.
 * Concurrent completions of the same election through both nodes surface as 409 (send again), never as a lost or
 * doubled write.
 *
 * <p>Needs PostgreSQL and two JVMs: tagged {@code cluster}, which the pom leaves out of the suite except in its
 * PostgreSQL pass ({@code -Dtest.database=postgres}), so it runs once per CI run; on the
 * server of {@code TEST_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/}, user {@code postgres}), in a
 * database of its own that it drops at the end.
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterKillTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** The nodes' engine clock starts on 1 March 2022 (a notice then ends within the calendar's years). */
    private static final long CLOCK_OFFSET = LocalDate.of(2022, 3, 1).atTime(9, 0).atZone(ZONE).toInstant()
            .toEpochMilli() - System.currentTimeMillis();
    private static final int LOCK_MILLIS = 10_000;
    /** Quick to start on two shared cores: the first compiler only. */
    private static final List<String> NODE_JVM = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1");
    private static final List<String> NODE_SETTINGS = List.of(
            "--cluster.engine-clock-offset-millis=" + CLOCK_OFFSET,
            // a job locked by a node that died is taken over after 10 s (5 minutes in production)
            "--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_MILLIS,
            // idle job executors look for jobs at least every 2 s
            "--camunda.bpm.job-execution.wait-time-in-millis=500",
            "--camunda.bpm.job-execution.max-wait=2000");

    private static final String SERVER = System.getenv().getOrDefault("TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/");
    private static final String DATABASE = "test_cluster_" + UUID.randomUUID().toString().substring(0, 8);

    private static ClusterNode nodeA;
    private static ClusterNode nodeB;
    private static final RestElections rest = new RestElections(CLOCK_OFFSET);
    /** The history and domain records of an election driven through node B without interruption. */
    private static Map<String, Long> undisturbed;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("create database " + DATABASE);
        }
        // one after the other: the first creates the schema, the demo users and the handbook election
        nodeA = ClusterNode.start("node-a", SERVER + DATABASE, NODE_JVM, NODE_SETTINGS);
        nodeB = ClusterNode.start("node-b", SERVER + DATABASE, NODE_JVM, NODE_SETTINGS);
        Election control = rest.start(nodeA.baseUrl(), "cluster-control");
        rest.advance(nodeB::baseUrl, control, null, false);
        undisturbed = records(control);
    }

    @AfterAll
    static void stopNodes() throws Exception {
        for (ClusterNode node : new ClusterNode[] {nodeA, nodeB}) {
            if (node != null) {
                node.close();
            }
        }
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + DATABASE + " with (force)");
        }
    }

    @Test
    @Order(1)
    void concurrentCompletionsThroughBothNodesAreAnsweredSendAgainAndRecordedOnce() throws Exception {
        Election election = rest.start(nodeA.baseUrl(), "cluster-concurrent");
        rest.advance(nodeB::baseUrl, election, "recommendingUnitDecision", false);
        for (JsonNode task : rest.tasks(nodeB.baseUrl(), election)) {
            if (!task.get("taskDefinitionKey").asText().equals("recommendingUnitDecision")) {
                assertThat(rest.complete(nodeB.baseUrl(), election, task).status()).isEqualTo(204);
            }
        }
        List<JsonNode> decisions = rest.tasks(nodeB.baseUrl(), election);
        assertThat(decisions).hasSize(17)
                .allMatch(task -> task.get("taskDefinitionKey").asText().equals("recommendingUnitDecision"));

        // the same task submitted through A and B at the same moment: one is done, the other changes nothing
        JsonNode same = decisions.get(0);
        String user = rest.memberOf(nodeA.baseUrl(), same.get("id").asText());
        assertThat(rest.call(nodeA.baseUrl(), "POST", "/engine-rest/task/" + same.get("id").asText() + "/claim",
                user, Map.of("userId", user)).status()).isEqualTo(204);
        // the values read before the race: only the submissions meet
        Map<String, Object> values = rest.values(nodeA.baseUrl(), election, same);
        List<Answer> both = race(() -> rest.submit(nodeA.baseUrl(), same, user, values),
                () -> rest.submit(nodeB.baseUrl(), same, user, values));
        assertThat(both).extracting(Answer::status).containsOnlyOnce(204);
        Answer loser = both.stream().filter(a -> a.status() != 204).findFirst().orElseThrow();
        assertThat(loser.status()).as("the other submission: %s", loser.body()).isEqualTo(409);
        assertThat(loser.body().get("message").asText()).contains("请刷新后重试");

        // two units' decisions at once through A and B end their unit's nomination together: any loser gets 409
        // and, sent again, is done once
        List<Integer> statuses = new ArrayList<>();
        for (int i = 1; i + 1 < decisions.size(); i += 2) {
            JsonNode first = decisions.get(i);
            JsonNode second = decisions.get(i + 1);
            for (JsonNode task : List.of(first, second)) {
                String member = rest.memberOf(nodeB.baseUrl(), task.get("id").asText());
                rest.call(nodeB.baseUrl(), "POST", "/engine-rest/task/" + task.get("id").asText() + "/claim",
                        member, Map.of("userId", member));
            }
            List<Answer> pair = race(() -> untilNotConflict(nodeA.baseUrl(), election, first),
                    () -> untilNotConflict(nodeB.baseUrl(), election, second));
            pair.forEach(answer -> statuses.add(answer.status()));
        }
        assertThat(statuses).hasSize(16).containsOnly(204);

        rest.advance(nodeB::baseUrl, election, null, false);
        assertThat(records(election)).isEqualTo(undisturbed);
        System.out.printf("cluster: concurrent completions answered 409 and sent again: %d%n", rest.conflicts());
    }

    @Test
    @Order(2)
    void everyElectionReachesItsEndThroughNodeBWhenNodeAIsKilledInStage2AndStep18() throws Exception {
        Election inStage2 = rest.start(nodeA.baseUrl(), "cluster-stage2");
        Election noticeDueBeforeKill = rest.start(nodeA.baseUrl(), "cluster-notice1");
        Election noticeDueAfterKill = rest.start(nodeA.baseUrl(), "cluster-notice2");
        rest.advance(nodeB::baseUrl, noticeDueBeforeKill, null, true);
        rest.advance(nodeB::baseUrl, noticeDueAfterKill, null, true);
        rest.advance(nodeA::baseUrl, inStage2, "recommendingUnitDecision", false);

        // node A goes on with stage 2, and the first notice's timer falls due, when A is killed
        CompletableFuture<Void> onA = CompletableFuture.runAsync(
                () -> rest.advance(nodeA::baseUrl, inStage2, null, false));
        rest.makeDue(nodeA.baseUrl(), timer(noticeDueBeforeKill).get("id").asText());
        while (completed(inStage2, "recommendingUnitDecision") < 2 && !onA.isDone()) {
            Thread.sleep(20);
        }
        assertThat(onA).as("node A was still driving stage 2").isNotDone();
        nodeA.kill();
        assertThatThrownBy(onA::join).hasCauseInstanceOf(UncheckedIOException.class);
        assertThat(rest.tasks(nodeB.baseUrl(), inStage2)).isNotEmpty()
                .anyMatch(t -> t.get("taskDefinitionKey").asText().equals("recommendingUnitDecision"));

        // the second notice falls due while A is dead: only B's job executor can run it
        rest.makeDue(nodeB.baseUrl(), timer(noticeDueAfterKill).get("id").asText());
        for (Election election : List.of(inStage2, noticeDueBeforeKill, noticeDueAfterKill)) {
            rest.advance(nodeB::baseUrl, election, null, false);
        }

        for (Election election : List.of(inStage2, noticeDueBeforeKill, noticeDueAfterKill)) {
            assertThat(rest.ended(nodeB.baseUrl(), election)).isTrue();
            assertThat(records(election)).as(election.code()).isEqualTo(undisturbed);
        }
        assertThat(count("select count(*) from act_ru_incident")).isZero();
        // a job A had locked is free again within its lock time (and B's acquisition cycle)
        long deadline = System.nanoTime() + Duration.ofMillis(LOCK_MILLIS + 15_000).toNanos();
        while (expiredLocks() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertThat(expiredLocks()).as("jobs locked past their lock time").isZero();
    }

    /** Runs both at the same moment (as far as two threads can) and returns their answers in order. */
    private static List<Answer> race(Supplier<Answer> first, Supplier<Answer> second) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        CompletableFuture<Answer> one = CompletableFuture.supplyAsync(() -> await(start, first));
        CompletableFuture<Answer> two = CompletableFuture.supplyAsync(() -> await(start, second));
        return List.of(one.get(), two.get());
    }

    private static Answer await(CyclicBarrier start, Supplier<Answer> call) {
        try {
            start.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return call.get();
    }

    /** Submits the claimed task, sending it again as long as the answer is 409; the last answer. */
    private static Answer untilNotConflict(String baseUrl, Election election, JsonNode task) {
        String user = rest.memberOf(baseUrl, task.get("id").asText());
        Answer answer = rest.submit(baseUrl, election, task, user);
        while (answer.status() == 409) {
            answer = rest.submit(baseUrl, election, task, user);
        }
        return answer;
    }

    /** The election's public notice timer (the job with a due date in the engine's future). */
    private static JsonNode timer(Election election) {
        for (JsonNode job : rest.ok(nodeB.baseUrl(), "GET", "/engine-rest/job?processInstanceId="
                + election.processInstanceId(), null)) {
            if (job.path("dueDate").isTextual()) {
                return job;
            }
        }
        throw new IllegalStateException(election.code() + " 没有计时器作业");
    }

    /**
     * What the engine's history and the domain tables hold of an election, by what they count: each user task
     * completed (per task definition key) and open; the quota checks run and the reports stored; the units'
     * recommendation tallies; the tally rounds; the lists and their sizes. History and domain must agree: one stored
     * report per quota check (and the ballot's per approval of the central review), one tally per unit's branch
     * recommendation, one round per vote count.
     */
    private static Map<String, Long> records(Election election) throws SQLException {
        Map<String, Long> records = new TreeMap<>();
        String root = election.processInstanceId();
        try (Connection connection = DriverManager.getConnection(SERVER + DATABASE, "postgres", "")) {
            query(connection, records, "select 'completed ' || task_def_key_, count(*) from act_hi_taskinst"
                    + " where root_proc_inst_id_ = ? and end_time_ is not null group by task_def_key_", root);
            query(connection, records, "select 'open tasks', count(*) from act_ru_task t join act_ru_execution e"
                    + " on t.proc_inst_id_ = e.id_ where e.root_proc_inst_id_ = ?", root);
            query(connection, records, "select 'quota checks run', count(*) from act_hi_actinst where"
                    + " root_proc_inst_id_ = ? and act_type_ = 'serviceTask' and act_id_ like 'check%'"
                    + " and end_time_ is not null", root);
            query(connection, records, "select 'quota reports stored', count(*) from quota_report"
                    + " where election_id = ? and checkpoint <> 'ballot'", election.id());
            query(connection, records, "select 'ballot checks stored', count(*) from quota_report"
                    + " where election_id = ? and checkpoint = 'ballot'", election.id());
            query(connection, records, "select 'units with branch tallies', count(distinct unit_code) from"
                    + " recommendation_file where election_id = ?", election.id());
            query(connection, records, "select 'tally rounds', count(*) from tally_round where election_id = ?",
                    election.id());
            query(connection, records, "select 'list ' || list_name, count(*) from candidate_list"
                    + " where election_id = ? group by list_name", election.id());
        }
        assertThat(records.get("quota reports stored")).as("one stored report per quota check")
                .isEqualTo(records.get("quota checks run"));
        // the ballot's check is stored by the central review's approval (step 21), at most once per review
        assertThat(records.get("ballot checks stored")).as("ballot checks")
                .isLessThanOrEqualTo(records.getOrDefault("completed centralReview", 0L));
        assertThat(records.get("units with branch tallies")).as("each unit's branch recommendation on its tallies")
                .isEqualTo(records.get("completed branchRecommendation"));
        assertThat(records.get("tally rounds")).as("one round per vote count")
                .isEqualTo(records.get("completed ballotAndCount"));
        return records;
    }

    private static void query(Connection connection, Map<String, Long> into, String sql, Object parameter)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    into.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
    }

    /** How many tasks of the key the election has completed. */
    private static long completed(Election election, String taskKey) throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER + DATABASE, "postgres", "");
                PreparedStatement statement = connection.prepareStatement("select count(*) from act_hi_taskinst"
                        + " where root_proc_inst_id_ = ? and task_def_key_ = ? and end_time_ is not null")) {
            statement.setString(1, election.processInstanceId());
            statement.setString(2, taskKey);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER + DATABASE, "postgres", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Jobs still locked by a node although their lock expired (the engine's clock). */
    private static long expiredLocks() throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER + DATABASE, "postgres", "");
                PreparedStatement statement = connection.prepareStatement("select count(*) from act_ru_job"
                        + " where lock_owner_ is not null and lock_exp_time_ < ?")) {
            statement.setTimestamp(1, Timestamp.from(rest.engineNow()));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
