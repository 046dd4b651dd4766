package org.delegateelection.benchmark;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.delegateelection.DelegateElectionApplication;
import org.delegateelection.cluster.RestElections;
import org.delegateelection.demo.GeneratedBallots;
import org.delegateelection.demo.HandbookDriver;
import org.delegateelection.demo.HandbookElection;
import org.delegateelection.election.RecommendingUnit;
import org.delegateelection.process.ElectionService;
import org.delegateelection.process.TestElections;
import org.delegateelection.system.TableFile;
import org.delegateelection.vote.BallotRounds;
import org.delegateelection.vote.Vote;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Measures the whole procedure: the handbook election, copied under a new code, started and driven from step 1 to
 * step 25 by {@link HandbookDriver} (no showcase: no report, no objection, the preliminary list passes at once), on
 * H2 in memory and on a fresh PostgreSQL database; beside it, alternating with it, the bare skeleton of the same
 * procedure shape ({@link ProcedureSkeleton}). Prints wall time per election (median, p95, min, max, in ms), elections
 * per minute, and the ratio of the medians, per database, with the machine it ran on. Then, in the same run, it
 * drives further elections as a REST client does (each task's candidate group's member claims it through
 * {@code POST /engine-rest/task/{id}/claim} and submits it through {@code POST /engine-rest/task/{id}/submit-form},
 * HTTP Basic, as Tasklist submits a form) and prints the time of each submission, median and p95 over all of them.
 *
 * <p>Run with {@code mvn -Pbenchmark test-compile exec:exec}. System properties: {@code benchmark.warmup} (elections
 * not measured, default 1), {@code benchmark.elections} (measured, default 10), {@code benchmark.databases}
 * ({@code h2,postgres}), {@code benchmark.pg-url} (server, default {@code jdbc:postgresql://127.0.0.1:5432/}, user
 * {@code postgres}, no password; the database is created and dropped by the run), {@code benchmark.rest-elections}
 * (elections driven over REST after the measured ones, default 2; 0 for none). Not a test: nothing is asserted
 * about the figures.
 */
public final class ProcedureBenchmark {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final LocalDate NOTICE_DATE = LocalDate.of(2022, 4, 1);
    /** The notice of 2022-04-01 ends at midnight after 2022-04-08 (Qingming; 《国务院办公厅关于2022年部分节假日安排的通知》). */
    private static final LocalDate NOTICE_DUE = LocalDate.of(2022, 4, 9);
    private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());

    private ProcedureBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int warmup = Integer.getInteger("benchmark.warmup", 1);
        int measured = Integer.getInteger("benchmark.elections", 10);
        List<String> databases = Arrays.asList(System.getProperty("benchmark.databases", "h2,postgres").split(","));
        String pgServer = System.getProperty("benchmark.pg-url", "jdbc:postgresql://127.0.0.1:5432/");
        Runtime runtime = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "Machine: %d cores (availableProcessors), max heap %d MiB, Java %s (%s), %s %s %s%n",
                runtime.availableProcessors(), runtime.maxMemory() / (1024 * 1024), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"));
        System.out.printf("Elections per database: %d warm-up + %d measured, each real election followed by a skeleton one%n",
                warmup, measured);
        List<String> results = new ArrayList<>();
        for (String database : databases) {
            switch (database.strip()) {
                case "h2" -> results.addAll(run("H2 (in memory)", "jdbc:h2:mem:benchmark;DB_CLOSE_DELAY=-1", "sa",
                        warmup, measured));
                case "postgres" -> results.addAll(onPostgres(pgServer, warmup, measured));
                default -> throw new IllegalArgumentException("unknown database " + database + " (h2, postgres)");
            }
        }
        System.out.println();
        System.out.println("| database | procedure | user tasks | median ms | p95 ms | min ms | max ms | elections/min | ratio (median) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        results.stream().filter(row -> !row.startsWith("REST ")).forEach(System.out::println);
        System.out.println();
        System.out.println("| database | task completions over REST (submit-form) | median ms | p95 ms | min ms | max ms |");
        System.out.println("|---|---|---|---|---|---|");
        results.stream().filter(row -> row.startsWith("REST ")).map(row -> row.substring(5))
                .forEach(System.out::println);
    }

    private static List<String> onPostgres(String server, int warmup, int measured) throws Exception {
        String name = "benchmark_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection connection = DriverManager.getConnection(server + "postgres", "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            System.out.println("PostgreSQL skipped: not reachable at " + server + " as user postgres ("
                    + e.getMessage() + ")");
            return List.of();
        }
        try {
            return run("PostgreSQL", server + name, "postgres", warmup, measured);
        } finally {
            try (Connection connection = DriverManager.getConnection(server + "postgres", "postgres", "");
                    Statement statement = connection.createStatement()) {
                statement.execute("drop database " + name + " with (force)");
            }
        }
    }

    private static List<String> run(String label, String url, String user, int warmup, int measured)
            throws SQLException {
        String[] profiles = url.startsWith("jdbc:postgresql:") ? new String[] {"demo", "postgres"}
                : new String[] {"demo"};
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(DelegateElectionApplication.class)
                .profiles(profiles)
                .run("--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
                        "--spring.datasource.password=", "--server.port=0", "--camunda.bpm.job-execution.enabled=false",
                        "--camunda.bpm.history-level=full", "--spring.main.banner-mode=off",
                        "--logging.level.root=WARN")) {
            DataSource dataSource = context.getBean(DataSource.class);
            String product;
            try (Connection connection = dataSource.getConnection()) {
                product = connection.getMetaData().getDatabaseProductName() + " "
                        + connection.getMetaData().getDatabaseProductVersion();
            }
            System.out.println();
            System.out.println("== " + label + ": " + product);
            TestElections elections = context.getBean(TestElections.class);
            HandbookDriver driver = context.getBean(HandbookDriver.class);
            HistoryService history = context.getBean(HistoryService.class);
            List<String> unitCodes = new HandbookElection().unit().recommendingUnits().stream()
                    .map(RecommendingUnit::code).toList();
            try (ProcedureSkeleton skeleton = new ProcedureSkeleton(dataSource, unitCodes, NOTICE_DUE)) {
                long[] real = new long[measured];
                long[] bare = new long[measured];
                long realTasks = 0;
                long bareTasks = 0;
                for (int i = -warmup; i < measured; i++) {
                    String code = "bench-" + (i < 0 ? "warmup" + -i : String.valueOf(i));
                    long start = System.nanoTime();
                    // as the driver's test: the election runs from March 2022, before its notice of 1 April 2022
                    ClockUtil.offset(LocalDate.of(2022, 3, 1).atStartOfDay(ZONE).toInstant().toEpochMilli()
                            - System.currentTimeMillis());
                    ElectionService.StartedElection started = elections.start(code);
                    driver.advanceTo(new HandbookDriver.Run(SILENT, started.electionId(), code, false, NOTICE_DATE),
                            null);
                    ClockUtil.resetClock();
                    long realNanos = System.nanoTime() - start;
                    start = System.nanoTime();
                    skeleton.drive(code + "-skeleton");
                    long bareNanos = System.nanoTime() - start;
                    realTasks = history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(code).count();
                    bareTasks = skeleton.userTasks(code + "-skeleton");
                    System.out.printf(Locale.ROOT, "%-14s real %7.1f ms (%d user tasks)   skeleton %7.1f ms (%d user tasks)%n",
                            code, realNanos / 1e6, realTasks, bareNanos / 1e6, bareTasks);
                    if (i >= 0) {
                        real[i] = realNanos;
                        bare[i] = bareNanos;
                    }
                }
                Stats ours = Stats.of(real);
                Stats base = Stats.of(bare);
                double ratio = ours.median / base.median;
                System.out.printf(Locale.ROOT, "%s: ours / skeleton (median) = %.2f× (goal: at most 2×)%n", label, ratio);
                List<String> rows = new ArrayList<>(List.of(ours.row(label, "delegate-election (ours)", realTasks,
                                String.format(Locale.ROOT, "%.2f×", ratio)),
                        base.row(label, "skeleton", bareTasks, "1.00×")));
                int restElections = Integer.getInteger("benchmark.rest-elections", 2);
                if (restElections > 0) {
                    long[] completions = overRest(context, elections, restElections);
                    Stats rest = Stats.of(completions);
                    System.out.printf(Locale.ROOT, "%s: %d task completions over REST, median %.1f ms, p95 %.1f ms%n",
                            label, completions.length, rest.median, rest.p95);
                    rows.add("REST " + Stream.of(label, String.valueOf(completions.length), Stats.fmt(rest.median),
                            Stats.fmt(rest.p95), Stats.fmt(rest.min), Stats.fmt(rest.max))
                            .reduce("|", (a, b) -> a + " " + b + " |"));
                }
                return rows;
            }
        } finally {
            ClockUtil.resetClock();
        }
    }

    /**
     * Drives {@code count} copies of the handbook election (started in the application, as above) to their end as a
     * REST client of the running application: the oldest open task listed through {@code GET /engine-rest/task},
     * claimed by a member of its candidate group and submitted with the plan's values through
     * {@code POST /engine-rest/task/{id}/submit-form}. Only the submissions are timed; what the client reads to
     * build them (the task's unit, the ballots entered for a vote) and the jobs (the public notice, run here as the
     * job executor would) are not.
     *
     * @return the wall time of every submission, in ns
     * @throws IllegalStateException when a submission is refused
     */
    private static long[] overRest(ConfigurableApplicationContext context, TestElections elections, int count) {
        String base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
        RestElections client = new RestElections(0);
        ManagementService management = context.getBean(ManagementService.class);
        HistoryService history = context.getBean(HistoryService.class);
        BallotRounds ballotRounds = context.getBean(BallotRounds.class);
        List<Long> times = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                String code = "bench-rest-" + i;
                ClockUtil.offset(LocalDate.of(2022, 3, 1).atStartOfDay(ZONE).toInstant().toEpochMilli()
                        - System.currentTimeMillis());
                ElectionService.StartedElection started = elections.start(code);
                HandbookDriver.Run run = new HandbookDriver.Run(SILENT, started.electionId(), code, false, NOTICE_DATE);
                RestElections.Election election = new RestElections.Election(started.electionId(),
                        started.processInstanceId(), code, run);
                while (history.createHistoricProcessInstanceQuery().processInstanceId(started.processInstanceId())
                        .finished().count() == 0) {
                    List<JsonNode> tasks = client.tasks(base, election);
                    if (tasks.isEmpty()) {
                        for (Job job : management.createJobQuery().processInstanceId(started.processInstanceId())
                                .list()) {
                            management.executeJob(job.getId());
                        }
                        continue;
                    }
                    JsonNode task = tasks.get(0);
                    String taskId = task.get("id").asText();
                    String key = task.get("taskDefinitionKey").asText();
                    String user = client.memberOf(base, taskId);
                    RestElections.Answer claimed = client.call(base, "POST", "/engine-rest/task/" + taskId + "/claim",
                            user, Map.of("userId", user));
                    if (claimed.status() != 204) {
                        throw new IllegalStateException("claim " + key + " → " + claimed.status() + " " + claimed.body());
                    }
                    Map<String, Object> values = HandbookDriver.decide(run, key, task.get("name").asText(),
                            () -> client.ok(base, "GET", "/engine-rest/task/" + taskId + "/variables/unitCode", null)
                                    .get("value").asText(),
                            tally -> {
                                Vote vote = "plenaryVote".equals(key) ? Vote.PLENARY : Vote.CONGRESS;
                                String csv = GeneratedBallots.csv(ballotRounds.nextBallot(started.electionId(), vote),
                                        tally.approvals(), tally.ballotsReturned() - tally.invalidBallots(),
                                        tally.invalidBallots());
                                return ballotRounds.enter(started.electionId(), vote, TableFile.Format.CSV,
                                        csv.getBytes(StandardCharsets.UTF_8)).batchId();
                            });
                    Map<String, Object> variables = new LinkedHashMap<>();
                    values.forEach((name, value) -> variables.put(name, RestElections.restValue(value)));
                    long start = System.nanoTime();
                    RestElections.Answer submitted = client.call(base, "POST", "/engine-rest/task/" + taskId
                            + "/submit-form", user, Map.of("variables", variables));
                    long nanos = System.nanoTime() - start;
                    if (submitted.status() != 204) {
                        throw new IllegalStateException("submit-form " + key + " → " + submitted.status() + " "
                                + submitted.body());
                    }
                    times.add(nanos);
                }
                ClockUtil.resetClock();
            }
        } finally {
            ClockUtil.resetClock();
        }
        return times.stream().mapToLong(Long::longValue).toArray();
    }

    /** Wall times of the measured elections, in ms; p95 by nearest rank; elections per minute from the mean. */
    private record Stats(double median, double p95, double min, double max, double perMinute) {

        static Stats of(long[] nanos) {
            double[] ms = Arrays.stream(nanos).mapToDouble(n -> n / 1e6).sorted().toArray();
            int n = ms.length;
            double median = n % 2 == 1 ? ms[n / 2] : (ms[n / 2 - 1] + ms[n / 2]) / 2;
            double p95 = ms[(int) Math.ceil(0.95 * n) - 1];
            double mean = Arrays.stream(ms).average().orElseThrow();
            return new Stats(median, p95, ms[0], ms[n - 1], 60_000 / mean);
        }

        String row(String database, String procedure, long tasks, String ratio) {
            return Stream.of(database, procedure, String.valueOf(tasks), fmt(median), fmt(p95), fmt(min), fmt(max),
                    fmt(perMinute), ratio).reduce("|", (a, b) -> a + " " + b + " |");
        }

        private static String fmt(double value) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
    }
}
