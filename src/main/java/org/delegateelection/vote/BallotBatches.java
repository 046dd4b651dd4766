package org.delegateelection.vote;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.delegateelection.system.InputValues;
import org.delegateelection.system.InvalidInputException;
import org.delegateelection.vote.BallotCount.Marks;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ballots entered for a round of a {@link Vote}, kept added up in tables {@code ballot_batch} and
 * {@code ballot_marks}. Only counts are stored, never a row per ballot, a time or a sequence of entry, so no stored
 * value can tie a ballot to an elector (secret ballot, 《中国共产党地方组织选举工作条例》 art. 6); a batch is known by a
 * random UUID. A batch is stored in one transaction, whole or not at all, and is counted once, by the completion of
 * the voting task that names it; the batches of a vote that were not counted are deleted when a round of the vote is
 * counted or its series of rounds is closed ({@link #discardUncounted}). A counted batch is never deleted.
 */
@Repository
public class BallotBatches {

    private final JdbcTemplate template;
    private final JdbcClient jdbc;

    /** Uses the application's data source. */
    public BallotBatches(JdbcTemplate template) {
        this.template = template;
        this.jdbc = JdbcClient.create(template);
    }

    /**
     * Stores the counts of a batch of ballots of a vote, in one transaction (joining the caller's, e.g. a task
     * completion's), and returns its new id (a random UUID). A failure on any row leaves nothing of the batch.
     */
    @Transactional
    public String save(long electionId, Vote vote, BallotCount count) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("insert into ballot_batch (id, election_id, vote, ballot, ballots_returned, invalid_ballots) "
                        + "values (?, ?, ?, ?, ?, ?)")
                .params(id, electionId, vote.name(), InputValues.toJson(count.ballot()), count.ballotsReturned(),
                        count.invalidBallots())
                .update();
        List<Object[]> rows = count.marks().entrySet().stream().map(m -> new Object[] {id, m.getKey(),
                m.getValue().approvals(), m.getValue().disapprovals(), m.getValue().abstentions()}).toList();
        template.batchUpdate("insert into ballot_marks (batch_id, candidate, approvals, disapprovals, abstentions) "
                + "values (?, ?, ?, ?, ?)", rows);
        return id;
    }

    /**
     * The batch of this election with the given id, not yet counted, entered for the given ballot of the vote.
     *
     * @throws InvalidInputException on field {@code field} when there is no such batch, it was counted already, it
     *                               was entered for another vote or another ballot, or it lacks the counts of a
     *                               candidate of the ballot (a batch an older version left half written)
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
        if (!InputValues.json(field, row.get().ballot(), Ballot.class).equals(ballot)) {
            throw InvalidInputException.field(field, "选票批次 " + batchId + " 不是按本轮选票录入的，请按本轮选票重新录入");
        }
        Map<String, Marks> marks = marks(batchId, ballot);
        if (marks.containsValue(null)) {
            throw InvalidInputException.field(field, "选票批次 " + batchId + " 不完整（录入时中断），不能计票，请重新录入本轮选票");
        }
        return new BallotCount(ballot, row.get().returned(), row.get().invalid(), marks);
    }

    /**
     * Records that the batch was counted in the given round of its vote (0: the preliminary round), and deletes the
     * vote's other batches not counted ({@link #discardUncounted}).
     */
    @Transactional
    public void markCounted(long electionId, Vote vote, String batchId, int round) {
        jdbc.sql("update ballot_batch set counted_in_round = ? where id = ?").params(round, batchId).update();
        discardUncounted(electionId, vote);
    }

    /**
     * Deletes the batches of a vote of this election that were not counted. Called when a round of the vote is
     * counted and when its series of rounds is closed: a batch is entered for the round next at the time, so one not
     * counted by then was entered for a round that is over (a file entered again after a correction, an upload
     * broken off) and can never be counted. Counted batches are kept: they are the record of the rounds.
     */
    @Transactional
    public void discardUncounted(long electionId, Vote vote) {
        String uncounted = "from ballot_batch where election_id = ? and vote = ? and counted_in_round is null";
        jdbc.sql("delete from ballot_marks where batch_id in (select id " + uncounted + ")")
                .params(electionId, vote.name()).update();
        jdbc.sql("delete " + uncounted).params(electionId, vote.name()).update();
    }

    /**
     * The marks counted in a round of a vote of this election, per candidate id or write-in key, in the order of the
     * ballot (write-ins after it), added up over the round's batches (its boxes); empty for a round counted without
     * ballots.
     */
    public Map<String, Marks> marksOfRound(long electionId, Vote vote, int round) {
        Map<String, Marks> sum = new LinkedHashMap<>();
        jdbc.sql("select id, ballot from ballot_batch where election_id = ? and vote = ? and counted_in_round = ?")
                .params(electionId, vote.name(), round)
                .query((rs, n) -> marks(rs.getString(1), InputValues.json("ballot", rs.getString(2), Ballot.class)))
                .list().forEach(marks -> marks.forEach((key, m) -> sum.merge(key, m, Marks::plus)));
        return sum;
    }

    /**
     * The batches counted in a round of a vote as text, for the round's record in the integrity chain: per batch (by
     * id) its ballot, ballots returned and invalid, then its marks per candidate; for a round counted box by box
     * ({@link BallotBoxes}) then each box (number, issued, returned by either team, its batch) and each ballot the
     * teams read differently with its settlement; empty for a round counted without ballots.
     */
    public String countedText(long electionId, Vote vote, int round) {
        List<String> lines = new ArrayList<>(jdbc.sql("select b.id, b.ballot, b.ballots_returned, b.invalid_ballots, m.candidate, "
                        + "m.approvals, m.disapprovals, m.abstentions from ballot_batch b "
                        + "left join ballot_marks m on m.batch_id = b.id "
                        + "where b.election_id = ? and b.vote = ? and b.counted_in_round = ? order by b.id, m.candidate")
                .params(electionId, vote.name(), round)
                .query((rs, n) -> String.join("|", rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)))
                .list());
        lines.addAll(jdbc.sql("select box, ballots_issued, first_returned, second_returned, batch_id from ballot_box "
                        + "where election_id = ? and vote = ? and round = ? and batch_id is not null order by box")
                .params(electionId, vote.name(), round)
                .query((rs, n) -> String.join("|", "box", rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5)))
                .list());
        lines.addAll(jdbc.sql("select d.box, d.row_in_box, d.first_reading, d.second_reading, d.accepted_team, "
                        + "d.reason, d.settled_by from ballot_box_difference d join ballot_box b on b.election_id = "
                        + "d.election_id and b.vote = d.vote and b.round = d.round and b.box = d.box "
                        + "where d.election_id = ? and d.vote = ? and d.round = ? and b.batch_id is not null "
                        + "order by d.box, d.row_in_box")
                .params(electionId, vote.name(), round)
                .query((rs, n) -> String.join("|", "difference", rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)))
                .list());
        return String.join("\n", lines);
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
        stored.keySet().stream().sorted(Ballot.WRITE_INS).forEach(key -> marks.put(key, stored.get(key)));
        return marks;
    }
}
