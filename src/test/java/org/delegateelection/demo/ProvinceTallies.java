package org.delegateelection.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import org.delegateelection.candidate.Candidate;
import org.delegateelection.election.RecommendingUnit;

/**
 * The branch recommendation tallies of a province at its real scale, generated from a fixed seed ({@link #SEED}) for
 * the handbook election's 17 recommending units and written as one CSV file per unit (the format of
 * {@link org.delegateelection.nomination.TallyFile}), streamed to disk: at {@link #PROVINCE} about 20,000 grassroots
 * committees of 5 to 15 branches (about 200,000), branches of 5 to 45 members (about 5 million), about 2 million rows.
 * The committees are shared out about evenly over the units (±15 %).
 *
 * <p>Each member recommends up to the unit's nominee quota, so a branch's tally lists everyone its members named:
 * each of the unit's planned nominees (in 92 % of branches, by 50 to 95 % of the members taking part), so that they
 * lead the unit's ranking, and as many others again as the quota (at most five), each by a few members, drawn from the
 * unit's other people in the registry and 45 people not in it (named by name and birth date). About one branch in five has one
 * member who stays away.
 */
public final class ProvinceTallies {

    /** The seed of every province generated. */
    public static final long SEED = 20_220_517L;

    /** Grassroots committees of a province of about 5 million members. */
    public static final int PROVINCE = 20_000;

    /** The most people beside the planned nominees in a branch's tally. */
    static final int OTHERS = 5;

    /** People not in the registry whom each unit's branches may name. */
    static final int UNREGISTERED = 45;

    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈";
    private static final String GIVEN = "建国志强秀英桂兰明华文军海燕红梅伟刚丽娟晓东春生玉兰德胜永福国庆淑珍";

    /**
     * One unit's file as written.
     *
     * @param unitCode   the recommending unit
     * @param file       the CSV file
     * @param committees grassroots committees
     * @param branches   branches
     * @param members    members of the branches
     * @param rows       data rows
     */
    public record UnitFile(String unitCode, Path file, int committees, int branches, long members, int rows) {
    }

    private ProvinceTallies() {
    }

    /**
     * Writes the files of the handbook election's units into {@code directory}, {@code <unit code>.csv} each.
     *
     * @param committees the grassroots committees of the province, at least one per unit ({@link #PROVINCE} for the
     *                   real scale)
     * @return the files, in the election's order of units
     * @throws UncheckedIOException when a file cannot be written
     */
    public static List<UnitFile> write(HandbookElection election, Path directory, int committees) {
        List<RecommendingUnit> units = election.unit().recommendingUnits();
        Random random = new Random(SEED);
        int[] shares = new int[units.size()];
        int total = 0;
        for (int i = 0; i < shares.length; i++) {
            shares[i] = 85 + random.nextInt(31);
            total += shares[i];
        }
        List<UnitFile> files = new ArrayList<>();
        int left = committees;
        int weightLeft = total;
        for (int i = 0; i < units.size(); i++) {
            int ofUnit = Math.max(1, (int) Math.round((double) left * shares[i] / weightLeft));
            left -= ofUnit;
            weightLeft -= shares[i];
            files.add(unit(election, units.get(i), directory, ofUnit, random));
        }
        return files;
    }

    private static UnitFile unit(HandbookElection election, RecommendingUnit unit, Path directory, int committees,
            Random random) {
        List<String> nominees = election.plan().nominations().stream().filter(n -> n.unitCode().equals(unit.code()))
                .findFirst().map(DecisionPlan.UnitNomination::nomineeIds).orElse(List.of());
        List<String> others = new ArrayList<>();
        election.candidates().stream().filter(c -> unit.code().equals(c.recommendingUnit()))
                .map(Candidate::id).filter(id -> !nominees.contains(id)).forEach(id -> others.add(id + ",,,"));
        for (int i = 0; i < UNREGISTERED; i++) {
            String name = "" + SURNAMES.charAt((i * 7 + unit.code().length()) % SURNAMES.length())
                    + GIVEN.charAt(2 * (i % (GIVEN.length() / 2))) + GIVEN.charAt(2 * (i % (GIVEN.length() / 2)) + 1);
            others.add("," + name + "," + LocalDate.of(1966, 1, 1).plusDays(97L * i) + ",");
        }
        Path file = directory.resolve(unit.code() + ".csv");
        int branches = 0;
        long members = 0;
        int rows = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(GeneratedTallies.HEADER);
            out.write('\n');
            int quota = unit.nomineeQuota();
            int[] order = IntStream.range(0, others.size()).toArray();
            for (int c = 1; c <= committees; c++) {
                String committee = unit.name() + "第" + c + "基层党委";
                int ofCommittee = 5 + random.nextInt(11);
                for (int b = 1; b <= ofCommittee; b++) {
                    int inBranch = 5 + random.nextInt(41);
                    int takingPart = inBranch - (random.nextInt(100) < 20 ? 1 : 0);
                    String head = committee + ",第" + c + "-" + b + "党支部," + inBranch + "," + takingPart + ",";
                    int before = rows;
                    for (int i = 0; i < nominees.size(); i++) {
                        if (random.nextInt(100) < 92) {
                            double share = 0.95 - 0.4 * i / Math.max(1, nominees.size()) - 0.05 * random.nextDouble();
                            out.write(head + nominees.get(i) + ",,,," + votes(takingPart, share) + "\n");
                            rows++;
                        }
                    }
                    for (int k = 0; k < Math.min(Math.min(quota, OTHERS), order.length); k++) {
                        int pick = k + random.nextInt(order.length - k);
                        int person = order[pick];
                        order[pick] = order[k];
                        order[k] = person;
                        out.write(head + others.get(person) + "," + votes(takingPart, 0.02 + 0.2 * random.nextDouble())
                                + "\n");
                        rows++;
                    }
                    if (rows == before) {
                        out.write(head + ",,,,\n");
                        rows++;
                    }
                    branches++;
                    members += inBranch;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new UnitFile(unit.code(), file, committees, branches, members, rows);
    }

    private static int votes(int takingPart, double share) {
        return Math.max(1, Math.min(takingPart, (int) Math.round(takingPart * share)));
    }
}
