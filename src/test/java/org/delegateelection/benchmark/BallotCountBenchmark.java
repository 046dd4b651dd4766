package org.delegateelection.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import org.delegateelection.demo.GeneratedBallots;
import org.delegateelection.system.TableFile;
import org.delegateelection.vote.Assembly;
import org.delegateelection.vote.Ballot;
import org.delegateelection.vote.BallotCount;
import org.delegateelection.vote.BallotSheet;
import org.delegateelection.vote.RoundCounter;
import org.delegateelection.vote.RoundOutcome;

/**
 * Measures the entry and counting of one round of the vote at the congress, without the database or the engine:
 * a ballot file (CSV and .xlsx) read ballot by ballot and added up ({@link BallotSheet}), then counted by the rules
 * ({@link RoundCounter}). Two votes on a ballot of 80 candidates for 69 seats: 800 electors due to attend (782
 * present, 780 ballots returned, 4 invalid) and 3,000 (2,930 present, 2,925 returned, 10 invalid); each valid ballot
 * approves about 63 candidates and marks the others disapprove or abstain. Prints wall time per round (median, p95,
 * min, max, in ms), the .xlsx median as a multiple of the CSV median of the same ballots, the bytes allocated per
 * round (the reading thread's, {@code com.sun.management.ThreadMXBean}), the heap's growth over the measured rounds of
 * a vote, both formats (used heap after a full collection, after less before; 0 when it shrank), and the file sizes,
 * with the machine it ran on. The two formats alternate round by round, so that both meet the same load.
 *
 * <p>Run with {@code mvn -Pbenchmark test-compile exec:exec -Dbenchmark=BallotCount}. System
 * properties: {@code benchmark.warmup} (rounds not measured, default 1, times 20), {@code benchmark.elections}
 * (measured rounds, default 10, times 5). Not a test: nothing is asserted about the figures.
 */
public final class BallotCountBenchmark {

    private static final int CANDIDATES = 80;
    private static final int SEATS = 69;

    private BallotCountBenchmark() {
    }

    public static void main(String[] args) {
        int warmup = Integer.getInteger("benchmark.warmup", 1) * 20;
        int measured = Integer.getInteger("benchmark.elections", 10) * 5;
        Runtime runtime = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "Machine: %d cores (availableProcessors), max heap %d MiB, Java %s (%s), %s %s %s%n",
                runtime.availableProcessors(), runtime.maxMemory() / (1024 * 1024), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"));
        System.out.printf("Rounds per case: %d warm-up + %d measured%n", warmup, measured);
        List<String> results = new ArrayList<>();
        results.addAll(vote(800, 782, 780, 4, warmup, measured));
        results.addAll(vote(3000, 2930, 2925, 10, warmup, measured));
        System.out.println();
        System.out.println("| electors due | ballots read | format | file KiB | median ms | p95 ms | min ms | max ms "
                + "| × CSV (median) | allocated MiB per round | heap growth MiB | outcome |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        results.forEach(System.out::println);
    }

    private static List<String> vote(int due, int present, int returned, int invalid, int warmup, int measured) {
        Ballot ballot = new Ballot(IntStream.rangeClosed(1, CANDIDATES).mapToObj(i -> "HB-%04d".formatted(i)).toList(),
                SEATS);
        int valid = returned - invalid;
        Random random = new Random(due);
        Map<String, Integer> approvals = new LinkedHashMap<>();
        for (int i = 0; i < CANDIDATES; i++) {
            // 69 well above half of those due, 11 well below: about 63 approvals per valid ballot
            approvals.put(ballot.candidateIds().get(i), i < SEATS ? valid * (70 + random.nextInt(27)) / 100
                    : valid * (23 + random.nextInt(25)) / 100);
        }
        List<List<String>> rows = GeneratedBallots.rows(ballot, approvals, valid, invalid);
        StringBuilder csv = new StringBuilder();
        rows.forEach(row -> csv.append(String.join(",", row)).append('\n'));
        Map<TableFile.Format, byte[]> files = new LinkedHashMap<>();
        files.put(TableFile.Format.CSV, csv.toString().getBytes(StandardCharsets.UTF_8));
        files.put(TableFile.Format.XLSX, GeneratedBallots.xlsx(rows));
        RoundCounter counter = new RoundCounter(Assembly.CONGRESS);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        List<TableFile.Format> formats = List.copyOf(files.keySet());
        double[][] times = new double[formats.size()][measured];
        long[] allocated = new long[formats.size()];
        RoundOutcome[] outcomes = new RoundOutcome[formats.size()];
        long heapBefore = 0;
        // the formats alternate round by round, so that both meet the same load of the machine
        for (int i = 0; i < warmup + measured; i++) {
            if (i == warmup) {
                heapBefore = heapAfterCollection(memory);
            }
            for (int f = 0; f < formats.size(); f++) {
                long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
                long start = System.nanoTime();
                BallotCount count = BallotSheet.read(formats.get(f), files.get(formats.get(f)), ballot, true);
                outcomes[f] = counter.count(count.tally(due, present, present), ballot);
                long elapsed = System.nanoTime() - start;
                if (i >= warmup) {
                    times[f][i - warmup] = elapsed / 1e6;
                    allocated[f] += threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
                }
            }
        }
        long heapGrowth = Math.max(0, heapAfterCollection(memory) - heapBefore);
        List<String> lines = new ArrayList<>();
        double csvMedian = median(times[formats.indexOf(TableFile.Format.CSV)]);
        for (int f = 0; f < formats.size(); f++) {
            double[] sorted = times[f].clone();
            Arrays.sort(sorted);
            double p95 = sorted[(int) Math.ceil(0.95 * sorted.length) - 1];
            lines.add(String.format(Locale.ROOT,
                    "| %,d | %,d | %s | %,.0f | %.1f | %.1f | %.1f | %.1f | %.2f× | %,.1f | %,.1f | %s, %d elected |",
                    due, returned, formats.get(f) == TableFile.Format.CSV ? "CSV" : ".xlsx",
                    files.get(formats.get(f)).length / 1024.0, median(sorted), p95, sorted[0],
                    sorted[sorted.length - 1], median(sorted) / csvMedian,
                    allocated[f] / (double) measured / (1024 * 1024), heapGrowth / (1024.0 * 1024),
                    outcomes[f].kind(), outcomes[f].elected().size()));
        }
        return lines;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    /** Used heap in bytes after a full collection (a request the JVM's default collectors honour). */
    private static long heapAfterCollection(MemoryMXBean memory) {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
