package org.delegateelection.benchmark;

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
 * min, max, in ms) and the file sizes, with the machine it ran on.
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
        System.out.println("| electors due | ballots read | format | file KiB | median ms | p95 ms | min ms | max ms | outcome |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
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
        List<String> lines = new ArrayList<>();
        for (Map.Entry<TableFile.Format, byte[]> file : files.entrySet()) {
            RoundOutcome outcome = null;
            double[] times = new double[measured];
            for (int i = 0; i < warmup + measured; i++) {
                long start = System.nanoTime();
                BallotCount count = BallotSheet.read(file.getKey(), file.getValue(), ballot, true);
                outcome = counter.count(count.tally(due, present, present), ballot);
                long elapsed = System.nanoTime() - start;
                if (i >= warmup) {
                    times[i - warmup] = elapsed / 1e6;
                }
            }
            Arrays.sort(times);
            double median = times.length % 2 == 1 ? times[times.length / 2]
                    : (times[times.length / 2 - 1] + times[times.length / 2]) / 2;
            double p95 = times[(int) Math.ceil(0.95 * times.length) - 1];
            lines.add(String.format(Locale.ROOT, "| %,d | %,d | %s | %,.0f | %.1f | %.1f | %.1f | %.1f | %s, %d elected |",
                    due, returned, file.getKey() == TableFile.Format.CSV ? "CSV" : ".xlsx",
                    file.getValue().length / 1024.0, median, p95, times[0], times[times.length - 1], outcome.kind(),
                    outcome.elected().size()));
        }
        return lines;
    }
}
