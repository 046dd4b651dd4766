package org.delegateelection.vote;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.delegateelection.candidate.Candidate;
import org.delegateelection.candidate.CandidateStatus;

/**
 * The counted rounds of one {@link Vote}, in the order counted, and the rules of their series of rounds (选举轮次).
 * A series starts with the whole ballot ({@link WholeBallots}); each next round votes on the ballot the round before
 * handed on ({@link RoundOutcome#nextBallot()}: the same ballot after no quorum or a void round, the tied candidates,
 * or after a shortfall the candidates not elected — 另行选举), until a round fills every seat or the series is closed:
 * at the congress by the presidium with seats unfilled (《中国共产党地方组织选举工作条例》: when the number elected is
 * close to the seats, the presidium may decide to elect no more), for the plenary vote by step 19 fixing the vote
 * anew. The round after that starts over with the whole ballot. Immutable; knows nothing of storage.
 */
public final class RoundSeries {

    /**
     * A counted round as far as its series goes.
     *
     * @param outcome what the counting decided
     * @param closed  true when the series was closed after this round
     */
    public record Round(RoundOutcome outcome, boolean closed) {

        /** Refuses a {@code null} outcome. */
        public Round {
            Objects.requireNonNull(outcome, "outcome");
        }

        /** True when the next round continues this round's series: it handed on a ballot and nobody closed it. */
        public boolean continued() {
            return !closed && outcome.nextBallot() != null;
        }
    }

    /**
     * People written in and elected, as far as the registry knows them.
     *
     * @param elected      the elected list with every one of them added who is the one registry person of the name
     * @param unregistered the names of those who are not, each with the reason in Chinese, e.g.
     *                     "王五（人选库中没有此人）"; empty when all are
     */
    public record Admission(List<String> elected, List<String> unregistered) {

        /** Copies the lists. */
        public Admission {
            elected = List.copyOf(elected);
            unregistered = List.copyOf(unregistered);
        }
    }

    private final List<Round> rounds;

    /** The series of the given rounds, in the order counted; an empty list for a vote not yet held. */
    public RoundSeries(List<Round> rounds) {
        this.rounds = List.copyOf(rounds);
    }

    /** Every counted round, in the order counted. */
    public List<Round> rounds() {
        return rounds;
    }

    /** The outcome of the last counted round, if any. */
    public Optional<RoundOutcome> lastOutcome() {
        return rounds.isEmpty() ? Optional.empty() : Optional.of(rounds.get(rounds.size() - 1).outcome());
    }

    /** True when the next round continues the last round's series, false when it starts over. */
    public boolean continues() {
        return !rounds.isEmpty() && rounds.get(rounds.size() - 1).continued();
    }

    /**
     * The ballot of the next round: the one the last round handed on when the series continues, else {@code whole}.
     */
    public Ballot nextBallot(Ballot whole) {
        return continues() ? lastOutcome().orElseThrow().nextBallot() : whole;
    }

    /**
     * The rounds of the last series: the last round and those before it back to the last one that started over
     * with the whole ballot; empty for a vote not yet held.
     */
    public List<Round> lastSeries() {
        int start = 0;
        for (int i = 1; i < rounds.size(); i++) {
            if (!rounds.get(i - 1).continued()) {
                start = i;
            }
        }
        return rounds.subList(start, rounds.size());
    }

    /**
     * The list the vote decides once the next round is counted with the given outcome: the list as decided so far
     * when that round continues the series (else nobody), then the people the round elected as registry ids. A
     * person written in counts as the one registry person of that name ({@link #peopleNamed}); one not in the
     * registry, or not uniquely, is left out until step 24 ({@link #admitWriteIns}).
     *
     * @param counted      the outcome of the round counted next
     * @param decidedSoFar the ids on the list the vote decides, as it stands
     * @param registry     the election's registry
     */
    public List<String> decidedAfter(RoundOutcome counted, List<String> decidedSoFar, List<Candidate> registry) {
        List<String> ids = new ArrayList<>();
        for (RoundOutcome.Elected e : counted.elected()) {
            if (!Ballot.isWriteIn(e.candidateId())) {
                ids.add(e.candidateId());
                continue;
            }
            List<Candidate> named = peopleNamed(registry, e.candidateId());
            if (named.size() == 1 && !ids.contains(named.get(0).id())) {
                ids.add(named.get(0).id());
            }
        }
        List<String> decided = new ArrayList<>(continues() ? decidedSoFar : List.of());
        decided.addAll(ids);
        return decided;
    }

    /** The write-in keys ({@link Ballot#writeInKey}) elected in the last series, in the order elected. */
    public List<String> electedWriteIns() {
        return lastSeries().stream().flatMap(round -> round.outcome().elected().stream())
                .map(RoundOutcome.Elected::candidateId).filter(Ballot::isWriteIn).toList();
    }

    /**
     * How many people the elected list holds when the last series ended as it should: the seats of the whole
     * ballot, less the seats the last round handed on (those the presidium decided to leave unfilled), less the
     * people written in and elected who are not (uniquely) in the registry — they join at step 24.
     */
    public int expectedElected(int wholeSeats, List<Candidate> registry) {
        int seats = wholeSeats;
        Optional<RoundOutcome> last = lastOutcome();
        if (last.isPresent() && last.get().nextBallot() != null) {
            seats -= last.get().nextBallot().seats();
        }
        return seats - (int) electedWriteIns().stream().filter(key -> peopleNamed(registry, key).size() != 1)
                .count();
    }

    /**
     * Step 24: the elected list with the people written in and elected in the last series added, each as the one
     * registry person of the name written in (once, after those on the list), so that the credentials committee can
     * confirm them (step 25).
     *
     * @param elected  the ids on the elected list, as it stands
     * @param registry the election's registry
     */
    public Admission admitWriteIns(List<String> elected, List<Candidate> registry) {
        List<String> ids = new ArrayList<>(elected);
        List<String> unregistered = new ArrayList<>();
        for (String key : electedWriteIns()) {
            List<Candidate> named = peopleNamed(registry, key);
            if (named.size() != 1) {
                unregistered.add(Ballot.writtenInName(key)
                        + (named.isEmpty() ? "（人选库中没有此人）" : "（人选库中同名 " + named.size() + " 人）"));
            } else if (!ids.contains(named.get(0).id())) {
                ids.add(named.get(0).id());
            }
        }
        return new Admission(ids, unregistered);
    }

    /** The people of the registry, not removed, with the name of a write-in key. */
    public static List<Candidate> peopleNamed(List<Candidate> registry, String writeInKey) {
        String name = Ballot.writtenInName(writeInKey);
        return registry.stream().filter(c -> c.name().equals(name) && c.status() != CandidateStatus.REMOVED).toList();
    }
}
