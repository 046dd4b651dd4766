package org.delegateelection.nomination;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.delegateelection.report.Shares;

/**
 * Ranks the people recommended by their support: first by the share of the members taking part in their recommending
 * unit who recommended them ("根据多数党员的意见"), then by the branches recommending them ("多数党支部"); within one
 * unit the first is the order of the members' votes. People equal on both share a rank, the next rank counting them
 * (1, 2, 2, 4). Source of the criteria: 中共中央《关于党的二十大代表选举工作的通知》（2021年11月）: grassroots committees
 * select "根据多数党支部和党员的意见", the standing committee proposes "根据多数党组织或多数党员的意见".
 */
public final class SupportRanking {

    private SupportRanking() {
    }

    /**
     * One person's tally as the database sums it.
     *
     * @param candidateId the registry id (also when matched by name and birth date), or {@code null}
     * @param name        the name
     * @param birthDate   for a person not in the registry, the birth date given
     * @param workplace   for a person not in the registry, the workplace given
     * @param unitCode    the recommending unit
     * @param branches    branches recommending
     * @param votes       members' votes
     */
    public record Tallied(String candidateId, String name, LocalDate birthDate, String workplace, String unitCode,
            long branches, long votes) {
    }

    /**
     * The people ranked, most support first; equal support in the order of id, then name.
     *
     * @param takingPart members taking part per recommending unit (code → members), the base of each share; a unit
     *                   missing there has no base, and its people rank by branches after those with a share
     */
    public static List<Support> rank(List<Tallied> people, Map<String, Long> takingPart) {
        Comparator<Tallied> bySupport = (a, b) -> {
            long baseA = takingPart.getOrDefault(a.unitCode(), 0L);
            long baseB = takingPart.getOrDefault(b.unitCode(), 0L);
            int share = Long.compare(b.votes() * baseA, a.votes() * baseB);
            if (baseA == 0 || baseB == 0) {
                share = Boolean.compare(baseA == 0, baseB == 0);
            }
            return share != 0 ? share : Long.compare(b.branches(), a.branches());
        };
        List<Tallied> sorted = new ArrayList<>(people);
        sorted.sort(bySupport.thenComparing(Tallied::candidateId, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Tallied::name));
        List<Support> ranked = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Tallied person = sorted.get(i);
            int rank = i > 0 && bySupport.compare(sorted.get(i - 1), person) == 0 ? ranked.get(i - 1).rank() : i + 1;
            long base = takingPart.getOrDefault(person.unitCode(), 0L);
            ranked.add(new Support(rank, person.candidateId(), person.name(), person.birthDate(), person.workplace(),
                    person.unitCode(), person.branches(), person.votes(), base, Shares.percent(person.votes(), base)));
        }
        return ranked;
    }

    /**
     * The chosen people with less support than someone of {@code pool} left out: for each such pair the first chosen
     * person ranked below a left-out one, as "X（第 m 名）入选而 Y（第 n 名）未选"; empty when the choice follows the
     * support. A person of the pool without support ranks below everyone with support.
     *
     * @param ranked the ranking ({@link #rank})
     * @param pool   the registry ids chosen from
     * @param chosen the registry ids chosen, out of {@code pool}
     * @param names  the names of the people of the pool by id
     */
    public static List<String> departures(List<Support> ranked, List<String> pool, List<String> chosen,
            Map<String, String> names) {
        Map<String, Integer> rankOf = new HashMap<>();
        ranked.stream().filter(Support::registered).forEach(s -> rankOf.putIfAbsent(s.candidateId(), s.rank()));
        int unranked = Integer.MAX_VALUE;
        String bestLeftOut = null;
        for (String id : pool) {
            if (!chosen.contains(id) && (bestLeftOut == null
                    || rankOf.getOrDefault(id, unranked) < rankOf.getOrDefault(bestLeftOut, unranked))) {
                bestLeftOut = id;
            }
        }
        if (bestLeftOut == null || !rankOf.containsKey(bestLeftOut)) {
            return List.of();
        }
        int leftOutRank = rankOf.get(bestLeftOut);
        String leftOut = bestLeftOut;
        return chosen.stream().filter(id -> rankOf.getOrDefault(id, unranked) > leftOutRank)
                .map(id -> names.get(id) + "（" + place(rankOf.get(id)) + "）入选而" + names.get(leftOut) + "（第 "
                        + leftOutRank + " 名）未选")
                .toList();
    }

    private static String place(Integer rank) {
        return rank == null ? "未获推荐" : "第 " + rank + " 名";
    }
}
