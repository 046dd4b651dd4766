package org.delegateelection.vote;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.delegateelection.candidate.Candidate;
import org.delegateelection.candidate.CandidateStatus;
import org.delegateelection.quota.People;
import org.delegateelection.vote.RoundOutcome.Kind;
import org.junit.jupiter.api.Test;

/** The rules of a series of rounds, on rounds built by hand: no storage, no counting. */
class RoundSeriesTest {

    /** A, B and 王五 (W); nobody named 赵六. */
    private static final List<Candidate> REGISTRY = List.of(person("A", "甲"), person("B", "乙"),
            person("W", "王五"));

    private static final Ballot WHOLE = candidates("A", "B", "C", "D", "E").forSeats(3);

    // The next ballot

    @Test
    void aVoteNotYetHeldStartsWithTheWholeBallot() {
        RoundSeries series = series();

        assertThat(series.continues()).isFalse();
        assertThat(series.nextBallot(WHOLE)).isEqualTo(WHOLE);
        assertThat(series.lastOutcome()).isEmpty();
    }

    @Test
    void aRoundAfterAShortfallVotesOnTheCandidatesNotElectedForTheMissingSeats() {
        Ballot rest = candidates("B", "C", "D", "E").forSeats(2);
        RoundSeries series = series(shortfall().electing("A").handingOn(rest));

        assertThat(series.continues()).isTrue();
        assertThat(series.nextBallot(WHOLE)).isEqualTo(rest);
    }

    @Test
    void aRoundAfterATieAtTheLastSeatVotesOnTheTiedCandidates() {
        Ballot tied = candidates("C", "D").forSeats(1);
        RoundSeries series = series(tieAtLastSeat().electing("A", "B").handingOn(tied));

        assertThat(series.nextBallot(WHOLE)).isEqualTo(tied);
    }

    @Test
    void aRoundWithoutQuorumIsHeldAgainOnTheSameBallot() {
        Ballot rest = candidates("B", "C", "D", "E").forSeats(2);
        RoundSeries series = series(shortfall().electing("A").handingOn(rest), noQuorum().handingOn(rest));

        assertThat(series.continues()).isTrue();
        assertThat(series.nextBallot(WHOLE)).isEqualTo(rest);
    }

    @Test
    void aSeriesThatFilledEverySeatStartsOverWithTheWholeBallot() {
        RoundSeries series = series(shortfall().electing("A").handingOn(candidates("B", "C").forSeats(2)),
                filledEverySeat().electing("B", "C"));

        assertThat(series.continues()).isFalse();
        assertThat(series.nextBallot(WHOLE)).isEqualTo(WHOLE);
    }

    @Test
    void aClosedSeriesStartsOverWithTheWholeBallotThoughItsLastRoundHandedOnABallot() {
        RoundSeries series = series(shortfall().electing("A", "B").handingOn(candidates("C", "D").forSeats(1))
                .closed());

        assertThat(series.continues()).isFalse();
        assertThat(series.nextBallot(WHOLE)).isEqualTo(WHOLE);
    }

    @Test
    void onlyTheLastRoundDecidesWhetherTheSeriesContinues() {
        Ballot rest = candidates("D", "E").forSeats(1);
        RoundSeries series = series(shortfall().electing("A").handingOn(candidates("B", "C").forSeats(2)).closed(),
                shortfall().electing("A", "B").handingOn(rest));

        assertThat(series.nextBallot(WHOLE)).isEqualTo(rest);
    }

    // The last series

    @Test
    void theLastSeriesRunsBackToTheRoundThatStartedOverWithTheWholeBallot() {
        RoundSeries.Round first = filledEverySeat().electing("A", "B", "C").build();
        RoundSeries.Round second = shortfall().electing("A").handingOn(candidates("B", "C").forSeats(2)).build();
        RoundSeries.Round third = filledEverySeat().electing("B", "C").build();

        assertThat(new RoundSeries(List.of(first, second, third)).lastSeries()).containsExactly(second, third);
    }

    @Test
    void theLastSeriesOfAVoteNotYetHeldIsEmpty() {
        assertThat(series().lastSeries()).isEmpty();
    }

    // The list the vote decides

    @Test
    void aRoundContinuingTheSeriesAddsThoseItElectedToThoseDecidedSoFar() {
        RoundSeries series = series(shortfall().electing("A").handingOn(candidates("B", "C").forSeats(1)));

        assertThat(series.decidedAfter(filledEverySeat().electing("B").outcome(), List.of("A"), REGISTRY))
                .containsExactly("A", "B");
    }

    @Test
    void aRoundStartingOverDecidesTheListAnew() {
        RoundSeries series = series(shortfall().electing("A").handingOn(candidates("B", "C").forSeats(1))
                .closed());

        assertThat(series.decidedAfter(filledEverySeat().electing("B").outcome(), List.of("A"), REGISTRY))
                .containsExactly("B");
    }

    @Test
    void aPersonWrittenInAndElectedCountsAsTheOneRegistryPersonOfThatName() {
        assertThat(series().decidedAfter(filledEverySeat().electing("A", writeIn("王五")).outcome(), List.of(),
                REGISTRY)).containsExactly("A", "W");
    }

    @Test
    void aPersonWrittenInWhoIsNotInTheRegistryIsLeftOutUntilRegistered() {
        assertThat(series().decidedAfter(filledEverySeat().electing("A", writeIn("赵六")).outcome(), List.of(),
                REGISTRY)).containsExactly("A");
    }

    @Test
    void aPersonWrittenInWhoseNameTwoRegistryPeopleShareIsLeftOut() {
        List<Candidate> twoWangWus = List.of(person("W1", "王五"), person("W2", "王五"));

        assertThat(series().decidedAfter(filledEverySeat().electing(writeIn("王五")).outcome(), List.of(),
                twoWangWus)).isEmpty();
    }

    @Test
    void aPersonWrittenInNamingACandidateElectedInTheSameRoundIsAddedOnce() {
        assertThat(series().decidedAfter(filledEverySeat().electing("W", writeIn("王五")).outcome(), List.of(),
                REGISTRY)).containsExactly("W");
    }

    // The write-ins elected

    @Test
    void theWriteInsElectedAreThoseOfEveryRoundOfTheLastSeries() {
        RoundSeries series = series(
                shortfall().electing(writeIn("王五")).handingOn(candidates("A", "B").forSeats(2)),
                filledEverySeat().electing("A", writeIn("赵六")));

        assertThat(series.electedWriteIns()).containsExactly(writeIn("王五"), writeIn("赵六"));
    }

    @Test
    void theWriteInsElectedOfAnEarlierSeriesAreForgotten() {
        RoundSeries series = series(
                shortfall().electing(writeIn("王五")).handingOn(candidates("A", "B").forSeats(2)).closed(),
                filledEverySeat().electing("A", "B", "C"));

        assertThat(series.electedWriteIns()).isEmpty();
    }

    // The expected number elected

    @Test
    void theExpectedNumberElectedIsTheSeatsOfTheWholeBallotWhenTheLastSeriesFilledThemAll() {
        RoundSeries series = series(filledEverySeat().electing("A", "B", "C"));

        assertThat(series.expectedElected(3, REGISTRY)).isEqualTo(3);
    }

    @Test
    void theExpectedNumberElectedLeavesOutTheSeatsThePresidiumLeftUnfilled() {
        RoundSeries series = series(shortfall().electing("A", "B").handingOn(candidates("C", "D").forSeats(1))
                .closed());

        assertThat(series.expectedElected(3, REGISTRY)).isEqualTo(2);
    }

    @Test
    void theExpectedNumberElectedLeavesOutThePeopleWrittenInWhoAreNotYetRegistered() {
        RoundSeries series = series(filledEverySeat().electing("A", writeIn("王五"), writeIn("赵六")));

        assertThat(series.expectedElected(3, REGISTRY)).isEqualTo(2);
    }

    // Admitting the write-ins

    @Test
    void admittingTheWriteInsAddsEachRegisteredPersonWrittenInAndElectedOnce() {
        RoundSeries series = series(filledEverySeat().electing("A", writeIn("王五")));

        RoundSeries.Admission admission = series.admitWriteIns(List.of("A"), List.of(person("W", "王五")));

        assertThat(admission.elected()).containsExactly("A", "W");
        assertThat(admission.unregistered()).isEmpty();
        assertThat(series.admitWriteIns(List.of("A", "W"), List.of(person("W", "王五"))).elected())
                .containsExactly("A", "W");
    }

    @Test
    void admittingTheWriteInsNamesEveryoneNotRegisteredOrNotUniquely() {
        RoundSeries series = series(filledEverySeat().electing(writeIn("王五"), writeIn("赵六")));

        RoundSeries.Admission admission = series.admitWriteIns(List.of(),
                List.of(person("W1", "王五"), person("W2", "王五")));

        assertThat(admission.unregistered()).containsExactly("王五（人选库中同名 2 人）", "赵六（人选库中没有此人）");
    }

    @Test
    void aPersonWrittenInIsNeverOneRemovedFromTheRegistry() {
        List<Candidate> registry = List.of(person("W1", "王五").withStatus(CandidateStatus.REMOVED),
                person("W2", "王五"));

        assertThat(RoundSeries.peopleNamed(registry, writeIn("王五"))).extracting(Candidate::id)
                .containsExactly("W2");
    }

    private static String writeIn(String name) {
        return Ballot.writeInKey(name);
    }

    private static Candidate person(String id, String name) {
        return People.person(id).name(name).build();
    }

    private static RoundSeries series(RoundBuilder... rounds) {
        return new RoundSeries(Arrays.stream(rounds).map(RoundBuilder::build).toList());
    }

    private static BallotBuilder candidates(String... ids) {
        return new BallotBuilder(List.of(ids));
    }

    private static RoundBuilder filledEverySeat() {
        return new RoundBuilder(Kind.ELECTED_ALL);
    }

    private static RoundBuilder shortfall() {
        return new RoundBuilder(Kind.SHORTFALL);
    }

    private static RoundBuilder tieAtLastSeat() {
        return new RoundBuilder(Kind.TIE_AT_LAST_SEAT);
    }

    private static RoundBuilder noQuorum() {
        return new RoundBuilder(Kind.NO_QUORUM);
    }

    /** The candidates of a ballot, waiting for its seats. */
    private record BallotBuilder(List<String> ids) {

        Ballot forSeats(int seats) {
            return new Ballot(ids, seats);
        }
    }

    /** A counted round of the given kind, electing nobody and handing on nothing unless told. */
    private static final class RoundBuilder {
        private final Kind kind;
        private final List<RoundOutcome.Elected> elected = new ArrayList<>();
        private Ballot nextBallot;
        private boolean closed;

        private RoundBuilder(Kind kind) {
            this.kind = kind;
        }

        RoundBuilder electing(String... ids) {
            Arrays.stream(ids).map(id -> new RoundOutcome.Elected(id, 500)).forEach(elected::add);
            return this;
        }

        RoundBuilder handingOn(Ballot ballot) {
            nextBallot = ballot;
            return this;
        }

        RoundBuilder closed() {
            closed = true;
            return this;
        }

        RoundOutcome outcome() {
            return new RoundOutcome(kind, elected, 401, nextBallot, "");
        }

        RoundSeries.Round build() {
            return new RoundSeries.Round(outcome(), closed);
        }
    }
}
