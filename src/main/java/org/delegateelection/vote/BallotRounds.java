package org.delegateelection.vote;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.delegateelection.candidate.Candidate;
import org.delegateelection.candidate.CandidateList;
import org.delegateelection.candidate.CandidateRepository;
import org.delegateelection.election.ElectionRepository;
import org.delegateelection.election.ElectionUnit;
import org.delegateelection.integrity.IntegrityChain;
import org.delegateelection.integrity.RecordContent;
import org.delegateelection.integrity.RecordKind;
import org.delegateelection.quota.QuotaCheckers;
import org.delegateelection.system.CjkFont;
import org.delegateelection.system.ConflictException;
import org.delegateelection.system.InputValues;
import org.delegateelection.system.InvalidInputException;
import org.delegateelection.system.PlainText;
import org.delegateelection.system.Problem;
import org.delegateelection.system.TableFile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The rounds of the two votes ({@link Vote}): the plenary vote on the prospective candidates (step 20) and the vote at
 * the congress (step 23) — which ballot the next round votes on, the entry of its ballots ({@link BallotBatches}), and
 * the counting of a round's tally by {@link RoundCounter} for the vote's assembly, kept per round (tables
 * {@code plenary_round}, {@code tally_round}) and listed by {@link #rounds}. The first round, and every round after a
 * result the structure check turned down, votes on the whole ballot for all seats; a round after a tie or a shortfall
 * votes on the ballot the counting handed on. The plenary vote's whole ballot is the preliminary list with as many
 * seats as step 19 fixed ({@link #planPlenaryVote}); the congress's is the ballot list. An election configured with
 * a preliminary election ({@link ElectionUnit#preliminaryElection()}) first votes on the whole ballot list in a
 * preliminary round ({@link PreliminaryRanking}), kept in table {@code preliminary_round}; its formal list is then the
 * whole ballot of the formal rounds. Ballots are entered the same way for both: while the preliminary round is due, an
 * entered batch of the congress belongs to it.
 *
 * <p>This class loads and stores; the rules of a series of rounds are {@link RoundSeries}', the whole ballots
 * {@link WholeBallots}'.
 */
@Component
public class BallotRounds implements RecordContent {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcClient jdbc;
    private final CjkFont font;
    private final ElectionRepository elections;
    private final CandidateRepository candidates;
    private final BallotBatches batches;
    private final BallotBoxes boxes;
    private final QuotaCheckers quotaCheckers;
    private final IntegrityChain chain;

    /** Chains each counted round with its batches. */
    public BallotRounds(JdbcClient jdbc, ElectionRepository elections, CandidateRepository candidates,
            BallotBatches batches, BallotBoxes boxes, QuotaCheckers quotaCheckers, CjkFont font, IntegrityChain chain) {
        this.boxes = boxes;
        this.chain = chain;
        this.font = font;
        this.quotaCheckers = quotaCheckers;
        this.jdbc = jdbc;
        this.batches = batches;
        this.elections = elections;
        this.candidates = candidates;
    }

    /** A counted round of a vote: its number, the ballot voted on, and the outcome. */
    public record CountedRound(int round, Ballot ballot, RoundOutcome outcome) {
    }

    /**
     * A round as stored, for documents and reports.
     *
     * @param round        1, 2, … in the order counted, over the whole vote
     * @param ballot       the ballot voted on (candidate ids in ballot order, seats)
     * @param tally        the attendance and approvals per candidate id or write-in key
     * @param outcome      what the counting decided
     * @param marks        approvals, disapprovals and abstentions per candidate id or write-in key, from the ballots
     *                     entered for the round
     * @param seriesClosed true when the presidium decided after this round to elect no more
     */
    public record StoredRound(int round, Ballot ballot, Tally tally, RoundOutcome outcome,
            Map<String, BallotCount.Marks> marks, boolean seriesClosed) {
    }

    /**
     * Ballots entered for the next round.
     *
     * @param batchId         the batch's id, to be named by the completion of the voting task ({@code ballotBatchId})
     * @param round           the number the round will have
     * @param seats           seats the round fills
     * @param candidates      candidates on its ballot
     * @param ballotsReturned ballots read
     * @param invalidBallots  of them invalid
     */
    public record EnteredBatch(String batchId, int round, int seats, int candidates, int ballotsReturned,
            int invalidBallots) {
    }

    /**
     * Reads a ballot file for the next round's ballot of a vote and stores its counts, whole or not at all
     * ({@link BallotBatches#save}).
     *
     * @throws org.delegateelection.system.InvalidInputException with every problem of the file, when a name written
     *                                                           in has a character the documents cannot print (the
     *                                                           result PDF names the people written in and elected),
     *                                                           or when the vote is not open; nothing is stored then
     */
    public EnteredBatch enter(long electionId, Vote vote, TableFile.Format format, byte[] content) {
        Ballot ballot = nextBallot(electionId, vote);
        BallotCount count = BallotSheet.read(format, content, ballot, vote.writeIns());
        checkPrintable(count);
        String id = batches.save(electionId, vote, count);
        return new EnteredBatch(id, roundCount(electionId, vote) + 1, ballot.seats(), ballot.candidateIds().size(),
                count.ballotsReturned(), count.invalidBallots());
    }

    /**
     * The boxes of the open round of a vote.
     *
     * @param round       the number the round will have, as {@link EnteredBatch#round()}
     * @param preliminary true for the congress's preliminary round
     * @param boxes       the boxes entered, by number
     */
    public record RoundBoxes(int round, boolean preliminary, List<BallotBoxes.Box> boxes) {
    }

    /**
     * One counting team's entry of a ballot box of the next round of a vote, read from a file as {@link #enter} reads
     * one, stored whole or not at all ({@link BallotBoxes#enter}).
     *
     * @param box    the box's number, from 1
     * @param team   the counting team, 1 (opens the box) or 2
     * @param issued the box's ballots issued: required of team 1, of team 2 optional and then the same
     * @param round  the round the counters mean, as {@link EnteredBatch#round()}; {@code null} for the open one
     * @return the box after the entry
     * @throws InvalidInputException with every problem of the file, or on field {@code box}, {@code team} or
     *                               {@code issued}; nothing stored
     * @throws org.delegateelection.system.ConflictException for a box of another round than the open one, a box the
     *                                                       team entered already, a team 2 entry of a box team 1
     *                                                       has not opened; nothing stored
     */
    public BallotBoxes.Box enterBox(long electionId, Vote vote, TableFile.Format format, byte[] content, int box,
            Integer team, Integer issued, Integer round) {
        if (box < 1) {
            throw InvalidInputException.field("box", "票箱号须为正整数，现为 " + box);
        }
        if (team == null || team != BallotBoxes.FIRST && team != BallotBoxes.SECOND) {
            throw InvalidInputException.field("team", "按票箱录入须写明计票组：1（开箱录入）或 2（核对录入）");
        }
        if (issued != null && issued < 0) {
            throw InvalidInputException.field("issued", "发出选票数不能为负数，现为 " + issued);
        }
        int open = roundCount(electionId, vote) + 1;
        if (round != null && round != open) {
            throw new ConflictException("第 %d 号票箱标为第 %d 轮，现在录入的是第 %d 轮的选票；本次录入未保存".formatted(box, round,
                    open));
        }
        Ballot ballot = nextBallot(electionId, vote);
        List<BallotSheet.Reading> readings;
        try {
            readings = BallotSheet.readings(format, content, ballot, vote.writeIns());
        } catch (InvalidInputException e) {
            throw e.restated("第 " + box + " 号票箱的选票文件有误，未保存任何选票", p -> p);
        }
        checkPrintable(BallotSheet.count(ballot, readings));
        return boxes.enter(electionId, vote, countedRound(electionId, vote), ballot, box, team, issued, readings);
    }

    /** The boxes of the open round of a vote ({@link BallotBoxes#boxes}). */
    public RoundBoxes boxes(long electionId, Vote vote) {
        return new RoundBoxes(roundCount(electionId, vote) + 1, vote == Vote.CONGRESS && preliminaryDue(electionId),
                boxes.boxes(electionId, vote, countedRound(electionId, vote)));
    }

    /** The chief scrutineer settles a difference of a box of the open round ({@link BallotBoxes#settle}). */
    public BallotBoxes.Box settle(long electionId, Vote vote, int box, int row, Integer team, String reason,
            String settledBy) {
        return boxes.settle(electionId, vote, countedRound(electionId, vote), box, row, team, reason, settledBy);
    }

    /**
     * The tally of the open round of a vote from its boxes and the attendance, checked as {@link #tally} checks one
     * from a batch; the round's ballots issued are the boxes' sum, and {@code issued}, when given, must be it.
     *
     * @return empty when no box was entered for the round
     * @throws org.delegateelection.system.ConflictException naming every box that cannot be counted yet
     * @throws InvalidInputException                         naming the field at fault
     */
    public Optional<Tally> boxTally(long electionId, Vote vote, Integer due, Integer present, Integer issued) {
        Ballot ballot = nextBallot(electionId, vote);
        List<BallotBoxes.CountedBox> counted = boxes.countable(electionId, vote, countedRound(electionId, vote),
                ballot);
        if (counted.isEmpty()) {
            return Optional.empty();
        }
        int boxesIssued = counted.stream().mapToInt(BallotBoxes.CountedBox::ballotsIssued).sum();
        if (issued != null && issued != boxesIssued) {
            throw InvalidInputException.field("ballotsIssued", "发出选票 %d 张，与各票箱登记的发出票数之和 %d 张不同"
                    .formatted(issued, boxesIssued));
        }
        Map<String, BallotCount.Marks> marks = new LinkedHashMap<>();
        counted.forEach(box -> box.count().marks().forEach((key, m) -> marks.merge(key, m, BallotCount.Marks::plus)));
        Tally sum = new BallotCount(ballot,
                counted.stream().mapToInt(box -> box.count().ballotsReturned()).sum(),
                counted.stream().mapToInt(box -> box.count().invalidBallots()).sum(), marks)
                .tally(due, present, boxesIssued);
        Tally tally = new Tally(sum.electorsDueToAttend(), sum.electorsPresent(), sum.ballotsIssued(),
                sum.ballotsReturned(), sum.invalidBallots(), sum.approvals(), counted.stream()
                        .map(box -> new Tally.Box(box.box(), box.ballotsIssued(), box.count().ballotsReturned()))
                        .toList());
        check(electionId, vote, ballot, tally, "boxes");
        return Optional.of(tally);
    }

    /** The number the open round of a vote is kept under: 0 for the congress's preliminary round, else its number. */
    private int countedRound(long electionId, Vote vote) {
        return vote == Vote.CONGRESS && preliminaryDue(electionId) ? 0 : roundCount(electionId, vote) + 1;
    }

    /** The names written in must print: the result PDF names the people written in and elected. */
    private void checkPrintable(BallotCount count) {
        List<Problem> unprintable = count.marks().keySet().stream().filter(Ballot::isWriteIn)
                .map(key -> Optional.ofNullable(PlainText.problem(Ballot.writtenInName(key), font::canPrint))
                        .map(reason -> new Problem(null, "另选人", "另选的 " + Ballot.writtenInName(key) + "：" + reason)))
                .flatMap(Optional::stream).toList();
        if (!unprintable.isEmpty()) {
            throw new InvalidInputException("选票文件有误，未保存任何选票", unprintable);
        }
    }

    /**
     * Step 19 fixes how many prospective candidates the plenary vote determines from the preliminary list, and the
     * vote starts over with the whole ballot.
     *
     * @throws org.delegateelection.system.InvalidInputException on field {@code prospectiveCount} when the number is
     *                                                           more than the preliminary candidates, or fewer than
     *                                                           the unit's competitive election needs
     */
    public void planPlenaryVote(long electionId, int prospectiveCount) {
        WholeBallots.checkProspectiveCount(prospectiveCount,
                candidates.list(electionId, CandidateList.PRELIMINARY.key()).size(),
                quotaCheckers.of(electionId).leastCompetitiveBallot(elections.get(electionId).seats()));
        jdbc.sql("update election set prospective_count = ? where id = ?").params(prospectiveCount, electionId)
                .update();
        closeSeries(electionId, Vote.PLENARY);
    }

    /**
     * The tally of the next round of a vote from an entered batch and the attendance, checked by the counting rules
     * without storing anything. A preliminary round is refused also when fewer people were approved than its formal
     * list needs (the formal ballot would not be competitive).
     *
     * @throws org.delegateelection.system.InvalidInputException naming the field at fault
     */
    public Tally tally(long electionId, Vote vote, String batchId, Integer due, Integer present, Integer issued) {
        Ballot ballot = nextBallot(electionId, vote);
        Tally tally = batches.uncounted(electionId, vote, "ballotBatchId", batchId, ballot).tally(due, present,
                issued);
        check(electionId, vote, ballot, tally, "ballotBatchId");
        return tally;
    }

    private void check(long electionId, Vote vote, Ballot ballot, Tally tally, String field) {
        if (vote == Vote.PLENARY || !preliminaryDue(electionId)) {
            new RoundCounter(vote.assembly()).count(tally, ballot);
            return;
        }
        int formal = PreliminaryRanking.rank(tally, ballot).formalList().size();
        if (formal < ballot.seats()) {
            throw InvalidInputException.field(field, "预选中得到赞成票的只有 %d 人，少于正式候选人名单应有的 %d 名，须重新预选"
                    .formatted(formal, ballot.seats()));
        }
    }

    /**
     * Counts the tally of a batch in the vote's next round, stores the round, marks the batch counted — or, with no
     * batch ({@code null}), the round's boxes ({@link BallotBoxes#count}) — and updates the list the vote decides
     * (the prospective candidates, the elected delegates): those elected in this series of rounds
     * ({@link RoundSeries#decidedAfter}).
     */
    public CountedRound count(long electionId, Vote vote, Object tallyValue, String batchId, String changedBy) {
        Tally tally = InputValues.json("tally", tallyValue, Tally.class);
        RoundSeries series = series(electionId, vote);
        Ballot ballot = nextBallot(electionId, vote, series);
        RoundOutcome outcome = new RoundCounter(vote.assembly()).count(tally, ballot);
        int round = roundCount(electionId, vote) + 1;
        candidates.decide(electionId, vote.decides(), series.decidedAfter(outcome, ids(electionId, vote.decides()),
                candidates.findAll(electionId)), null, changedBy);
        jdbc.sql("insert into " + vote.roundTable() + " (election_id, round, tally, outcome, ballot) "
                        + "values (?, ?, ?, ?, ?)")
                .params(electionId, round, InputValues.toJson(tally), InputValues.toJson(outcome),
                        InputValues.toJson(ballot))
                .update();
        markCounted(electionId, vote, batchId, round, ballot);
        chain.append(electionId, RecordKind.ROUND, vote.name() + ":" + round);
        return new CountedRound(round, ballot, outcome);
    }

    /**
     * Counts the preliminary round from a batch, or its boxes when the batch is {@code null}: ranks it, stores the
     * ranking and the formal ballot (the formal list in the stroke order of the names, {@link StrokeOrder}, for the
     * seats of the whole ballot) and marks the batch or boxes counted in round 0.
     *
     * @throws IllegalStateException when no preliminary round is due
     */
    public PreliminaryRanking.Result countPreliminary(long electionId, Object tallyValue, String batchId) {
        if (!preliminaryDue(electionId)) {
            throw new IllegalStateException("选举 " + electionId + " 没有待进行的预选");
        }
        Tally tally = InputValues.json("tally", tallyValue, Tally.class);
        Ballot ballot = nextBallot(electionId, Vote.CONGRESS);
        PreliminaryRanking.Result result = PreliminaryRanking.rank(tally, ballot);
        Ballot formal = WholeBallots.formal(result.formalList(), candidates.findAll(electionId),
                listBallot(electionId).seats());
        jdbc.sql("insert into preliminary_round (election_id, tally, ranking, formal_ballot) values (?, ?, ?, ?)")
                .params(electionId, InputValues.toJson(tally), InputValues.toJson(result.ranking()),
                        InputValues.toJson(formal))
                .update();
        markCounted(electionId, Vote.CONGRESS, batchId, 0, ballot);
        chain.append(electionId, RecordKind.ROUND, Vote.CONGRESS.name() + ":0");
        return result;
    }

    /** Marks the batch, or without one the open round's boxes, counted in the round, and discards the rest. */
    private void markCounted(long electionId, Vote vote, String batchId, int round, Ballot ballot) {
        if (batchId == null) {
            boxes.count(electionId, vote, round, ballot);
        } else {
            batches.markCounted(electionId, vote, batchId, round);
        }
        boxes.discardUncounted(electionId, vote);
    }

    @Override
    public RecordKind kind() {
        return RecordKind.ROUND;
    }

    /**
     * A counted round as text: for reference "{vote}:{round}" the stored tally, outcome and ballot (for "CONGRESS:0",
     * the preliminary round: tally, ranking and formal ballot), then the SHA-256 of the ballot batches counted in it.
     * Whether the presidium later ended the series is a decision of its own, not part of the round.
     */
    @Override
    public Optional<String> content(long electionId, String reference) {
        Vote vote = Vote.valueOf(reference.substring(0, reference.indexOf(':')));
        int round = Integer.parseInt(reference.substring(reference.indexOf(':') + 1));
        Optional<String> stored = vote == Vote.CONGRESS && round == 0
                ? jdbc.sql("select tally, ranking, formal_ballot from preliminary_round where election_id = ?")
                        .param(electionId).query((rs, n) -> String.join("\n", rs.getString(1), rs.getString(2),
                                rs.getString(3))).optional()
                : jdbc.sql("select tally, outcome, ballot from " + vote.roundTable()
                                + " where election_id = ? and round = ?")
                        .params(electionId, round).query((rs, n) -> String.join("\n", rs.getString(1),
                                rs.getString(2), String.valueOf(rs.getString(3)))).optional();
        return stored.map(text -> text + "\nbatches " + IntegrityChain.sha256(
                batches.countedText(electionId, vote, round)));
    }

    /** True while the election's preliminary round is configured and not yet counted. */
    public boolean preliminaryDue(long electionId) {
        return elections.get(electionId).preliminaryElection() && storedFormalBallot(electionId).isEmpty();
    }

    /**
     * Ends the vote's series of rounds, so that its next round starts over with the whole ballot: the presidium
     * ends the congress's series with seats unfilled (《中国共产党地方组织选举工作条例》: when the number elected is
     * close to the seats, the presidium may decide to elect no more), and step 19 ends the plenary's before a new
     * plenary vote. The batches and boxes entered for the vote and not counted are deleted: they were entered for a
     * round that will not be held.
     */
    public void closeSeries(long electionId, Vote vote) {
        jdbc.sql("update " + vote.roundTable() + " set series_closed = true where election_id = ? and round = ?")
                .params(electionId, roundCount(electionId, vote)).update();
        batches.discardUncounted(electionId, vote);
        boxes.discardUncounted(electionId, vote);
    }

    /** Every counted round of the vote, in the order counted. */
    public List<StoredRound> rounds(long electionId, Vote vote) {
        return jdbc.sql("select round, ballot, tally, outcome, series_closed from " + vote.roundTable()
                        + " where election_id = ? order by round")
                .param(electionId)
                .query((rs, n) -> new StoredRound(rs.getInt(1),
                        rs.getString(2) == null ? null : InputValues.json("ballot", rs.getString(2), Ballot.class),
                        InputValues.json("tally", rs.getString(3), Tally.class), readOutcome(rs.getString(4)),
                        batches.marksOfRound(electionId, vote, rs.getInt(1)), rs.getBoolean(5)))
                .list();
    }

    /**
     * Step 24: stores the elected delegates with the people written in and elected in the congress's last series of
     * rounds, now registered, added ({@link RoundSeries#admitWriteIns}); nothing when nobody written in was elected.
     *
     * @throws InvalidInputException on field {@code writeIns} naming everyone elected who is not registered, or not
     *                               uniquely; nothing changes then
     */
    public void admitWriteIns(long electionId, String changedBy) {
        RoundSeries series = series(electionId, Vote.CONGRESS);
        if (series.electedWriteIns().isEmpty()) {
            return;
        }
        RoundSeries.Admission admission = series.admitWriteIns(ids(electionId, CandidateList.ELECTED),
                candidates.findAll(electionId));
        if (!admission.unregistered().isEmpty()) {
            throw InvalidInputException.field("writeIns", "另选当选的 " + String.join("、", admission.unregistered())
                    + " 须先由组织部门在人选库中登记（POST /api/elections/" + electionId + "/candidates，姓名与选票上所写一致），"
                    + "才能报告选举结果并审查代表资格");
        }
        candidates.decide(electionId, CandidateList.ELECTED, admission.elected(), null, changedBy);
    }

    /** The write-in keys elected in the congress's last series of rounds ({@link RoundSeries#electedWriteIns}). */
    public List<String> electedWriteIns(long electionId) {
        return series(electionId, Vote.CONGRESS).electedWriteIns();
    }

    /**
     * How many people the elected list holds when the congress's last series of rounds ended as it should
     * ({@link RoundSeries#expectedElected}, for the seats of the whole ballot).
     */
    public int expectedElected(long electionId) {
        return series(electionId, Vote.CONGRESS).expectedElected(fullBallot(electionId).seats(),
                candidates.findAll(electionId));
    }

    /**
     * The ballot the vote's next round votes on: at the congress, while the preliminary round is due, the whole ballot
     * list with the length of the formal list as its seats (at most that many approvals on one ballot); else the
     * whole ballot, or after a tie or a shortfall the candidates the counting handed on, which keep the order they
     * had on the ballot before.
     *
     * @throws org.delegateelection.system.InvalidInputException on field {@code ballot} when the vote is not open: the
     *                                                           plenary vote before step 19 or after the central
     *                                                           review approved, the congress before it
     */
    public Ballot nextBallot(long electionId, Vote vote) {
        return nextBallot(electionId, vote, series(electionId, vote));
    }

    private Ballot nextBallot(long electionId, Vote vote, RoundSeries series) {
        if (vote == Vote.PLENARY) {
            if (!candidates.list(electionId, CandidateList.BALLOT.key()).isEmpty()
                    || plenarySeats(electionId).isEmpty()) {
                throw InvalidInputException.field("ballot", "全委会表决预备人选未在进行（第19步酝酿确定表决人数后开始，"
                        + "中央组织部审查同意后结束），不能录入表决票");
            }
            return series.nextBallot(plenaryBallot(electionId));
        }
        Ballot ballot;
        if (preliminaryDue(electionId)) {
            ballot = preliminaryBallotOf(electionId);
        } else {
            ballot = series.nextBallot(fullBallot(electionId));
        }
        if (ballot.candidateIds().isEmpty()) {
            throw InvalidInputException.field("ballot", "本选举尚无选票候选人名单（中央组织部审查同意后产生），不能录入选票");
        }
        return ballot;
    }

    /**
     * The ballot of a round of a vote as printed: for a counted round (1, 2, … in the order counted, over the whole
     * vote) the ballot stored with it, for the round after the last counted or {@code null} the next round's
     * ({@link #nextBallot}). At the congress these are the formal rounds: none while the preliminary round is due.
     *
     * @throws InvalidInputException on field {@code round} for a round that is neither counted nor next, on field
     *                               {@code vote} for the congress while its preliminary round is due, on field
     *                               {@code ballot} when the next round's vote is not open
     */
    public Ballot roundBallot(long electionId, Vote vote, Integer round) {
        if (vote == Vote.CONGRESS && preliminaryDue(electionId)) {
            throw InvalidInputException.field("vote", "本选举先进行预选，预选计票后才产生正式选举的选票；请打印预选选票（vote=preliminary）");
        }
        List<StoredRound> counted = rounds(electionId, vote);
        if (round == null || round == counted.size() + 1) {
            return nextBallot(electionId, vote);
        }
        if (round < 1 || round > counted.size() + 1 || counted.get(round - 1).ballot() == null) {
            throw InvalidInputException.field("round", "没有第 %d 轮：已计票 %d 轮，可打印第 1 至第 %d 轮的选票"
                    .formatted(round, counted.size(), counted.size() + 1));
        }
        return counted.get(round - 1).ballot();
    }

    /**
     * The ballot of the congress's preliminary round ({@link WholeBallots#preliminary}), before or after it was
     * counted; it has one round only.
     *
     * @throws InvalidInputException on field {@code vote} when the election has no preliminary round, on field
     *                               {@code round} for a round other than 1, on field {@code ballot} before the
     *                               ballot list exists
     */
    public Ballot preliminaryBallot(long electionId, Integer round) {
        if (!elections.get(electionId).preliminaryElection()) {
            throw InvalidInputException.field("vote", "本选举不进行预选");
        }
        if (round != null && round != 1) {
            throw InvalidInputException.field("round", "预选只有一轮（round=1）");
        }
        Ballot ballot = preliminaryBallotOf(electionId);
        if (ballot.candidateIds().isEmpty()) {
            throw InvalidInputException.field("ballot", "本选举尚无选票候选人名单（中央组织部审查同意后产生）");
        }
        return ballot;
    }

    private Ballot preliminaryBallotOf(long electionId) {
        Ballot list = listBallot(electionId);
        return WholeBallots.preliminary(list, quotaCheckers.of(electionId).leastCompetitiveBallot(list.seats()));
    }

    /** The whole ballot of the plenary vote ({@link WholeBallots#plenary}). */
    private Ballot plenaryBallot(long electionId) {
        return WholeBallots.plenary(candidates.list(electionId, CandidateList.PRELIMINARY.key()),
                plenarySeats(electionId).orElseThrow());
    }

    private Optional<Integer> plenarySeats(long electionId) {
        return jdbc.sql("select prospective_count from election where id = ?").param(electionId)
                .query((rs, n) -> (Integer) rs.getObject(1, Integer.class)).optional().filter(Objects::nonNull);
    }

    /**
     * The whole ballot of the formal rounds: the formal list a preliminary round produced, or without one the ballot
     * list ({@link #listBallot}).
     */
    public Ballot fullBallot(long electionId) {
        return storedFormalBallot(electionId).orElseGet(() -> listBallot(electionId));
    }

    private Optional<Ballot> storedFormalBallot(long electionId) {
        return jdbc.sql("select formal_ballot from preliminary_round where election_id = ?").param(electionId)
                .query(String.class).optional().map(json -> InputValues.json("ballot", json, Ballot.class));
    }

    /** The ballot list ({@link WholeBallots#ballotList}). */
    private Ballot listBallot(long electionId) {
        ElectionUnit unit = elections.get(electionId);
        return WholeBallots.ballotList(candidates.list(electionId, CandidateList.BALLOT.key()),
                ids(electionId, CandidateList.PROSPECTIVE), unit.seats(), unit.centreNomineesInAddition());
    }

    /** The outcome of the vote's last counted round, if any. */
    public Optional<RoundOutcome> lastOutcome(long electionId, Vote vote) {
        return jdbc.sql("select outcome from " + vote.roundTable() + " where election_id = ? order by round desc "
                        + "fetch first 1 rows only")
                .param(electionId).query(String.class).optional().map(BallotRounds::readOutcome);
    }

    /** The vote's counted rounds, in the order counted, as far as their series go. */
    public RoundSeries series(long electionId, Vote vote) {
        return new RoundSeries(jdbc.sql("select outcome, series_closed from " + vote.roundTable()
                        + " where election_id = ? order by round")
                .param(electionId)
                .query((rs, n) -> new RoundSeries.Round(readOutcome(rs.getString(1)), rs.getBoolean(2)))
                .list());
    }

    private List<String> ids(long electionId, CandidateList list) {
        return candidates.list(electionId, list.key()).stream().map(Candidate::id).toList();
    }

    private int roundCount(long electionId, Vote vote) {
        return jdbc.sql("select count(*) from " + vote.roundTable() + " where election_id = ?").param(electionId)
                .query(Integer.class).single();
    }

    private static RoundOutcome readOutcome(String json) {
        try {
            return JSON.readValue(json, RoundOutcome.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("计票结果记录无法读取", e);
        }
    }
}
