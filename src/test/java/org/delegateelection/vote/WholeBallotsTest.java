package org.delegateelection.vote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import org.delegateelection.candidate.Candidate;
import org.delegateelection.quota.People;
import org.delegateelection.system.InvalidInputException;
import org.delegateelection.system.Problem;
import org.junit.jupiter.api.Test;

/** The whole ballots a series of rounds starts with, on people built by hand. */
class WholeBallotsTest {

    /** Out of stroke order on purpose: 丁 (2 strokes), 王 (4), 李 and 张 (7: 李 begins 横, 张 折). */
    private static final List<Candidate> PEOPLE = List.of(person("L", "李四"), person("Z", "张三"),
            person("W", "王五"), person("D", "丁一"));

    // The plenary vote

    @Test
    void thePlenaryVoteVotesOnThePreliminaryCandidatesInStrokeOrderForTheNumberStep19Fixed() {
        Ballot ballot = WholeBallots.plenary(PEOPLE, 3);

        assertThat(ballot.candidateIds()).containsExactly("D", "W", "L", "Z");
        assertThat(ballot.seats()).isEqualTo(3);
    }

    @Test
    void peopleOfTheSameNameStandInTheOrderOfTheirIds() {
        Ballot ballot = WholeBallots.plenary(List.of(person("W2", "王五"), person("W1", "王五")), 1);

        assertThat(ballot.candidateIds()).containsExactly("W1", "W2");
    }

    @Test
    void step19TakesANumberOfProspectiveCandidatesBetweenTheCompetitiveLeastAndThePreliminaryList() {
        assertThatCode(() -> WholeBallots.checkProspectiveCount(80, 90, 80)).doesNotThrowAnyException();
        assertThatCode(() -> WholeBallots.checkProspectiveCount(90, 90, 80)).doesNotThrowAnyException();
    }

    @Test
    void step19RefusesMoreProspectiveCandidatesThanThePreliminaryList() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> WholeBallots.checkProspectiveCount(91, 90, 80));

        assertThat(e.problems()).containsExactly(new Problem(null, "prospectiveCount", "不能多于初步人选人数 90"));
    }

    @Test
    void step19RefusesFewerProspectiveCandidatesThanTheCompetitiveElectionNeeds() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> WholeBallots.checkProspectiveCount(79, 90, 80));

        assertThat(e.problems())
                .containsExactly(new Problem(null, "prospectiveCount", "差额选举至少须有预备人选 80 名"));
    }

    // The ballot list

    @Test
    void theBallotListHasEveryCandidateInStrokeOrderForTheUnitsSeats() {
        Ballot ballot = WholeBallots.ballotList(PEOPLE, List.of("L", "Z", "W", "D"), 3, true);

        assertThat(ballot.candidateIds()).containsExactly("D", "W", "L", "Z");
        assertThat(ballot.seats()).isEqualTo(3);
    }

    @Test
    void theBallotListAddsASeatForEachNomineeOfTheCentreWhoComesInAddition() {
        Ballot ballot = WholeBallots.ballotList(PEOPLE, List.of("L", "Z", "W"), 2, true);

        assertThat(ballot.seats()).isEqualTo(3);
    }

    @Test
    void theBallotListAddsNoSeatForNomineesOfTheCentreWhoFillSeatsOfTheAllocation() {
        Ballot ballot = WholeBallots.ballotList(PEOPLE, List.of("L", "Z", "W"), 2, false);

        assertThat(ballot.seats()).isEqualTo(2);
    }

    // The preliminary election

    @Test
    void aPreliminaryElectionVotesOnTheWholeBallotListApprovingAtMostTheLengthOfTheFormalList() {
        Ballot list = WholeBallots.ballotList(PEOPLE, List.of("L", "Z", "W", "D"), 2, false);

        Ballot preliminary = WholeBallots.preliminary(list, 3);

        assertThat(preliminary.candidateIds()).isEqualTo(list.candidateIds());
        assertThat(preliminary.seats()).isEqualTo(3);
    }

    @Test
    void aPreliminaryElectionHandsTheFormalRoundsItsFormalListInStrokeOrderWithWriteInsByTheNameWrittenIn() {
        Ballot formal = WholeBallots.formal(List.of("L", Ballot.writeInKey("王六"), "D"), PEOPLE, 2);

        assertThat(formal.candidateIds()).containsExactly("D", Ballot.writeInKey("王六"), "L");
        assertThat(formal.seats()).isEqualTo(2);
    }

    private static Candidate person(String id, String name) {
        return People.person(id).name(name).build();
    }
}
