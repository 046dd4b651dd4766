package org.delegateelection.election;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.delegateelection.ballot.Ballot;
import org.delegateelection.ballot.BallotCount;
import org.delegateelection.ballot.BallotCount.Marks;
import org.delegateelection.ballot.StrokeOrder;
import org.delegateelection.system.InvalidInputException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The ballots entered for a round of a {@link Vote}, kept added up in tables {@code ballot_batch} and
 * {@code ballot_marks}. Only counts are stored, never a row per ballot, a time or a sequence of entry, so no stored
 * value can tie a ballot to an elector (secret ballot, 《中国共产党地方组织选举工作条例》 art. 6); a batch is known by a
 * random UUID. A batch is counted once, by the completion of the voting task that names it.
 */
@Repository
public class BallotBatches {

    private final JdbcClient jdbc;

    /** Uses the application's data source. */
    public BallotBatches(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the counts of a batch of ballots of a vote and returns its new id (a random UUID). */
    public String save(long electionId, Vote vote, BallotCount count) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("insert into ballot_batch (id, election_id, vote, ballot, ballots_returned, invalid_ballots) "
                        + "values (?, ?, ?, ?, ?, ?)")
                .params(id, electionId, vote.name(), VariableValues.toJson(count.ballot()), count.ballotsReturned(),
                        count.invalidBallots())
                .update();
        count.marks().forEach((candidate, m) -> jdbc.sql("insert into ballot_marks (batch_id, candidate, approvals, "
                        + "disapprovals, abstentions) values (?, ?, ?, ?, ?)")
                .params(id, candidate, m.approvals(), m.disapprovals(), m.abstentions())
                .update());
        return id;
    }

    /**
     * The batch of this election with the given id, not yet counted, entered for the given ballot of the vote.
     *
     * @throws InvalidInputException on field {@code field} when there is no such batch, it was counted already, or
     *                               it was entered for another vote or another ballot
     */
    public BallotCount uncounted(long electionId, Vote vote, String field, String batchId, Ballot ballot) {
        record Row(String ballot, int returned, int invalid, Integer round, String vote) {
        }
        Optional<Row> row = jdbc.sql("select ballot, ballots_returned, invalid_ballots, counted_in_round, vote "
                        + "from ballot_batch where id = ? and election_id = ?")
                .params(batchId, electionId)
                .query((rs, n) -> new Row(rs.getString(1), rs.getInt(2), rs.getInt(3),
                        (Integer) rs.getObject(4, Integer.class), rs.getString(5)))
                .optional();
        if (row.isEmpty()) {
            throw InvalidInputException.field(field, "本选举没有编号为 " + batchId + " 的选票批次");
        }
        if (!row.get().vote().equals(vote.name())) {
            throw InvalidInputException.field(field, "选票批次 " + batchId + " 不是本次投票的选票");
        }
        if (row.get().round() != null) {
            throw InvalidInputException.field(field, "选票批次 " + batchId + " 已在第 " + row.get().round() + " 轮计票");
        }
        if (!VariableValues.json(field, row.get().ballot(), Ballot.class).equals(ballot)) {
            throw InvalidInputException.field(field, "选票批次 " + batchId + " 不是按本轮选票录入的，请按本轮选票重新录入");
        }
        return new BallotCount(ballot, row.get().returned(), row.get().invalid(), marks(batchId, ballot));
    }

    /** Records that the batch was counted in the given round. */
    public void markCounted(String batchId, int round) {
        jdbc.sql("update ballot_batch set counted_in_round = ? where id = ?").params(round, batchId).update();
    }

    /**
     * The marks counted in a round of a vote of this election, per candidate id or write-in key, in the order of the
     * ballot (write-ins after it); empty for a round counted without ballots.
     */
    public Map<String, Marks> marksOfRound(long electionId, Vote vote, int round) {
        return jdbc.sql("select id, ballot from ballot_batch where election_id = ? and vote = ? "
                        + "and counted_in_round = ?")
                .params(electionId, vote.name(), round)
                .query((rs, n) -> marks(rs.getString(1), VariableValues.json("ballot", rs.getString(2), Ballot.class)))
                .optional().orElse(Map.of());
    }

    /** The marks of a batch: the ballot's candidates in ballot order, then write-ins in stroke order. */
    private Map<String, Marks> marks(String batchId, Ballot ballot) {
        Map<String, Marks> stored = new HashMap<>();
        jdbc.sql("select candidate, approvals, disapprovals, abstentions from ballot_marks where batch_id = ?")
                .param(batchId)
                .query(rs -> {
                    stored.put(rs.getString(1), new Marks(rs.getInt(2), rs.getInt(3), rs.getInt(4)));
                });
        Map<String, Marks> marks = new LinkedHashMap<>();
        ballot.candidateIds().forEach(id -> marks.put(id, stored.remove(id)));
        stored.keySet().stream().sorted(StrokeOrder.NAMES).forEach(key -> marks.put(key, stored.get(key)));
        return marks;
    }
}
