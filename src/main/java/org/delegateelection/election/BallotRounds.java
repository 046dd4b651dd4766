package org.delegateelection.election;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.delegateelection.ballot.Assembly;
import org.delegateelection.ballot.Ballot;
import org.delegateelection.ballot.RoundCounter;
import org.delegateelection.ballot.RoundOutcome;
import org.delegateelection.ballot.StrokeOrder;
import org.delegateelection.ballot.Tally;
import org.delegateelection.candidate.Candidate;
import org.delegateelection.candidate.CandidateList;
import org.delegateelection.candidate.CandidateRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The rounds of the vote at the congress (step 23): which ballot the next round votes on, and the counting of a
 * round's tally, kept per round in table {@code tally_round}. The first round, and every round after a result the
 * structure check turned down, votes on the whole ballot list for all seats; a round after a tie or a shortfall votes
 * on the ballot the counting handed on.
 */
@Component
public class BallotRounds {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcClient jdbc;
    private final ElectionRepository elections;
    private final CandidateRepository candidates;
    private final RoundCounter counter = new RoundCounter(Assembly.CONGRESS);

    public BallotRounds(JdbcClient jdbc, ElectionRepository elections, CandidateRepository candidates) {
        this.jdbc = jdbc;
        this.elections = elections;
        this.candidates = candidates;
    }

    /** A counted round: its number, the ballot voted on, and the outcome. */
    public record CountedRound(int round, Ballot ballot, RoundOutcome outcome) {
    }

    /**
     * Checks a tally as submitted at step 23 against the current ballot, without storing anything.
     *
     * @throws org.delegateelection.system.InvalidInputException naming the field at fault
     */
    public void validate(long electionId, Object tallyValue) {
        counter.count(VariableValues.json("tally", tallyValue, Tally.class), nextBallot(electionId));
    }

    /** Counts the submitted tally, stores the round and updates the list of elected delegates. */
    public CountedRound count(long electionId, Object tallyValue) {
        Tally tally = VariableValues.json("tally", tallyValue, Tally.class);
        Ballot ballot = nextBallot(electionId);
        RoundOutcome outcome = counter.count(tally, ballot);
        int round = rounds(electionId) + 1;
        List<String> elected = new ArrayList<>(continuesSeries(electionId) ? ids(electionId, CandidateList.ELECTED) : List.of());
        outcome.elected().forEach(e -> elected.add(e.candidateId()));
        TaskDecisions.store(candidates, electionId, CandidateList.ELECTED, elected, null);
        jdbc.sql("insert into tally_round (election_id, round, tally, outcome) values (?, ?, ?, ?)")
                .params(electionId, round, VariableValues.toJson(tally), VariableValues.toJson(outcome))
                .update();
        return new CountedRound(round, ballot, outcome);
    }

    /**
     * The ballot the next round votes on: the whole ballot, or after a tie or a shortfall the candidates the counting
     * handed on, which keep the order they had on the ballot before.
     */
    public Ballot nextBallot(long electionId) {
        Optional<RoundOutcome> last = lastOutcome(electionId);
        if (last.isPresent() && last.get().nextBallot() != null) {
            return last.get().nextBallot();
        }
        return fullBallot(electionId);
    }

    /**
     * The whole ballot: every candidate of the ballot list for all seats — the unit's seats, plus the candidates
     * nominated by the Centre when they come in addition. The candidates stand in the order of the strokes of their
     * names ({@link StrokeOrder}, 《中国共产党地方组织选举工作条例》 art. 30); people of the same name by id.
     */
    public Ballot fullBallot(long electionId) {
        List<String> ballot = candidates.list(electionId, CandidateList.BALLOT.key()).stream()
                .sorted(Comparator.comparing(Candidate::name, StrokeOrder.NAMES).thenComparing(Candidate::id))
                .map(Candidate::id)
                .toList();
        List<String> prospective = ids(electionId, CandidateList.PROSPECTIVE);
        long centre = ballot.stream().filter(id -> !prospective.contains(id)).count();
        ElectionUnit unit = elections.get(electionId);
        return new Ballot(ballot, unit.seats() + (unit.centreNomineesInAddition() ? (int) centre : 0));
    }

    /**
     * A round as stored: its number, the tally as submitted and the outcome.
     *
     * @param round   1 for the first round
     * @param tally   the counts and approvals
     * @param outcome what the counting decided
     */
    public record StoredRound(int round, Tally tally, RoundOutcome outcome) {
    }

    /** Every counted round of the election, first to last; empty before the first count. */
    public List<StoredRound> history(long electionId) {
        return jdbc.sql("select round, tally, outcome from tally_round where election_id = ? order by round")
                .param(electionId)
                .query((rs, n) -> new StoredRound(rs.getInt("round"), read(rs.getString("tally"), Tally.class),
                        read(rs.getString("outcome"), RoundOutcome.class)))
                .list();
    }

    /** The outcome of the last counted round, if any. */
    public Optional<RoundOutcome> lastOutcome(long electionId) {
        return jdbc.sql("select outcome from tally_round where election_id = ? order by round desc "
                        + "fetch first 1 rows only")
                .param(electionId).query(String.class).optional().map(json -> read(json, RoundOutcome.class));
    }

    private boolean continuesSeries(long electionId) {
        return lastOutcome(electionId).map(o -> o.nextBallot() != null).orElse(false);
    }

    private List<String> ids(long electionId, CandidateList list) {
        return candidates.list(electionId, list.key()).stream().map(Candidate::id).toList();
    }

    private int rounds(long electionId) {
        return jdbc.sql("select count(*) from tally_round where election_id = ?").param(electionId)
                .query(Integer.class).single();
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("计票结果记录无法读取", e);
        }
    }
}
