package org.delegateelection.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.IntStream;

import org.delegateelection.cluster.ClusterNode;
import org.delegateelection.cluster.RestElections;
import org.delegateelection.demo.HandbookElection;

/**
 * Many election units at once, to their end, on one node and on two nodes: each node a JVM of its own (profiles
 * {@code postgres,demo}, job executor on, {@code -Xmx512m}) on one fresh PostgreSQL database, as in production. The
 * elections are the handbook province scaled to the 38 sizes of {@link HandbookElection#THIRTY_EIGHT_UNITS} (36 to
 * 150 seats, 2,300 in all; nominee pools 1.23 to 1.44 times the seats, 17 recommending units), started through {@code /api/elections} and driven through {@code /engine-rest} by its own client thread, all
 * at once, with the decisions of its plan (the REST client of the cluster test); the public notice's timer is made
 * due and left to the nodes' job executors. With two nodes the elections alternate between them, every call of one
 * election going to its node. Prints wall time, elections per minute, the nodes' heap (highest use, and highest live
 * data after a collection, from Actuator), and the database's growth per election.
 *
 * <p>Run with {@code mvn -Pbenchmark test-compile exec:exec -Dbenchmark=Concurrent}. System properties:
 * {@code benchmark.units} (elections, default 38: the sizes taken in turn), {@code benchmark.nodes} ({@code 1,2}), {@code benchmark.pg-url}
 * (server, user {@code postgres}; each run creates its database and drops it). Not a test: nothing is asserted.
 */
public final class ConcurrentBenchmark {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private ConcurrentBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int units = Integer.getInteger("benchmark.units", 38);
        List<Integer> nodeCounts = Arrays.stream(System.getProperty("benchmark.nodes", "1,2").split(","))
                .map(String::strip).map(Integer::valueOf).toList();
        String server = System.getProperty("benchmark.pg-url", "jdbc:postgresql://127.0.0.1:5432/");
        System.out.printf(Locale.ROOT, "Machine: %d cores (availableProcessors), Java %s, %s %s; nodes -Xmx512m%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("os.name"), System.getProperty("os.arch"));
        System.out.printf("%d elections of %d to %d seats (%d seats in all), each driven by its own client thread%n",
                units, seats(units).stream().min(Integer::compare).orElseThrow(),
                seats(units).stream().max(Integer::compare).orElseThrow(),
                seats(units).stream().mapToInt(Integer::intValue).sum());
        List<String> rows = new ArrayList<>();
        for (int nodes : nodeCounts) {
            rows.add(run(server, nodes, units));
        }
        System.out.println();
        System.out.println("| nodes | elections | seats | wall s | elections/min | heap used max MiB | live heap after GC max MiB | DB growth per election MiB | DB size MiB |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    private static String run(String server, int nodeCount, int units) throws Exception {
        String database = "benchmark_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection admin = DriverManager.getConnection(server + "postgres", "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("create database " + database);
        }
        // the engine's clock on 1 March 2022: every notice ends within the calendar's years
        long offset = LocalDate.of(2022, 3, 1).atTime(9, 0).atZone(ZONE).toInstant().toEpochMilli()
                - System.currentTimeMillis();
        List<ClusterNode> nodes = new ArrayList<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        ExecutorService clients = Executors.newFixedThreadPool(units);
        try {
            for (int i = 0; i < nodeCount; i++) {
                nodes.add(ClusterNode.start("benchmark-node-" + (char) ('a' + i), server + database,
                        List.of("-Xmx512m"), List.of("--cluster.engine-clock-offset-millis=" + offset,
                                "--logging.level.root=WARN")));
            }
            RestElections rest = new RestElections(offset);
            long before = databaseSize(server + database);
            AtomicLongArray heap = new AtomicLongArray(2);
            sampler.scheduleAtFixedRate(() -> nodes.forEach(node -> {
                heap.accumulateAndGet(0, metric(rest, node, "jvm.memory.used?tag=area:heap"), Math::max);
                heap.accumulateAndGet(1, metric(rest, node, "jvm.gc.live.data.size"), Math::max);
            }), 0, 500, TimeUnit.MILLISECONDS);
            // the tables grow from empty: refresh the planner's statistics as autovacuum does (off on some servers)
            sampler.scheduleWithFixedDelay(() -> analyze(server + database), 10, 10, TimeUnit.SECONDS);
            System.out.printf("%n== %d node(s) on %s: %d elections at once%n", nodeCount, database, units);
            long start = System.nanoTime();
            List<Future<?>> elections = new ArrayList<>();
            for (int i = 0; i < units; i++) {
                ClusterNode node = nodes.get(i % nodeCount);
                String code = "unit-" + (i + 1);
                int seats = seats(units).get(i);
                elections.add(clients.submit(() -> {
                    RestElections.Election election = rest.start(node.baseUrl(), code, seats);
                    rest.advance(node::baseUrl, election, null, false);
                    return null;
                }));
            }
            for (Future<?> election : elections) {
                election.get();
            }
            double wall = (System.nanoTime() - start) / 1e9;
            sampler.shutdown();
            sampler.awaitTermination(5, TimeUnit.SECONDS);
            long after = databaseSize(server + database);
            double mib = 1024 * 1024;
            System.out.printf(Locale.ROOT, "all %d elections ended in %.1f s (%d conflicts sent again)%n", units, wall,
                    rest.conflicts());
            int seats = seats(units).stream().mapToInt(Integer::intValue).sum();
            return String.format(Locale.ROOT, "| %d | %d | %d | %.1f | %.1f | %.0f | %.0f | %.2f | %.0f |", nodeCount,
                    units, seats, wall, units * 60 / wall, heap.get(0) / mib, heap.get(1) / mib,
                    (after - before) / mib / units, after / mib);
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

    /** The seats of the first {@code units} elections: the 38 sizes, again from the first when there are more. */
    private static List<Integer> seats(int units) {
        List<Integer> sizes = HandbookElection.THIRTY_EIGHT_UNITS;
        return IntStream.range(0, units).mapToObj(i -> sizes.get(i % sizes.size())).toList();
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
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select pg_database_size(current_database())")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
