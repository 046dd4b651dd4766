package org.delegateelection.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.delegateelection.candidate.Candidate;
import org.delegateelection.election.ElectionUnit;
import org.delegateelection.election.RecommendingUnit;

/**
 * The branch recommendation tallies of an election generated from a fixed seed, one CSV file per recommending unit
 * (the format of {@link org.delegateelection.nomination.TallyFile}), small enough for the demo and the tests: 100 to
 * 300 branches of 8 to 40 members per unit under grassroots committees of about ten branches; about one member in two
 * hundred stays away (participation about 99.5 %, as the handbook reports). Every branch recommends the unit's planned
 * nominees with a high share of its members, the unit's other people in the registry with a low one, and now and then
 * two people not in the registry; so the nominees the plan decides lead the unit's ranking. In a consultation round
 * after the first (三上三下) the branches recommend from the list sent down only ({@link #csvOfList}).
 */
public final class GeneratedTallies {

    /** The header of every file. */
    public static final String HEADER = "基层党委,党支部,党员数,参加推荐党员数,人选编号,姓名,出生日期,工作单位,得票数";

    private GeneratedTallies() {
    }

    /**
     * The file of each recommending unit, in the election's order of units.
     *
     * @param election the election unit with its recommending units
     * @param pool     the registry's people
     * @param plan     the plan whose nominees each unit decides (step 7)
     */
    public static Map<String, String> csvByUnit(ElectionUnit election, List<Candidate> pool, DecisionPlan plan) {
        Map<String, String> files = new LinkedHashMap<>();
        Random random = new Random(HandbookElection.SEED);
        for (RecommendingUnit unit : election.recommendingUnits()) {
            List<String> nominees = plan.nominations().stream().filter(n -> n.unitCode().equals(unit.code()))
                    .findFirst().map(DecisionPlan.UnitNomination::nomineeIds).orElse(List.of());
            List<String> others = pool.stream().filter(c -> unit.code().equals(c.recommendingUnit()))
                    .map(Candidate::id).filter(id -> !nominees.contains(id)).toList();
            files.put(unit.code(), csv(unit, nominees, others, random, true));
        }
        return files;
    }

    /**
     * The file of a recommending unit in a consultation round after the first: its branches recommend the people of
     * the list the round before sent down, in the list's order, and nobody else.
     *
     * @param list  the registry ids on the list, most support first
     * @param round the round (2 or 3), which seeds the figures
     */
    public static String csvOfList(RecommendingUnit unit, List<String> list, int round) {
        return csv(unit, list, List.of(), new Random(HandbookElection.SEED + 31L * round + unit.code().hashCode()),
                false);
    }

    private static String csv(RecommendingUnit unit, List<String> nominees, List<String> others, Random random,
            boolean unregistered) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        int branches = 100 + random.nextInt(201);
        for (int b = 0; b < branches; b++) {
            String committee = unit.name() + "第" + (b / 10 + 1) + "基层党委";
            String branch = committee + "第" + (b % 10 + 1) + "党支部";
            int members = 8 + random.nextInt(33);
            int takingPart = members - (random.nextInt(100) < 20 ? 1 : 0);
            String head = committee + "," + branch + "," + members + "," + takingPart + ",";
            int rows = 0;
            for (int i = 0; i < nominees.size(); i++) {
                if (random.nextInt(100) < 92) {
                    double share = 0.95 - 0.4 * i / Math.max(1, nominees.size()) - 0.1 * random.nextDouble();
                    csv.append(head).append(nominees.get(i)).append(",,,,").append(votes(takingPart, share))
                            .append('\n');
                    rows++;
                }
            }
            for (String id : others) {
                if (random.nextInt(100) < 45) {
                    csv.append(head).append(id).append(",,,,")
                            .append(votes(takingPart, 0.1 + 0.25 * random.nextDouble())).append('\n');
                    rows++;
                }
            }
            if (unregistered && random.nextInt(100) < 10) {
                csv.append(head).append(",").append(unit.name().charAt(0)).append("新民,1978-03-12,,")
                        .append(votes(takingPart, 0.1 + 0.1 * random.nextDouble())).append('\n');
                rows++;
            }
            if (unregistered && random.nextInt(100) < 8) {
                csv.append(head).append(",").append(unit.name().charAt(0)).append("建华,,").append(unit.name())
                        .append("人民医院,").append(votes(takingPart, 0.1 + 0.1 * random.nextDouble())).append('\n');
                rows++;
            }
            if (rows == 0) {
                csv.append(head).append(",,,,\n");
            }
        }
        return csv.toString();
    }

    private static int votes(int takingPart, double share) {
        return Math.max(1, Math.min(takingPart, (int) Math.round(takingPart * share)));
    }
}
