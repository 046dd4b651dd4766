package org.delegateelection.vote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.delegateelection.system.Problem;
import org.junit.jupiter.api.Test;

/** The wiring stores the tally and the outcome of every round as JSON. */
class RoundJsonTest {

    private final ObjectMapper json = new ObjectMapper();
    private final RoundCounter counter = new RoundCounter(Assembly.CONGRESS);

    @Test
    void tallyIsReadFromTheTaskForm() throws Exception {
        Tally tally = json.readValue("""
                {"electorsDueToAttend":800,"electorsPresent":780,"ballotsIssued":780,"ballotsReturned":779,
                 "invalidBallots":3,"approvals":{"HB-0001":612,"HB-0002":398}}""", Tally.class);

        assertThat(tally).isEqualTo(TallyBuilder.due(800).present(780)
                .issued(780).returned(779).invalid(3)
                .approving("HB-0001", 612).approving("HB-0002", 398).build());
        assertThat(json.readValue(json.writeValueAsString(tally), Tally.class)).isEqualTo(tally);
    }

    @Test
    void missingFieldIsRejectedByName() throws Exception {
        Tally tally = json.readValue("""
                {"electorsDueToAttend":800,"electorsPresent":780,"ballotsIssued":780,"ballotsReturned":779,
                 "approvals":{}}""", Tally.class);

        InvalidTallyException e = catchThrowableOfType(InvalidTallyException.class,
                () -> counter.count(tally, new Ballot(List.of("HB-0001", "HB-0002"), 1)));

        assertThat(e.problems()).containsExactly(new Problem(null, "invalidBallots", "无效票数未填写"));
    }

    @Test
    void outcomeRoundTrips() throws Exception {
        RoundOutcome tie = counter.count(TallyBuilder.due(800).present(780)
                .issued(780).returned(780).invalid(0)
                .approving("A", 600).approving("B", 430).approving("C", 430).build(),
                new Ballot(List.of("A", "B", "C"), 2));
        RoundOutcome complete = counter.count(TallyBuilder.due(800).present(780)
                .issued(780).returned(780).invalid(0)
                .approving("A", 600).build(),
                new Ballot(List.of("A", "B"), 1));

        JsonNode written = json.readTree(json.writeValueAsString(tie));
        assertThat(written.get("kind").asText()).isEqualTo("TIE_AT_LAST_SEAT");
        assertThat(written.get("elected").get(0).get("candidateId").asText()).isEqualTo("A");
        assertThat(written.get("elected").get(0).get("approvals").asInt()).isEqualTo(600);
        assertThat(written.get("threshold").asInt()).isEqualTo(401);
        assertThat(written.get("nextBallot").get("candidateIds").toString()).isEqualTo("[\"B\",\"C\"]");
        assertThat(written.get("nextBallot").get("seats").asInt()).isEqualTo(1);
        assertThat(written.get("explanation").asText()).isEqualTo(tie.explanation());

        for (RoundOutcome outcome : List.of(tie, complete)) {
            assertThat(json.readValue(json.writeValueAsString(outcome), RoundOutcome.class)).isEqualTo(outcome);
        }
    }
}
