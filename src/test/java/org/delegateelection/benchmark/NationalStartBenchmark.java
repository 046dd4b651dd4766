package org.delegateelection.benchmark;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.TaskService;
import org.delegateelection.DelegateElectionApplication;
import org.delegateelection.demo.NationalSeeder;
import org.delegateelection.national.CongressNotice;
import org.delegateelection.process.NationalElections;
import org.delegateelection.system.TableFile;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Measures what the demo's national procedure adds to every start of the demo profile (and so to every test context
 * of it): a national procedure of the demo's 38 units and 2,300 seats — notice stored and process started, the
 * allocation read and stored, its task completed, which registers and starts 38 unit elections, each to step 1 —
 * repeated under new codes (the allocation's codes prefixed), on H2 in memory, in the application as the demo starts
 * it (history level full, job execution off). Prints the wall time of each start in ms, their median and max.
 *
 * <p>Run with {@code mvn -Pbenchmark test-compile exec:exec -Dbenchmark=NationalStart}; {@code benchmark.elections}
 * measured starts (default 10), {@code benchmark.warmup} unmeasured ones before them (default 1). Not a test.
 */
public final class NationalStartBenchmark {

    private NationalStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int warmup = Integer.getInteger("benchmark.warmup", 1);
        int measured = Integer.getInteger("benchmark.elections", 10);
        String csv;
        try (InputStream in = NationalStartBenchmark.class.getResourceAsStream(NationalSeeder.ALLOCATION)) {
            csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(DelegateElectionApplication.class)
                .profiles("demo")
                .run("--spring.datasource.url=jdbc:h2:mem:national-benchmark;DB_CLOSE_DELAY=-1", "--server.port=0",
                        "--camunda.bpm.job-execution.enabled=false", "--camunda.bpm.history-level=full",
                        "--spring.main.banner-mode=off", "--logging.level.root=WARN")) {
            NationalElections national = context.getBean(NationalElections.class);
            TaskService tasks = context.getBean(TaskService.class);
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < warmup + measured; i++) {
                String prefix = "b" + i + "-";
                CongressNotice notice = NationalSeeder.NOTICE;
                long start = System.nanoTime();
                NationalElections.Started started = national.start(new CongressNotice(prefix + notice.code(),
                        notice.congressName(), notice.totalSeats(), notice.unitCount(), notice.deadline(),
                        notice.progressCheckOn(), notice.requirements()));
                national.allocate(prefix + notice.code(), TableFile.Format.CSV,
                        csv.replaceAll("(?m)^(?!代码)", prefix).getBytes(StandardCharsets.UTF_8));
                tasks.complete(tasks.createTaskQuery().processInstanceId(started.processInstanceId())
                        .taskDefinitionKey("allocateSeats").singleResult().getId());
                long ms = (System.nanoTime() - start) / 1_000_000;
                if (i >= warmup) {
                    times.add(ms);
                }
                System.out.printf("%s 38 units started: %d ms%n", i < warmup ? "warm-up" : "measured", ms);
            }
            List<Long> sorted = times.stream().sorted().toList();
            System.out.printf("== national start of 38 units, H2 in memory, %d runs: median %d ms, max %d ms (%s, %d cores)%n",
                    sorted.size(), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1),
                    System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors());
        }
        System.exit(0);
    }
}
