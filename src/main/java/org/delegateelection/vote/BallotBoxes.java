package org.delegateelection.vote;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.delegateelection.system.ConflictException;
import org.delegateelection.system.InputValues;
import org.delegateelection.system.InvalidInputException;
import org.delegateelection.system.NotFoundException;
import org.delegateelection.vote.BallotSheet.Reading;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ballot boxes (票箱) of the open round of a vote, counted box by box by two counting teams (计票组) under the
 * scrutineers: team 1 opens a box with its ballots issued and enters its ballots; team 2 enters the same ballots
 * independently, and the two entries are compared ballot by ballot (tables {@code ballot_box},
 * {@code ballot_box_reading}, {@code ballot_box_difference}). A box counts only when both entries agree, or when the
 * chief scrutineer (总监票人) has settled every ballot they read differently, saying whose reading stands and why.
 * Team 1's ballots are held, as read and in the order counted within the box, only until the box is counted or its
 * round is over; team 2's are never stored, only where they differ; a counted box becomes a {@link BallotBatches}
 * batch (counts only, secret ballot, 《中国共产党地方组织选举工作条例》 art. 6). Every change is announced as
 * {@link Changed}, for the voting task's form.
 */
@Repository
public class BallotBoxes {

    /** The team that opens a box; the other one is {@link #SECOND}. */
    public static final int FIRST = 1;
    /** The team that enters a box opened by {@link #FIRST}. */
    public static final int SECOND = 2;

    private static final String ABSENT = "（无此张）";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final BallotBatches batches;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    /** Uses the application's data source; announces changes to the application's listeners. */
    public BallotBoxes(JdbcTemplate template, BallotBatches batches, ApplicationEventPublisher events, Clock clock) {
        this.template = template;
        this.jdbc = JdbcClient.create(template);
        this.batches = batches;
        this.events = events;
        this.clock = clock;
    }

    /** The boxes of a vote's open round changed: an entry or a settlement. */
    public record Changed(long electionId, Vote vote) {
    }

    /** Where a box is: a step of its comparison, or counted. */
    public enum State {
        /** 一组已录入: team 1 entered it, team 2 has not. */
        FIRST_ENTERED("一组已录入"),
        /** 两组一致: both entered it and read every ballot alike. */
        AGREED("两组一致"),
        /** 有差异待裁定: the teams read some ballot differently and the chief scrutineer has not settled all. */
        DIFFERING("有差异待裁定"),
        /** 已裁定: every difference settled. */
        SETTLED("已裁定"),
        /** 已计票: counted in its round. */
        COUNTED("已计票");

        /** The state as the form shows it. */
        public final String text;

        State(String text) {
            this.text = text;
        }
    }

    /**
     * One candidate on a ballot the teams read differently.
     *
     * @param candidate the candidate's id, as the ballot's column is headed
     * @param first     team 1's mark (赞成, 反对, 弃权, "反对:姓名", 无效 for a spoilt ballot, （无此张） for no such ballot)
     * @param second    team 2's
     */
    public record CellDifference(String candidate, String first, String second) {
    }

    /**
     * A ballot of a box the two teams read differently.
     *
     * @param row          the ballot's place in the box's entries (1, 2, …: the row of the file after its header)
     * @param cells        every candidate whose marks differ
     * @param acceptedTeam whose reading the chief scrutineer let stand, {@code null} while not settled
     * @param reason       why, {@code null} while not settled
     * @param settledBy    the chief scrutineer's user id, {@code null} while not settled
     */
    public record Difference(int row, List<CellDifference> cells, Integer acceptedTeam, String reason,
            String settledBy) {
    }

    /**
     * A box of a round.
     *
     * @param box             its number
     * @param ballotsIssued   ballots issued for it, given by team 1
     * @param firstBallots    ballots team 1 read from it
     * @param secondBallots   ballots team 2 read, {@code null} before team 2's entry
     * @param state           where it is
     * @param stateText       the state in Chinese
     * @param differences     the ballots read differently, in box order
     */
    public record Box(int box, int ballotsIssued, int firstBallots, Integer secondBallots, State state,
            String stateText, List<Difference> differences) {
    }

    /** A box once its entries agree or are settled: its number, ballots issued and counts. */
    public record CountedBox(int box, int ballotsIssued, BallotCount count) {
    }

    /**
     * Stores one team's entry of a box of a vote's open round ({@code round} as {@link BallotBatches} counts it: 0 the
     * preliminary round), in one transaction. Team 1 opens the box with its ballots issued and its ballots are held;
     * team 2's ballots are compared with them row by row and only the differing ones are kept.
     *
     * @param issued the box's ballots issued: required of team 1; of team 2 optional, and then the same
     * @return the box after the entry
     * @throws ConflictException     (nothing stored) for a box the team entered already, or a team 2 entry of a box
     *                               team 1 has not opened
     * @throws InvalidInputException on field {@code issued} when team 1 gives none or team 2 another number
     */
    @Transactional
    public Box enter(long electionId, Vote vote, int round, Ballot ballot, int box, int team, Integer issued,
            List<Reading> readings) {
        Optional<Box> opened = box(electionId, vote, round, box);
        if (team == FIRST) {
            if (opened.isPresent()) {
                throw new ConflictException("第 " + box + " 号票箱已由第一计票组录入，不能重复录入；本次录入未保存");
            }
            if (issued == null) {
                throw InvalidInputException.field("issued", "第一计票组录入第 " + box + " 号票箱时须填写该票箱发出的选票数（issued）");
            }
            jdbc.sql("insert into ballot_box (election_id, vote, round, box, ballot, ballots_issued, first_returned) "
                            + "values (?, ?, ?, ?, ?, ?, ?)")
                    .params(electionId, vote.name(), round, box, InputValues.toJson(ballot), issued, readings.size())
                    .update();
            List<Object[]> rows = new ArrayList<>();
            for (int r = 0; r < readings.size(); r++) {
                rows.add(new Object[] {electionId, vote.name(), round, box, r + 1,
                        InputValues.toJson(readings.get(r))});
            }
            template.batchUpdate("insert into ballot_box_reading (election_id, vote, round, box, row_in_box, reading) "
                    + "values (?, ?, ?, ?, ?, ?)", rows);
        } else {
            if (opened.isEmpty()) {
                throw new ConflictException("第 " + box + " 号票箱尚未由第一计票组录入（开箱并登记发出票数），第二计票组的录入无从核对；"
                        + "本次录入未保存");
            }
            if (opened.get().secondBallots() != null) {
                throw new ConflictException("第 " + box + " 号票箱已由第二计票组录入，不能重复录入；本次录入未保存");
            }
            if (issued != null && issued != opened.get().ballotsIssued()) {
                throw InvalidInputException.field("issued", "第 %d 号票箱开箱时登记发出 %d 张，与本次填写的 %d 张不同"
                        .formatted(box, opened.get().ballotsIssued(), issued));
            }
            List<Reading> first = readings(electionId, vote, round, box);
            List<Object[]> rows = new ArrayList<>();
            for (int r = 0; r < Math.max(first.size(), readings.size()); r++) {
                Reading a = r < first.size() ? first.get(r) : null;
                Reading b = r < readings.size() ? readings.get(r) : null;
                if (a == null || !a.equals(b)) {
                    rows.add(new Object[] {electionId, vote.name(), round, box, r + 1,
                            a == null ? null : InputValues.toJson(a), b == null ? null : InputValues.toJson(b)});
                }
            }
            template.batchUpdate("insert into ballot_box_difference (election_id, vote, round, box, row_in_box, "
                    + "first_reading, second_reading) values (?, ?, ?, ?, ?, ?, ?)", rows);
            jdbc.sql("update ballot_box set second_returned = ? where election_id = ? and vote = ? and round = ? "
                    + "and box = ?").params(readings.size(), electionId, vote.name(), round, box).update();
        }
        events.publishEvent(new Changed(electionId, vote));
        return box(electionId, vote, round, box).orElseThrow();
    }

    /**
     * The chief scrutineer's settlement of a ballot of a box the teams read differently: whose reading stands, and
     * why (after looking at the paper ballot).
     *
     * @throws NotFoundException     for a box the round does not have
     * @throws InvalidInputException on field {@code team} for a team other than 1 or 2, {@code reason} for no reason,
     *                               {@code row} for a ballot the teams read alike
     * @throws ConflictException     for a difference settled already
     */
    @Transactional
    public Box settle(long electionId, Vote vote, int round, int box, int row, Integer team, String reason,
            String settledBy) {
        Box found = box(electionId, vote, round, box).filter(b -> b.state() != State.COUNTED)
                .orElseThrow(() -> new NotFoundException("本轮没有第 " + box + " 号票箱"));
        if (team == null || team != FIRST && team != SECOND) {
            throw InvalidInputException.field("team", "须写明采纳哪一计票组的读法：1 或 2");
        }
        if (reason == null || reason.isBlank() || reason.strip().length() > 500) {
            throw InvalidInputException.field("reason", "须写明裁定理由（核对原票的结论，至多 500 字）");
        }
        Difference difference = found.differences().stream().filter(d -> d.row() == row).findFirst()
                .orElseThrow(() -> InvalidInputException.field("row", "第 %d 号票箱第 %d 张两组读法一致或没有这一张，无须裁定"
                        .formatted(box, row)));
        if (difference.acceptedTeam() != null) {
            throw new ConflictException("第 %d 号票箱第 %d 张已由 %s 裁定，不能再次裁定".formatted(box, row,
                    difference.settledBy()));
        }
        jdbc.sql("update ballot_box_difference set accepted_team = ?, reason = ?, settled_by = ?, settled_at = ? "
                        + "where election_id = ? and vote = ? and round = ? and box = ? and row_in_box = ?")
                .params(team, reason.strip(), settledBy, LocalDateTime.now(clock), electionId, vote.name(), round, box,
                        row)
                .update();
        events.publishEvent(new Changed(electionId, vote));
        return box(electionId, vote, round, box).orElseThrow();
    }

    /** The boxes of a round of a vote, by number. */
    public List<Box> boxes(long electionId, Vote vote, int round) {
        return jdbc.sql("select box from ballot_box where election_id = ? and vote = ? and round = ? order by box")
                .params(electionId, vote.name(), round).query(Integer.class).list().stream()
                .map(box -> box(electionId, vote, round, box).orElseThrow()).toList();
    }

    /**
     * The counts of every box of the open round, each from team 1's ballots with the settled readings in place of
     * the differing ones; empty when the round has no box.
     *
     * @throws ConflictException naming every box that cannot be counted yet: not entered by team 2, a difference not
     *                           settled, entered for another ballot
     */
    public List<CountedBox> countable(long electionId, Vote vote, int round, Ballot ballot) {
        List<Box> boxes = boxes(electionId, vote, round);
        List<String> waiting = new ArrayList<>();
        for (Box box : boxes) {
            if (box.state() == State.FIRST_ENTERED) {
                waiting.add("第 " + box.box() + " 号票箱只有第一计票组的录入，须第二计票组录入核对");
            } else if (box.state() == State.DIFFERING) {
                List<Integer> rows = box.differences().stream().filter(d -> d.acceptedTeam() == null)
                        .map(Difference::row).toList();
                waiting.add("第 %d 号票箱有 %d 处差异待总监票人裁定（第 %s 张）".formatted(box.box(), rows.size(),
                        rows.stream().map(String::valueOf).collect(Collectors.joining("、"))));
            } else if (!storedBallot(electionId, vote, round, box.box()).equals(ballot)) {
                waiting.add("第 " + box.box() + " 号票箱不是按本轮选票录入的，须重新录入");
            }
        }
        if (!waiting.isEmpty()) {
            throw new ConflictException("本轮选票尚不能计票：" + String.join("；", waiting) + "。");
        }
        return boxes.stream().map(box -> new CountedBox(box.box(), box.ballotsIssued(),
                BallotSheet.count(ballot, settledReadings(electionId, vote, round, box)))).toList();
    }

    /**
     * Counts every box of the open round in the round ({@link #countable}): stores each box's counts as a batch
     * counted in the round and deletes the ballots held for it; the differences and settlements stay.
     */
    @Transactional
    public void count(long electionId, Vote vote, int round, Ballot ballot) {
        for (CountedBox counted : countable(electionId, vote, round, ballot)) {
            String batchId = batches.save(electionId, vote, counted.count());
            batches.markCounted(electionId, vote, batchId, round);
            jdbc.sql("update ballot_box set batch_id = ? where election_id = ? and vote = ? and round = ? and box = ?")
                    .params(batchId, electionId, vote.name(), round, counted.box()).update();
            jdbc.sql("delete from ballot_box_reading where election_id = ? and vote = ? and round = ? and box = ?")
                    .params(electionId, vote.name(), round, counted.box()).update();
        }
    }

    /**
     * Deletes the boxes of a vote not counted, with what was held of them: called with
     * {@link BallotBatches#discardUncounted}, when a round of the vote is counted or its series closed, as the boxes
     * were entered for a round that is over.
     */
    @Transactional
    public void discardUncounted(long electionId, Vote vote) {
        String uncounted = " where election_id = ? and vote = ? and exists (select 1 from ballot_box b where "
                + "b.election_id = t.election_id and b.vote = t.vote and b.round = t.round and b.box = t.box "
                + "and b.batch_id is null)";
        for (String table : List.of("ballot_box_reading", "ballot_box_difference")) {
            jdbc.sql("delete from " + table + " t" + uncounted).params(electionId, vote.name()).update();
        }
        jdbc.sql("delete from ballot_box where election_id = ? and vote = ? and batch_id is null")
                .params(electionId, vote.name()).update();
    }

    /** The state of every box of a round as a Markdown table, for the voting task's form. */
    public static String markdown(List<Box> boxes) {
        if (boxes.isEmpty()) {
            return "尚未按票箱录入选票。";
        }
        StringBuilder text = new StringBuilder("| 票箱 | 发出 | 第一组收回 | 第二组收回 | 状态 | 差异 |\n|---|---|---|---|---|---|\n");
        for (Box box : boxes) {
            String differences = box.differences().stream().map(d -> "第 " + d.row() + " 张："
                    + d.cells().stream().map(c -> c.candidate() + " " + c.first() + "／" + c.second())
                            .collect(Collectors.joining("，"))
                    + (d.acceptedTeam() == null ? "（待裁定）" : "（采纳第" + d.acceptedTeam() + "组：" + d.reason() + "）"))
                    .collect(Collectors.joining("；"));
            text.append("| ").append(box.box()).append(" | ").append(box.ballotsIssued()).append(" | ")
                    .append(box.firstBallots()).append(" | ")
                    .append(box.secondBallots() == null ? "" : box.secondBallots()).append(" | ")
                    .append(box.stateText()).append(" | ").append(differences).append(" |\n");
        }
        return text.toString();
    }

    private Optional<Box> box(long electionId, Vote vote, int round, int box) {
        record Row(int issued, int first, Integer second, String batchId) {
        }
        Optional<Row> row = jdbc.sql("select ballots_issued, first_returned, second_returned, batch_id from ballot_box "
                        + "where election_id = ? and vote = ? and round = ? and box = ?")
                .params(electionId, vote.name(), round, box)
                .query((rs, n) -> new Row(rs.getInt(1), rs.getInt(2), (Integer) rs.getObject(3, Integer.class),
                        rs.getString(4)))
                .optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Ballot ballot = storedBallot(electionId, vote, round, box);
        List<Difference> differences = jdbc.sql("select row_in_box, first_reading, second_reading, accepted_team, "
                        + "reason, settled_by from ballot_box_difference where election_id = ? and vote = ? "
                        + "and round = ? and box = ? order by row_in_box")
                .params(electionId, vote.name(), round, box)
                .query((rs, n) -> new Difference(rs.getInt(1), cells(ballot, reading(rs.getString(2)),
                        reading(rs.getString(3))), (Integer) rs.getObject(4, Integer.class), rs.getString(5),
                        rs.getString(6)))
                .list();
        State state;
        if (row.get().batchId() != null) {
            state = State.COUNTED;
        } else if (row.get().second() == null) {
            state = State.FIRST_ENTERED;
        } else if (differences.isEmpty()) {
            state = State.AGREED;
        } else if (differences.stream().anyMatch(d -> d.acceptedTeam() == null)) {
            state = State.DIFFERING;
        } else {
            state = State.SETTLED;
        }
        return Optional.of(new Box(box, row.get().issued(), row.get().first(), row.get().second(), state, state.text,
                differences));
    }

    private Ballot storedBallot(long electionId, Vote vote, int round, int box) {
        return InputValues.json("ballot", jdbc.sql("select ballot from ballot_box where election_id = ? and vote = ? "
                + "and round = ? and box = ?").params(electionId, vote.name(), round, box).query(String.class)
                .single(), Ballot.class);
    }

    /** Team 1's ballots of a box in box order. */
    private List<Reading> readings(long electionId, Vote vote, int round, int box) {
        return jdbc.sql("select reading from ballot_box_reading where election_id = ? and vote = ? and round = ? "
                        + "and box = ? order by row_in_box")
                .params(electionId, vote.name(), round, box)
                .query((rs, n) -> reading(rs.getString(1))).list();
    }

    /** Team 1's ballots with the accepted reading of every settled difference in place (none: no such ballot). */
    private List<Reading> settledReadings(long electionId, Vote vote, int round, Box box) {
        List<Reading> first = readings(electionId, vote, round, box.box());
        Map<Integer, Optional<Reading>> accepted = jdbc.sql("select row_in_box, first_reading, second_reading, "
                        + "accepted_team from ballot_box_difference where election_id = ? and vote = ? and round = ? "
                        + "and box = ?")
                .params(electionId, vote.name(), round, box.box())
                .query((rs, n) -> Map.entry(rs.getInt(1), Optional.ofNullable(reading(
                        rs.getString(rs.getInt(4) == FIRST ? 2 : 3)))))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        List<Reading> settled = new ArrayList<>();
        int rows = Math.max(first.size(), accepted.keySet().stream().mapToInt(Integer::intValue).max().orElse(0));
        for (int r = 1; r <= rows; r++) {
            Optional<Reading> reading = accepted.containsKey(r) ? accepted.get(r)
                    : Optional.ofNullable(r <= first.size() ? first.get(r - 1) : null);
            reading.ifPresent(settled::add);
        }
        return settled;
    }

    private static List<CellDifference> cells(Ballot ballot, Reading first, Reading second) {
        List<CellDifference> cells = new ArrayList<>();
        for (int c = 0; c < ballot.candidateIds().size(); c++) {
            String a = first == null ? ABSENT : first.cell(c);
            String b = second == null ? ABSENT : second.cell(c);
            if (!a.equals(b)) {
                cells.add(new CellDifference(ballot.candidateIds().get(c), a, b));
            }
        }
        return cells;
    }

    private static Reading reading(String json) {
        return json == null ? null : InputValues.json("reading", json, Reading.class);
    }
}
