package org.delegateelection.benchmark;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAccumulator;

import org.delegateelection.cluster.ClusterNode;
import org.delegateelection.cluster.RestElections;
import org.delegateelection.demo.GeneratedUnits;
import org.delegateelection.demo.GeneratedUnitsTest;
import org.delegateelection.demo.HandbookDriver;
import org.delegateelection.demo.HandbookElection;
import org.delegateelection.demo.NationalSeeder;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The 38 electoral units of the demo's national procedure ({@value NationalSeeder#CODE}, the allocation of the 20th
 * Congress: 12 to 300 seats, 2,300 in all) elected at once on one node and on two, on PostgreSQL, as in production:
 * each node a JVM of its own (profiles {@code postgres,demo}, job executor on, {@code -Xmx512m}) on one fresh
 * database. The first node seeds the 38 units (each its generated bodies, registry and branch tallies, its election
 * waiting at step 1) and starts the national procedure; the others start once that is stored. Then each unit's
 * election is driven over REST by a client thread of its own, all at once, as its own unit's users ({@code
 * <unit>-<group>}, the handbook province's demo users, the central bodies' demo users for steps 17 and 21), with the
 * decisions of its generated plan, through {@code /engine-rest} (the cluster test's client, the public notice's timer
 * made due and left to the job executors) up to step 25, the units alternating between the nodes; then the national
 * credentials committee confirms the 38 in the national task 审查确认各选举单位代表资格, and the national roll-up of
 * the confirmed delegates ({@code GET /api/national/roll-up}) is read several times and compared with the roll-up of
 * the units' plans, which {@link GeneratedUnitsTest} proves to be the published figures of the 20th Congress.
 *
 * <p>Prints per run the wall times (the first node's start and the seeding, the drive, the confirmation, in all),
 * elections per minute, the nodes' heap (highest use, and highest live data after a collection, from Actuator), the
 * database's size after the seeding and its growth per election, the roll-up's time (median of
 * {@value #ROLL_UP_GETS} GETs after 2 unmeasured, alternating between the nodes) and the machine's load average.
 *
 * <p>Run with {@code mvn -Pbenchmark test-compile exec:exec -Dbenchmark=Concurrent}. System properties:
 * {@code benchmark.nodes} ({@code 1,2}), {@code benchmark.pg-url} (server, user {@code postgres}; each run creates
 * its database and drops it). Not a test; it stops with an exception when a unit does not reach step 25, the national
 * procedure does not end or the roll-up differs from the plans'.
 */
public final class ConcurrentBenchmark {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final String CENTRE = "yangfan";
    private static final String COMMITTEE = "zhoumin";
    private static final String ROLL_UP = "/api/national/roll-up?list=confirmed&ageOn=" + GeneratedUnitsTest.AGE_ON;
    /** Measured GETs of the roll-up. */
    private static final int ROLL_UP_GETS = 10;

    private ConcurrentBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> nodeCounts = Arrays.stream(System.getProperty("benchmark.nodes", "1,2").split(","))
                .map(String::strip).map(Integer::valueOf).toList();
        String server = System.getProperty("benchmark.pg-url", "jdbc:postgresql://127.0.0.1:5432/");
        GeneratedUnits generated = new GeneratedUnits();
        System.out.printf(Locale.ROOT, "Machine: %d cores (availableProcessors), Java %s, %s %s; nodes -Xmx512m; "
                        + "load average %.2f%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.arch"),
                loadAverage());
        System.out.printf("%d units of %s, %d seats, each driven by its own client thread as its own users%n",
                generated.allocation().rows().size(), NationalSeeder.ALLOCATION, generated.allocation().totalSeats());
        List<String> rows = new ArrayList<>();
        for (int nodes : nodeCounts) {
            rows.add(run(server, nodes, generated));
        }
        System.out.println();
        System.out.println("| nodes | units | seats | first node up s | seeded s | drive s | credentials s | total s "
                + "| elections/min | heap used max MiB | live heap after GC max MiB | DB after seeding MiB "
                + "| DB growth per election MiB | roll-up median ms | roll-up max ms | load average start / max |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    private static String run(String server, int nodeCount, GeneratedUnits generated) throws Exception {
        String database = "benchmark_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection admin = DriverManager.getConnection(server + "postgres", "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("create database " + database);
        }
        // the engine's clock on 1 March 2022: every notice ends within the calendar's years, before the national
        // procedure's progress check (1 June 2022)
        long offset = LocalDate.of(2022, 3, 1).atTime(9, 0).atZone(ZONE).toInstant().toEpochMilli()
                - System.currentTimeMillis();
        List<ClusterNode> nodes = new CopyOnWriteArrayList<>();
        RestElections central = new RestElections(offset);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        int unitCount = generated.allocation().rows().size();
        ExecutorService clients = Executors.newFixedThreadPool(unitCount);
        double loadAtStart = loadAverage();
        try {
            AtomicLongArray heap = new AtomicLongArray(2);
            DoubleAccumulator load = new DoubleAccumulator(Math::max, loadAtStart);
            sampler.scheduleAtFixedRate(() -> {
                nodes.forEach(node -> {
                    heap.accumulateAndGet(0, metric(central, node, "jvm.memory.used?tag=area:heap"), Math::max);
                    heap.accumulateAndGet(1, metric(central, node, "jvm.gc.live.data.size"), Math::max);
                });
                load.accumulate(loadAverage());
            }, 0, 500, TimeUnit.MILLISECONDS);
            // the tables grow from empty: refresh the planner's statistics as autovacuum does (off on some servers)
            sampler.scheduleWithFixedDelay(() -> analyze(server + database), 10, 10, TimeUnit.SECONDS);
            System.out.printf("%n== %d node(s) on %s%n", nodeCount, database);

            long start = System.nanoTime();
            nodes.add(node(0, server + database, offset));
            double firstUp = seconds(start);
            List<JsonNode> units = seeded(central, nodes.get(0), unitCount);
            double seeded = seconds(start);
            System.out.printf(Locale.ROOT, "first node up (actuator health) after %.1f s; %d units seeded and the "
                    + "national procedure started after %.1f s%n", firstUp, units.size(), seeded);
            for (int i = 1; i < nodeCount; i++) {
                long nodeStart = System.nanoTime();
                nodes.add(node(i, server + database, offset));
                System.out.printf(Locale.ROOT, "node %d up after %.1f s%n", i + 1, seconds(nodeStart));
            }
            long seededSize = databaseSize(server + database);

            long driveStart = System.nanoTime();
            List<RestElections> drivers = new ArrayList<>();
            List<Future<?>> elections = new ArrayList<>();
            for (int i = 0; i < units.size(); i++) {
                JsonNode unit = units.get(i);
                String code = unit.get("code").asText();
                HandbookElection election = generated.of(code);
                RestElections driver = new RestElections(offset, code.equals(HandbookElection.CODE)
                        ? RestElections.Users.DEMO
                        : RestElections.Users.ofUnit(code, election.unit().recommendingUnits()), SILENT);
                drivers.add(driver);
                long id = unit.get("electionId").asLong();
                RestElections.Election driven = new RestElections.Election(id, unit.get("processInstanceId")
                        .asText(), code, new HandbookDriver.Run(SILENT, id, code, election.plan()));
                ClusterNode node = nodes.get(i % nodeCount);
                elections.add(clients.submit(() -> {
                    driver.advance(node::baseUrl, driven, "credentialsReview", false);
                    System.out.printf(Locale.ROOT, "  %s (%d seats, %s) at step 25 after %.1f s%n", code,
                            election.unit().seats(), node.name(), seconds(driveStart));
                    return null;
                }));
            }
            for (Future<?> election : elections) {
                election.get();
            }
            double drive = seconds(driveStart);

            long credentialsStart = System.nanoTime();
            confirmCredentials(central, nodes.get(0), units);
            double credentials = seconds(credentialsStart);
            double total = seconds(start);

            List<Double> times = new ArrayList<>();
            String rollUp = null;
            for (int i = 0; i < 2 + ROLL_UP_GETS; i++) {
                long get = System.nanoTime();
                rollUp = get(central, nodes.get(i % nodeCount), ROLL_UP);
                if (i >= 2) {
                    times.add((System.nanoTime() - get) / 1e6);
                }
            }
            sampler.shutdown();
            sampler.awaitTermination(5, TimeUnit.SECONDS);
            long after = databaseSize(server + database);
            String figures = sameAsPlanned(JSON.readTree(rollUp));
            times.sort(null);
            double mib = 1024 * 1024;
            System.out.printf(Locale.ROOT, "drive %.1f s, credentials of the %d units confirmed in %.1f s (%d "
                            + "conflicts sent again); the roll-up equals the units' plans: %s%n", drive, units.size(),
                    credentials, drivers.stream().mapToInt(RestElections::conflicts).sum(), figures);
            System.out.printf(Locale.ROOT, "roll-up GET (ms): %s%n", times.stream()
                    .map(t -> String.format(Locale.ROOT, "%.0f", t)).toList());
            return String.format(Locale.ROOT, "| %d | %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.0f | %.0f "
                            + "| %.0f | %.2f | %.0f | %.0f | %.1f / %.1f |", nodeCount, units.size(),
                    generated.allocation().totalSeats(), firstUp, seeded, drive, credentials, total,
                    units.size() * 60 / (drive + credentials), heap.get(0) / mib, heap.get(1) / mib,
                    seededSize / mib, (after - seededSize) / mib / units.size(), median(times),
                    times.get(times.size() - 1), loadAtStart, load.get());
        } finally {
            sampler.shutdownNow();
            clients.shutdownNow();
            for (ClusterNode node : nodes) {
                node.close();
            }
            try (Connection admin = DriverManager.getConnection(server + "postgres", "postgres", "");
                    Statement statement = admin.createStatement()) {
                statement.execute("drop database if exists " + database + " with (force)");
            }
        }
    }

    private static ClusterNode node(int index, String jdbcUrl, long offset) throws Exception {
        // the national procedure on: the test sources' configuration, on the nodes' class path, turns it off
        return ClusterNode.start("benchmark-node-" + (char) ('a' + index), jdbcUrl, List.of("-Xmx512m"),
                List.of("--cluster.engine-clock-offset-millis=" + offset, "--logging.level.root=WARN",
                        "--delegate-election.demo.national=true"));
    }

    /**
     * Waits until the national procedure is stored with every unit's election started (the demo seeds them in one
     * transaction once the node is ready) and returns the units' progress, in the allocation's order.
     */
    private static List<JsonNode> seeded(RestElections central, ClusterNode node, int unitCount) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        while (System.nanoTime() < deadline) {
            RestElections.Answer answer = central.call(node.baseUrl(), "GET", "/api/national/elections/"
                    + NationalSeeder.CODE, CENTRE, null);
            if (answer.status() == 200) {
                List<JsonNode> units = new ArrayList<>();
                answer.body().path("units").forEach(units::add);
                if (units.size() == unitCount && units.stream().allMatch(u -> u.hasNonNull("processInstanceId"))) {
                    return units;
                }
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("15 分钟内未完成全国流程和各选举单位的初始化");
    }

    /**
     * The credentials committee confirms every unit, none found invalid, in the national task once it is open
     * (after the last unit has reported); its completion completes each unit's step 25. Checks that the national
     * procedure has then ended with every unit confirmed.
     */
    private static void confirmCredentials(RestElections central, ClusterNode node, List<JsonNode> units)
            throws Exception {
        String query = "/engine-rest/task?processDefinitionKey=national-election&taskDefinitionKey=confirmCredentials";
        JsonNode task = null;
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (task == null && System.nanoTime() < deadline) {
            JsonNode open = expect(200, central.call(node.baseUrl(), "GET", query, COMMITTEE, null)).body();
            task = open.isEmpty() ? null : open.get(0);
            if (task == null) {
                Thread.sleep(500);
            }
        }
        if (task == null) {
            throw new IllegalStateException("所有选举单位上报后，审查确认代表资格的任务未出现");
        }
        String id = task.get("id").asText();
        expect(204, central.call(node.baseUrl(), "POST", "/engine-rest/task/" + id + "/claim", COMMITTEE,
                Map.of("userId", COMMITTEE)));
        String codes = String.join("\n", units.stream().map(u -> u.get("code").asText()).toList());
        Map<String, Object> variables = Map.of("unitCodesText", RestElections.restValue(codes),
                "invalidDelegatesText", RestElections.restValue(""));
        HttpResponse<String> submitted = HTTP.send(central.request(node.baseUrl(), "/engine-rest/task/" + id
                        + "/submit-form", COMMITTEE).timeout(Duration.ofMinutes(15))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("variables", variables))))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (submitted.statusCode() != 204) {
            throw new IllegalStateException("审查确认代表资格 → " + submitted.statusCode() + " " + submitted.body());
        }
        JsonNode national = expect(200, central.call(node.baseUrl(), "GET", "/api/national/elections/"
                + NationalSeeder.CODE, CENTRE, null)).body();
        List<String> unconfirmed = new ArrayList<>();
        national.path("units").forEach(u -> {
            if (!u.path("confirmed").asBoolean()) {
                unconfirmed.add(u.path("code").asText());
            }
        });
        // the history as the administrator: the Centre's bodies read the national instance, not its history
        JsonNode instances = central.ok(node.baseUrl(), "GET",
                "/engine-rest/history/process-instance?processDefinitionKey=national-election", null);
        if (!unconfirmed.isEmpty() || instances.size() != 1
                || !"COMPLETED".equals(instances.get(0).path("state").asText())) {
            throw new IllegalStateException("代表资格确认后全国流程未结束：未确认 " + unconfirmed + "，流程 " + instances);
        }
    }

    /**
     * Compares the node's roll-up with the roll-up of the units' plans ({@link GeneratedUnitsTest#rollUp()}): the
     * totals, the composition, the requirements missed and every unit's figures; returns the main figures.
     *
     * @throws IllegalStateException naming what differs
     */
    private static String sameAsPlanned(JsonNode actual) {
        JsonNode planned = JSON.valueToTree(GeneratedUnitsTest.rollUp());
        List<String> differing = new ArrayList<>();
        for (String field : List.of("units", "unitsReported", "seats", "composition", "missing")) {
            if (!planned.path(field).equals(actual.path(field))) {
                differing.add(field + ": " + actual.path(field) + " ≠ " + planned.path(field));
            }
        }
        if (!byCode(planned.path("unitFigures")).equals(byCode(actual.path("unitFigures")))) {
            differing.add("unitFigures");
        }
        if (!differing.isEmpty()) {
            throw new IllegalStateException("全国汇总与各单位计划的汇总不同：" + differing);
        }
        JsonNode c = actual.path("composition");
        return String.format(Locale.ROOT, "%d units reported, %d delegates, frontline %d, women %d, minorities %d of "
                        + "%d groups, average age %s, no unit missing a requirement",
                actual.path("unitsReported").asInt(), c.path("count").asInt(), c.at("/frontline/count").asInt(),
                c.at("/women/count").asInt(), c.at("/minorities/count").asInt(), c.path("minorityGroups").asInt(),
                c.path("averageAge").asText());
    }

    private static Map<String, JsonNode> byCode(JsonNode units) {
        Map<String, JsonNode> byCode = new TreeMap<>();
        units.forEach(unit -> byCode.put(unit.path("code").asText(), unit));
        return byCode;
    }

    /** A GET as the Central Organization Department's user: the answer's body, expecting 200. */
    private static String get(RestElections central, ClusterNode node, String path) throws Exception {
        HttpResponse<String> answer = HTTP.send(central.request(node.baseUrl(), path, CENTRE).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " → " + answer.statusCode() + " " + answer.body());
        }
        return answer.body();
    }

    private static RestElections.Answer expect(int status, RestElections.Answer answer) {
        if (answer.status() != status) {
            throw new IllegalStateException("应答 " + answer.status() + "（应为 " + status + "）：" + answer.body());
        }
        return answer;
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** The machine's load average over the last minute. */
    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** A node's Actuator metric in bytes, 0 when it cannot be read. */
    private static long metric(RestElections rest, ClusterNode node, String metric) {
        try {
            return (long) rest.ok(node.baseUrl(), "GET", "/actuator/metrics/" + metric, null)
                    .path("measurements").path(0).path("value").asDouble();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /**
     * {@code ANALYZE} of the whole database, as PostgreSQL's autovacuum does when a table has changed by a tenth;
     * without it the planner takes the tables for empty and joins them row by row.
     */
    static void analyze(String url) {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("analyze");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long databaseSize(String url) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("select pg_database_size(current_database())")) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
