package org.delegateelection.benchmark;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.delegateelection.cluster.ClusterNode;
import org.delegateelection.cluster.RestElections;
import org.delegateelection.demo.HandbookElection;
import org.delegateelection.election.ElectionRequest;
import org.delegateelection.security.AccessSetup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The task list of a group with many open tasks, through the REST API: one node (a JVM of its own, profiles
 * {@code postgres,demo}, {@code -Xmx512m}) on a fresh PostgreSQL database; {@code benchmark.tasks} elections (default
 * 1,000) are started through {@code /api/elections}, each waiting at step 1 with a task for the organization
 * department ({@code org-dept}), and the planner's statistics are refreshed ({@code ANALYZE}). Then, as {@code zhangwei} of that group, each of these requests is sent
 * {@code benchmark.requests} times (default 200, after 20 unmeasured) and its latency measured: the first page
 * (15, newest first) of the group's tasks by {@code GET /engine-rest/task?candidateGroup=org-dept}, its count, and the
 * first page of the Tasklist filter "全部选举任务" by {@code POST /engine-rest/filter/{id}/list} as Tasklist asks for it
 * (HAL, with the filter's variables). Prints median and 95th percentile in ms. Not a test: nothing is asserted.
 *
 * <p>Run with {@code mvn -Pbenchmark test-compile exec:exec -Dbenchmark=TaskList}.
 */
public final class TaskListBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final String USER = "zhangwei";
    private static final int WARMUP = 20;

    private TaskListBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tasks = Integer.getInteger("benchmark.tasks", 1000);
        int requests = Integer.getInteger("benchmark.requests", 200);
        String server = System.getProperty("benchmark.pg-url", "jdbc:postgresql://127.0.0.1:5432/");
        String database = "benchmark_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection admin = DriverManager.getConnection(server + "postgres", "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("create database " + database);
        }
        try (ClusterNode node = ClusterNode.start("benchmark-tasklist", server + database, List.of("-Xmx512m"),
                List.of("--logging.level.root=WARN"))) {
            String base = node.baseUrl();
            RestElections rest = new RestElections(0);
            ObjectNode request = JSON.valueToTree(ElectionRequest.of(new HandbookElection().unit()));
            request.remove("ruleOverrides");
            ExecutorService starters = Executors.newFixedThreadPool(4);
            List<Future<?>> started = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < tasks; i++) {
                ObjectNode election = request.deepCopy().put("code", "tasklist-" + (i + 1));
                started.add(starters.submit(() -> rest.ok(base, "POST", "/api/elections", election)));
            }
            for (Future<?> election : started) {
                election.get();
            }
            starters.shutdown();
            System.out.printf(Locale.ROOT, "%d elections started in %.1f s%n", tasks,
                    (System.nanoTime() - start) / 1e9);
            // the planner's statistics, as autovacuum gathers them after such a load (off on some servers)
            ConcurrentBenchmark.analyze(server + database);
            String filterId = rest.ok(base, "GET", "/engine-rest/filter?name="
                    + URLEncoder.encode(AccessSetup.ELECTION_TASKS, StandardCharsets.UTF_8), null).get(0)
                    .get("id").asText();
            JsonNode count = rest.ok(base, "GET", "/engine-rest/task/count?candidateGroup=org-dept", null);
            System.out.printf("open tasks of org-dept: %s (with the handbook election of the demo profile)%n",
                    count.get("count"));

            HttpClient http = HttpClient.newHttpClient();
            List<String> rows = new ArrayList<>();
            rows.add(measure(http, requests, "GET /engine-rest/task?candidateGroup=org-dept (first 15, newest first)",
                    () -> rest.request(base, "/engine-rest/task?candidateGroup=org-dept"
                            + "&sortBy=created&sortOrder=desc&firstResult=0&maxResults=15", USER)
                            .header("Accept", "application/json").GET()));
            rows.add(measure(http, requests, "GET /engine-rest/task/count?candidateGroup=org-dept",
                    () -> rest.request(base, "/engine-rest/task/count?candidateGroup=org-dept", USER)
                            .header("Accept", "application/json").GET()));
            rows.add(measure(http, requests, "POST /engine-rest/filter/{id}/list, filter 全部选举任务 (first 15, HAL)",
                    () -> rest.request(base, "/engine-rest/filter/" + filterId
                                    + "/list?firstResult=0&maxResults=15", USER)
                            .header("Accept", "application/hal+json").header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}]}"))));
            System.out.println();
            System.out.printf("| request (%d open org-dept tasks, %d times each) | median ms | p95 ms |%n", tasks,
                    requests);
            System.out.println("|---|---|---|");
            rows.forEach(System.out::println);
        } finally {
            try (Connection admin = DriverManager.getConnection(server + "postgres", "postgres", "");
                    Statement statement = admin.createStatement()) {
                statement.execute("drop database if exists " + database + " with (force)");
            }
        }
    }

    /** Sends the request {@code times} times after a warm-up, one at a time; a table row with median and p95. */
    private static String measure(HttpClient http, int times, String label,
            java.util.function.Supplier<HttpRequest.Builder> request) throws Exception {
        double[] ms = new double[times];
        for (int i = -WARMUP; i < times; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request.get().build(), HttpResponse.BodyHandlers.ofString());
            long nanos = System.nanoTime() - start;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(label + " → " + response.statusCode() + " " + response.body());
            }
            if (i >= 0) {
                ms[i] = nanos / 1e6;
            }
        }
        Arrays.sort(ms);
        double median = times % 2 == 1 ? ms[times / 2] : (ms[times / 2 - 1] + ms[times / 2]) / 2;
        double p95 = ms[(int) Math.ceil(0.95 * times) - 1];
        return String.format(Locale.ROOT, "| %s | %.1f | %.1f |", label, median, p95);
    }
}
