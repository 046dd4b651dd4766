package org.delegateelection.vote;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.delegateelection.candidate.Candidate;
import org.delegateelection.system.InvalidInputException;

/**
 * The whole ballots a series of rounds starts with ({@link RoundSeries}), for all seats. Candidates stand in the
 * order of the strokes of their names ({@link StrokeOrder}, 《中国共产党地方组织选举工作条例》 art. 30), people of the
 * same name by id.
 */
public final class WholeBallots {

    private WholeBallots() {
    }

    /**
     * Step 19's number of prospective candidates, checked against the preliminary list.
     *
     * @param prospectiveCount       how many prospective candidates the plenary vote determines
     * @param preliminaryCandidates  how many people the preliminary list holds
     * @param leastCompetitiveBallot the fewest candidates the unit's competitive election needs on its ballot
     * @throws InvalidInputException on field {@code prospectiveCount} when the number is more than the preliminary
     *                               candidates, or fewer than the competitive election needs
     */
    public static void checkProspectiveCount(int prospectiveCount, int preliminaryCandidates,
            int leastCompetitiveBallot) {
        if (prospectiveCount > preliminaryCandidates) {
            throw InvalidInputException.field("prospectiveCount", "不能多于初步人选人数 " + preliminaryCandidates);
        }
        if (prospectiveCount < leastCompetitiveBallot) {
            throw InvalidInputException.field("prospectiveCount", "差额选举至少须有预备人选 " + leastCompetitiveBallot + " 名");
        }
    }

    /** The plenary vote's (step 20): the preliminary candidates, for the number step 19 fixed. */
    public static Ballot plenary(List<Candidate> preliminary, int prospectiveCount) {
        return new Ballot(strokeOrdered(preliminary), prospectiveCount);
    }

    /**
     * The ballot list of the congress (step 23): every candidate of the ballot list, for the unit's seats plus, when
     * the Centre's nominees come in addition, one seat for each of them (a candidate not among the prospective ones).
     *
     * @param ballotList               the candidates of the ballot list
     * @param prospectiveIds           the ids of the prospective candidates the plenary voted
     * @param unitSeats                the seats allocated to the unit
     * @param centreNomineesInAddition true when the Centre's nominees do not fill seats of the allocation
     */
    public static Ballot ballotList(List<Candidate> ballotList, Collection<String> prospectiveIds, int unitSeats,
            boolean centreNomineesInAddition) {
        List<String> ballot = strokeOrdered(ballotList);
        long centre = ballot.stream().filter(id -> !prospectiveIds.contains(id)).count();
        return new Ballot(ballot, unitSeats + (centreNomineesInAddition ? (int) centre : 0));
    }

    /**
     * The ballot of a preliminary election ({@link PreliminaryRanking}): the whole ballot list, with the length of
     * the formal list as its seats, so that one ballot approves at most that many people.
     */
    public static Ballot preliminary(Ballot ballotList, int formalListSize) {
        return new Ballot(ballotList.candidateIds(), formalListSize);
    }

    /**
     * The whole ballot of the formal rounds after a preliminary election: its formal list in the stroke order of
     * the names — a write-in by the name written in, a candidate by the registry's name — for the seats of the
     * ballot list.
     */
    public static Ballot formal(List<String> formalList, List<Candidate> registry, int seats) {
        Map<String, String> names = new HashMap<>();
        registry.forEach(c -> names.put(c.id(), c.name()));
        return new Ballot(formalList.stream()
                .sorted(Comparator.comparing((String id) -> Ballot.isWriteIn(id)
                        ? Ballot.writtenInName(id) : names.get(id), StrokeOrder.NAMES)
                        .thenComparing(id -> id))
                .toList(), seats);
    }

    private static List<String> strokeOrdered(List<Candidate> people) {
        return people.stream()
                .sorted(Comparator.comparing(Candidate::name, StrokeOrder.NAMES).thenComparing(Candidate::id))
                .map(Candidate::id)
                .toList();
    }
}
