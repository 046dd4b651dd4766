package org.delegateelection.benchmark;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.Task;
import org.delegateelection.DelegateElectionApplication;
import org.delegateelection.candidate.CandidateRepository;
import org.delegateelection.demo.HandbookDriver;
import org.delegateelection.demo.HandbookElection;
import org.delegateelection.demo.ProvinceTallies;
import org.delegateelection.election.ElectionRepository;
import org.delegateelection.election.ElectionRequest;
import org.delegateelection.nomination.NominationRepository;
import org.delegateelection.process.ElectionService;
import org.delegateelection.system.TableFile;
import org.postgresql.PGConnection;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The nomination of stage 2 at a province's real scale, on PostgreSQL. The 17 recommending units' files of
 * {@link ProvinceTallies} ({@link ProvinceTallies#PROVINCE} committees, about 2 million rows; {@code
 * benchmark.committees} for another size) are written to a temporary directory; on a fresh database of the server
 * {@code benchmark.pg-url} (default {@code jdbc:postgresql://127.0.0.1:5432/}), in the same run:
 *
 * <ol>
 *   <li>PostgreSQL's own: each file {@code COPY}'d into a plain table (no key, no index), then the {@code GROUP BY}
 *       that computes each person's figures (branches recommending, votes, per unit) into a table; run before the
 *       application's ingest and again after it, the application's time set against the mean of the two (a shared
 *       machine's speed drifts over a minute);</li>
 *   <li>the application (started in this JVM, profiles {@code postgres,demo}, on the same database): the handbook
 *       election registered as {@code province-scale} with its registry, then the 17 files uploaded through
 *       {@link NominationRepository#upload} from the files' streams — read, checked, stored and summed — and the
 *       whole electoral unit's support read; the wall time and the peak of the used heap (sampled every 5 ms by
 *       {@link MemoryMXBean});</li>
 *   <li>after {@code ANALYZE} (as autovacuum does after so many rows), the election driven ({@link HandbookDriver})
 *       to step 7 and then to step 8, and each step's form opened
 *       {@code benchmark.openings} times (default 30, after 5 unmeasured): the form's preparation by its create
 *       listener ({@code ${taskFormView}}, in a transaction of the engine, as at the task's creation) and the form
 *       variables read as Tasklist reads them ({@link FormService#getTaskFormVariables}).</li>
 * </ol>
 *
 * Each of the two measured ingests starts after a {@code CHECKPOINT}, so that neither pays for writing the other's
 * pages to disk. Prints the figures, the application's time as a multiple of PostgreSQL's, and the forms' median and
 * 95th percentile. Not a test: nothing is asserted. Run the JVM with {@code -Xmx512m} to show the heap's bound.
 */
public final class ProvinceBenchmark {

    private static final String CODE = "province-scale";
    private static final int WARMUP = 5;

    private ProvinceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int committees = Integer.getInteger("benchmark.committees", ProvinceTallies.PROVINCE);
        int openings = Integer.getInteger("benchmark.openings", 30);
        String server = System.getProperty("benchmark.pg-url", "jdbc:postgresql://127.0.0.1:5432/");
        String database = "benchmark_" + UUID.randomUUID().toString().substring(0, 8);
        HandbookElection handbook = new HandbookElection();
        Path directory = Files.createTempDirectory("province-tallies");
        try (Connection admin = DriverManager.getConnection(server + "postgres", "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("create database " + database);
        }
        System.out.printf(Locale.ROOT, "JVM: max heap %d MiB, %d processors; load average %.2f%n",
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        try {
            long started = System.nanoTime();
            List<ProvinceTallies.UnitFile> files = ProvinceTallies.write(handbook, directory, committees);
            long bytes = 0;
            long largest = 0;
            for (ProvinceTallies.UnitFile file : files) {
                bytes += Files.size(file.file());
                largest = Math.max(largest, Files.size(file.file()));
            }
            System.out.printf(Locale.ROOT, "generated: %d units, %d committees, %d branches, %d members, %d rows, "
                    + "%.1f MiB (largest file %.1f MiB) in %.1f s%n", files.size(),
                    files.stream().mapToInt(ProvinceTallies.UnitFile::committees).sum(),
                    files.stream().mapToInt(ProvinceTallies.UnitFile::branches).sum(),
                    files.stream().mapToLong(ProvinceTallies.UnitFile::members).sum(),
                    files.stream().mapToInt(ProvinceTallies.UnitFile::rows).sum(), bytes / 1048576.0,
                    largest / 1048576.0,
                    (System.nanoTime() - started) / 1e9);

            double[] postgres = postgresOwn(server + database, files);
            System.out.printf(Locale.ROOT, "PostgreSQL: COPY %.2f s + GROUP BY %.2f s = %.2f s%n", postgres[0],
                    postgres[1], postgres[0] + postgres[1]);

            try (ConfigurableApplicationContext context = new SpringApplicationBuilder(
                    DelegateElectionApplication.class).profiles("postgres", "demo")
                    .run("--spring.datasource.url=" + server + database, "--server.port=0",
                            "--delegate-election.demo.national=false", "--logging.level.root=WARN")) {
                double application = ingest(context, handbook, files);
                double[] again = postgresOwn(server + database, files);
                System.out.printf(Locale.ROOT, "PostgreSQL again: COPY %.2f s + GROUP BY %.2f s = %.2f s%n",
                        again[0], again[1], again[0] + again[1]);
                System.out.printf(Locale.ROOT, "application / PostgreSQL (the mean of before and after): %.2f (goal "
                        + "at most 2)%n", application / ((postgres[0] + postgres[1] + again[0] + again[1]) / 2));
                // the planner's statistics, as autovacuum refreshes them after so many rows
                context.getBean(JdbcTemplate.class).execute("analyze");
                forms(context, openings);
            }
        } finally {
            try (var paths = Files.list(directory)) {
                for (Path path : paths.toList()) {
                    Files.delete(path);
                }
            }
            Files.delete(directory);
            try (Connection admin = DriverManager.getConnection(server + "postgres", "postgres", "");
                    Statement statement = admin.createStatement()) {
                statement.execute("drop database if exists " + database + " with (force)");
            }
        }
    }

    /** COPY of every file into one plain table, then the GROUP BY of each person's figures: the seconds of each. */
    private static double[] postgresOwn(String url, List<ProvinceTallies.UnitFile> files) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("create table copied (committee varchar(200), branch varchar(200), members integer, "
                    + "taking_part integer, candidate_id varchar(64), person_name varchar(100), birth_date date, "
                    + "workplace varchar(200), votes integer, unit_code varchar(64))");
            statement.execute("checkpoint");
            long start = System.nanoTime();
            for (ProvinceTallies.UnitFile file : files) {
                statement.execute("alter table copied alter column unit_code set default '" + file.unitCode() + "'");
                try (Reader reader = Files.newBufferedReader(file.file(), StandardCharsets.UTF_8)) {
                    connection.unwrap(PGConnection.class).getCopyAPI().copyIn("copy copied (committee, branch, "
                            + "members, taking_part, candidate_id, person_name, birth_date, workplace, votes) "
                            + "from stdin (format csv, header)", reader);
                }
            }
            double copy = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            statement.execute("create table person_support as select unit_code, candidate_id, person_name, "
                    + "birth_date, workplace, count(*) as branches, sum(votes) as votes from copied "
                    + "where candidate_id is not null or person_name is not null "
                    + "group by unit_code, candidate_id, person_name, birth_date, workplace");
            double groupBy = (System.nanoTime() - start) / 1e9;
            statement.execute("drop table copied");
            statement.execute("drop table person_support");
            return new double[] {copy, groupBy};
        }
    }

    /** The application's ingest and aggregation of the files, and the whole electoral unit's support read. */
    private static double ingest(ConfigurableApplicationContext context, HandbookElection handbook,
            List<ProvinceTallies.UnitFile> files) throws Exception {
        ElectionRequest request = ElectionRequest.of(handbook.unit());
        request = new ElectionRequest(CODE, request.name(), request.seats(), request.nomineeQuota(),
                request.minPreliminary(), request.womenMemberSharePercent(), request.minMinorities(),
                request.leadingCadreTarget(), request.frontlineTarget(), request.minWomenNominees(),
                request.minUnder55Nominees(), request.ageReferenceDate(), request.centreNomineesInAddition(),
                request.recommendingUnits(), null, false);
        long electionId = context.getBean(ElectionService.class).start(request, HandbookElection.CODE).electionId();
        context.getBean(CandidateRepository.class).saveAll(electionId, handbook.candidates(), "benchmark", null);
        NominationRepository nominations = context.getBean(NominationRepository.class);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(before);
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        context.getBean(JdbcTemplate.class).execute("checkpoint");
        sampler.start();
        long start = System.nanoTime();
        for (ProvinceTallies.UnitFile file : files) {
            long unitStart = System.nanoTime();
            try (InputStream content = Files.newInputStream(file.file())) {
                nominations.upload(electionId, file.unitCode(), 1, TableFile.Format.CSV, content, "benchmark", null);
            }
            System.out.printf(Locale.ROOT, "  %-12s %7d rows %6.2f s%n", file.unitCode(), file.rows(),
                    (System.nanoTime() - unitStart) / 1e9);
        }
        double uploads = (System.nanoTime() - start) / 1e9;
        long readStart = System.nanoTime();
        int people = nominations.report(electionId, null, 1).people().size();
        double read = (System.nanoTime() - readStart) / 1e9;
        double total = (System.nanoTime() - start) / 1e9;
        sampler.interrupt();
        sampler.join();
        System.out.printf(Locale.ROOT, "application: uploads %.2f s + support of the whole unit (%d people) %.3f s "
                + "= %.2f s; used heap %d MiB before, peak %d MiB (max %d MiB)%n", uploads, people, read, total,
                before >> 20, peak.get() >> 20, Runtime.getRuntime().maxMemory() >> 20);
        return total;
    }

    /** Steps 7 and 8 reached by the driver, and each form opened. */
    private static void forms(ConfigurableApplicationContext context, int openings) {
        HandbookDriver driver = context.getBean(HandbookDriver.class);
        long electionId = context.getBean(ElectionRepository.class).idOf(CODE)
                .orElseThrow();
        HandbookDriver.Run run = new HandbookDriver.Run(new PrintStream(OutputStream.nullOutputStream()), electionId,
                CODE, false);
        TaskService tasks = context.getBean(TaskService.class);
        for (String key : List.of("recommendingUnitDecision", "proposeInspectionList")) {
            long start = System.nanoTime();
            driver.advanceTo(run, key);
            System.out.printf(Locale.ROOT, "driven to %s in %.1f s%n", key, (System.nanoTime() - start) / 1e9);
            Task task = tasks.createTaskQuery().processInstanceBusinessKey(CODE).taskDefinitionKey(key).list()
                    .get(0);
            open(context, task, openings);
        }
    }

    private static void open(ConfigurableApplicationContext context, Task task, int openings) {
        ProcessEngine engine = context.getBean(ProcessEngine.class);
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine
                .getProcessEngineConfiguration();
        TaskListener view = context.getBean("taskFormView", TaskListener.class);
        FormService forms = engine.getFormService();
        List<Double> prepared = new ArrayList<>();
        List<Double> opened = new ArrayList<>();
        for (int i = 0; i < WARMUP + openings; i++) {
            long start = System.nanoTime();
            configuration.getCommandExecutorTxRequired().execute(commandContext -> {
                TaskEntity entity = commandContext.getTaskManager().findTaskById(task.getId());
                view.notify(entity);
                return null;
            });
            long between = System.nanoTime();
            int variables = forms.getTaskFormVariables(task.getId()).size();
            long end = System.nanoTime();
            if (i >= WARMUP && variables > 0) {
                prepared.add((between - start) / 1e6);
                opened.add((end - start) / 1e6);
            }
        }
        System.out.printf(Locale.ROOT, "form of %s (%s): prepared p50 %.1f ms p95 %.1f ms; prepared and read "
                + "p50 %.1f ms p95 %.1f ms (%d openings; goal p95 under 300 ms)%n", task.getTaskDefinitionKey(),
                task.getName(), percentile(prepared, 50), percentile(prepared, 95), percentile(opened, 50),
                percentile(opened, 95), opened.size());
    }

    private static double percentile(List<Double> values, int percent) {
        List<Double> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }
}
