package org.delegateelection.nomination;

import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.delegateelection.candidate.CandidateRepository;
import org.delegateelection.election.ElectionRepository;
import org.delegateelection.election.ElectionUnit;
import org.delegateelection.election.RecommendingUnit;
import org.delegateelection.system.InputValues;
import org.delegateelection.system.InvalidInputException;
import org.delegateelection.system.TableFile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The branch recommendation tallies of stage 2 (tables {@code recommendation_file}, {@code recommendation_committee},
 * {@code recommendation_branch}, {@code recommendation_vote}; the view {@code recommendation_in_force}): uploads
 * stored with batched writes while the file is read, and the figures summed in the database — each unit's and
 * committee's participation (step 5) and each person's support (steps 6 to 8). An upload never changes what is
 * stored: a grassroots committee uploaded again gets a new file, which is then in force for it. Each consultation
 * round (三上三下, the election's {@link ElectionUnit#consultationRounds()}) has tallies of its own; after each round
 * but the last, the unit's list goes down (table {@code consultation_list}, written once) and the next round's
 * tallies may name only people on it.
 */
@Repository
public class NominationRepository {

    /** Rows written per batch. */
    static final int BATCH = 1000;

    /** The most characters of the reason for uploading a committee again. */
    static final int MAX_REASON = 500;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final ElectionRepository elections;
    private final CandidateRepository candidates;

    public NominationRepository(JdbcClient jdbc, JdbcTemplate template, ElectionRepository elections,
            CandidateRepository candidates) {
        this.jdbc = jdbc;
        this.template = template;
        this.elections = elections;
        this.candidates = candidates;
    }

    /**
     * What an upload stored.
     *
     * @param fileId     the upload's id
     * @param unitCode   the recommending unit
     * @param round      the consultation round
     * @param rows       data rows of the file
     * @param committees grassroots committees in the file
     * @param branches   branches in the file
     * @param replaced   the committees whose earlier tallies the file replaces (kept, no longer in force)
     */
    public record Upload(long fileId, String unitCode, int round, int rows, int committees, int branches,
            List<String> replaced) {
    }

    /**
     * One grassroots committee's participation, from its branches in force.
     *
     * @param committee          the grassroots committee (基层党委)
     * @param branches           its branches
     * @param branchesTakingPart of them, branches where members took part
     * @param members            members of its branches
     * @param takingPart         members taking part
     */
    public record CommitteeFigures(String committee, long branches, long branchesTakingPart, long members,
            long takingPart) {
    }

    /**
     * The support in a round, as the API, the forms and the documents show it.
     *
     * @param unitCode      the recommending unit, or {@code null} for the whole electoral unit
     * @param round         the consultation round
     * @param rounds        the consultation rounds of the election
     * @param participation the participation (summed over the units for the whole); {@code null} before any upload
     * @param committees    the grassroots committees' figures, empty for the whole electoral unit
     * @param people        the people recommended, most support first
     * @param listIssued    the list that went down after the round as the next round's (一下, 二下), of the unit or
     *                      of every unit in unit order; empty while the round runs and after the last round
     */
    public record SupportReport(String unitCode, int round, int rounds, Participation participation,
            List<CommitteeFigures> committees, List<Support> people, List<Listed> listIssued) {
    }

    /**
     * A person on the list a round sent down.
     *
     * @param position    1 for the most support in the round; people without support last, by id
     * @param candidateId the registry id
     * @param name        the registered name
     * @param unitCode    the recommending unit whose list it is
     */
    public record Listed(int position, String candidateId, String name, String unitCode) {
    }

    /**
     * Stores the tallies of a file of the unit's branches (a whole unit's or one grassroots committee's), all or
     * nothing: the rows are written as they are read, and a rejection rolls them back.
     *
     * @param reason why committees already uploaded are uploaded again; required then
     * @throws InvalidInputException (400) with every problem of the file by row ({@link TallyFile}, in a round
     *                               after the first also each person not on the list the round before sent down);
     *                               naming {@code unit} for a unit not of the election, {@code round} for a round
     *                               the election does not hold, whose list before has not gone down yet, or which
     *                               has ended (its own list gone down), {@code reason} when it is missing for a
     *                               replacement
     * @throws org.delegateelection.system.ConflictException when the election is closed
     */
    @Transactional
    public Upload upload(long electionId, String unitCode, int round, TableFile.Format format, byte[] content,
            String uploadedBy, String reason) {
        ElectionUnit election = elections.get(electionId);
        elections.requireOpen(electionId);
        if (election.recommendingUnits().stream().map(RecommendingUnit::code).noneMatch(unitCode::equals)) {
            throw InvalidInputException.field("unit", "“" + unitCode + "”不是本次选举的推荐单位");
        }
        requireRound(election, round);
        TallyFile.RoundList roundList = null;
        if (round > 1) {
            List<Listed> before = list(electionId, unitCode, round - 1);
            if (before.isEmpty()) {
                throw InvalidInputException.field("round", "本单位第 " + (round - 1) + " 轮的推荐人选名单尚未下发，"
                        + "不能上报第 " + round + " 轮推荐情况");
            }
            Map<String, String> people = new LinkedHashMap<>();
            before.forEach(p -> people.put(p.candidateId(), p.name()));
            roundList = new TallyFile.RoundList(round, people);
        }
        if (!list(electionId, unitCode, round).isEmpty()) {
            throw InvalidInputException.field("round", "本单位第 " + round + " 轮征求意见已结束（推荐人选名单已下发），"
                    + "不能再上报或更正本轮推荐情况");
        }
        String why = reason == null || reason.isBlank() ? null : InputValues.text("reason", reason, MAX_REASON);
        Map<String, TallyFile.Registered> registry = new HashMap<>();
        candidates.findAll(electionId).forEach(c -> registry.put(c.id(),
                new TallyFile.Registered(c.name(), c.recommendingUnit())));
        Map<String, String> otherCommittees = new HashMap<>();
        jdbc.sql("select committee, unit_code from recommendation_in_force where election_id = ? and round = ? "
                        + "and unit_code <> ?").params(electionId, round, unitCode)
                .query((rs, n) -> otherCommittees.put(rs.getString(1), rs.getString(2))).list();
        Map<String, String> branchesInForce = new HashMap<>();
        jdbc.sql("select b.branch, b.committee from recommendation_in_force r join recommendation_branch b "
                        + "on b.file_id = r.file_id and b.committee = r.committee "
                        + "where r.election_id = ? and r.round = ? and r.unit_code = ?")
                .params(electionId, round, unitCode)
                .query((rs, n) -> branchesInForce.put(rs.getString(1), rs.getString(2))).list();
        Set<String> committeesInForce = new TreeSet<>(branchesInForce.values());

        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into recommendation_file (election_id, unit_code, round, file_rows, reason, uploaded_by) "
                        + "values (?, ?, ?, 0, ?, ?)")
                .params(electionId, unitCode, round, why, uploadedBy).update(key, "id");
        long fileId = key.getKey().longValue();
        Writer writer = new Writer(fileId, electionId, unitCode, round);
        TallyFile.Summary summary = TallyFile.read(format, content,
                new TallyFile.Context(unitCode, registry, otherCommittees, branchesInForce, roundList), writer::add);
        List<String> replaced = summary.committees().stream().filter(committeesInForce::contains).toList();
        if (!replaced.isEmpty() && why == null) {
            throw InvalidInputException.field("reason", "基层党委" + String.join("、", replaced)
                    + "的推荐情况已经上报，重新上报（更正）须说明理由");
        }
        writer.flush();
        jdbc.sql("update recommendation_file set file_rows = ? where id = ?").params(summary.rows(), fileId).update();
        return new Upload(fileId, unitCode, round, summary.rows(), summary.committees().size(), summary.branches(),
                replaced);
    }

    /**
     * The consultation round under way for the unit (for {@code unitCode} {@code null}, the furthest of any unit):
     * one after the last round whose list went down, at most the election's last round.
     */
    public int roundUnderWay(long electionId, String unitCode) {
        int ended = jdbc.sql("select coalesce(max(round), 0) from consultation_list where election_id = :election"
                        + (unitCode == null ? "" : " and unit_code = :unit"))
                .param("election", electionId).param("unit", unitCode, Types.VARCHAR).query(Integer.class).single();
        return Math.min(ended + 1, elections.get(electionId).consultationRounds());
    }

    /**
     * Sends the unit's list of the round down as the next round's (一下, 二下): the people it decided, in the order of
     * the round's support (people without support last, by id). Written once; the round's tallies are final then.
     *
     * @param chosen the registry ids of the people the unit decided in the round (step 7), at least one
     * @return the list as stored
     * @throws IllegalStateException for the election's last round, a round not under way, or an empty list
     */
    @Transactional
    public List<Listed> issueList(long electionId, String unitCode, int round, List<String> chosen,
            String issuedBy) {
        elections.requireOpen(electionId);
        int rounds = elections.get(electionId).consultationRounds();
        if (round >= rounds || round != roundUnderWay(electionId, unitCode) || chosen.isEmpty()) {
            throw new IllegalStateException("推荐单位 " + unitCode + " 第 " + round + " 轮（共 " + rounds
                    + " 轮）不能下发名单");
        }
        Map<String, Integer> rankOf = new HashMap<>();
        support(electionId, unitCode, round).stream().filter(Support::registered)
                .forEach(s -> rankOf.putIfAbsent(s.candidateId(), s.rank()));
        List<String> ordered = chosen.stream().distinct().sorted(Comparator
                .comparing((String id) -> rankOf.getOrDefault(id, Integer.MAX_VALUE))
                .thenComparing(Comparator.naturalOrder())).toList();
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            rows.add(new Object[] {electionId, unitCode, round, i + 1, ordered.get(i), issuedBy});
        }
        template.batchUpdate("insert into consultation_list (election_id, unit_code, round, list_position, "
                + "candidate_id, issued_by) values (?, ?, ?, ?, ?, ?)", rows, new int[] {Types.BIGINT,
                        Types.VARCHAR, Types.INTEGER, Types.INTEGER, Types.VARCHAR, Types.VARCHAR});
        return list(electionId, unitCode, round);
    }

    /**
     * The list the round sent down, of one unit or, for {@code unitCode} {@code null}, of every unit (by unit, then
     * position); empty while the round runs and after the last round.
     */
    public List<Listed> list(long electionId, String unitCode, int round) {
        return jdbc.sql("select l.list_position, l.candidate_id, c.name, l.unit_code from consultation_list l "
                        + "join candidate c on c.election_id = l.election_id and c.id = l.candidate_id "
                        + "where l.election_id = :election and l.round = :round"
                        + (unitCode == null ? "" : " and l.unit_code = :unit")
                        + " order by l.unit_code, l.list_position")
                .param("election", electionId).param("round", round).param("unit", unitCode, Types.VARCHAR)
                .query((rs, n) -> new Listed(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    /**
     * Refuses a round the election does not hold.
     *
     * @throws InvalidInputException (400) naming {@code round}
     */
    public void requireRound(ElectionUnit election, int round) {
        if (round < 1 || round > election.consultationRounds()) {
            throw InvalidInputException.field("round", "本次选举的推荐提名共 " + election.consultationRounds()
                    + " 轮（实施方案确定），轮次须为 1 到 " + election.consultationRounds());
        }
    }

    /** The unit's participation in the round, from its branches in force; empty before its first upload. */
    public Optional<Participation> participation(long electionId, String unitCode, int round) {
        return participation(committees(electionId, unitCode, round));
    }

    /** The participation of these committees' figures, summed; empty for none. */
    private static Optional<Participation> participation(List<CommitteeFigures> committees) {
        if (committees.isEmpty()) {
            return Optional.empty();
        }
        long branches = committees.stream().mapToLong(CommitteeFigures::branches).sum();
        long takingPartBranches = committees.stream().mapToLong(CommitteeFigures::branchesTakingPart).sum();
        long members = committees.stream().mapToLong(CommitteeFigures::members).sum();
        long takingPart = committees.stream().mapToLong(CommitteeFigures::takingPart).sum();
        return Optional.of(new Participation(Math.toIntExact(branches), Math.toIntExact(takingPartBranches),
                Math.toIntExact(members), Math.toIntExact(takingPart)));
    }

    /** Each grassroots committee's figures in force for the unit and round, by name. */
    public List<CommitteeFigures> committees(long electionId, String unitCode, int round) {
        return jdbc.sql("select r.committee, count(*), sum(case when b.taking_part > 0 then 1 else 0 end), "
                        + "sum(b.members), sum(b.taking_part) from recommendation_in_force r "
                        + "join recommendation_branch b on b.file_id = r.file_id and b.committee = r.committee "
                        + "where r.election_id = ? and r.round = ? and r.unit_code = ? "
                        + "group by r.committee order by r.committee")
                .params(electionId, round, unitCode)
                .query((rs, n) -> new CommitteeFigures(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5))).list();
    }

    /**
     * The people recommended in the round, ranked ({@link SupportRanking}): of one unit, or of the whole electoral
     * unit for {@code unitCode} {@code null}. A person recorded without a registry id counts as the person of the
     * unit registered since with the same name and birth date.
     */
    public List<Support> support(long electionId, String unitCode, int round) {
        String unitFilter = unitCode == null ? "" : " and r.unit_code = :unit";
        Map<String, Long> takingPart = new HashMap<>();
        jdbc.sql("select r.unit_code, sum(b.taking_part) from recommendation_in_force r "
                        + "join recommendation_branch b on b.file_id = r.file_id and b.committee = r.committee "
                        + "where r.election_id = :election and r.round = :round" + unitFilter
                        + " group by r.unit_code")
                .param("election", electionId).param("round", round).param("unit", unitCode, Types.VARCHAR)
                .query((rs, n) -> takingPart.put(rs.getString(1), rs.getLong(2))).list();
        List<SupportRanking.Tallied> tallied = jdbc.sql("""
                        select unit_code, person_id, person_name, birth_date, workplace, count(*), sum(votes)
                        from (select r.unit_code, coalesce(v.candidate_id, m.id) as person_id,
                                  case when v.candidate_id is null and m.id is null then v.person_name end as person_name,
                                  case when v.candidate_id is null and m.id is null then v.birth_date end as birth_date,
                                  case when v.candidate_id is null and m.id is null then v.workplace end as workplace,
                                  v.votes
                              from recommendation_in_force r
                              join recommendation_branch b on b.file_id = r.file_id and b.committee = r.committee
                              join recommendation_vote v on v.file_id = b.file_id and v.branch = b.branch
                              left join candidate m on v.candidate_id is null and m.election_id = r.election_id
                                  and m.recommending_unit = r.unit_code and m.name = v.person_name
                                  and m.birth_date = v.birth_date
                              where r.election_id = :election and r.round = :round""" + unitFilter + """
                             ) t
                        group by unit_code, person_id, person_name, birth_date, workplace""")
                .param("election", electionId).param("round", round).param("unit", unitCode, Types.VARCHAR)
                .query((rs, n) -> new SupportRanking.Tallied(rs.getString(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class), rs.getString(5), rs.getString(1), rs.getLong(6),
                        rs.getLong(7))).list();
        Map<String, String> names = tallied.stream().anyMatch(t -> t.candidateId() != null)
                ? candidates.findByIds(electionId, tallied.stream().map(SupportRanking.Tallied::candidateId)
                        .filter(id -> id != null).collect(Collectors.toSet())).stream()
                        .collect(Collectors.toMap(c -> c.id(), c -> c.name()))
                : Map.of();
        return SupportRanking.rank(tallied.stream().map(t -> t.candidateId() == null ? t
                : new SupportRanking.Tallied(t.candidateId(), names.getOrDefault(t.candidateId(), t.candidateId()),
                        null, null, t.unitCode(), t.branches(), t.votes())).toList(), takingPart);
    }

    /**
     * The support of a unit, or of the whole electoral unit for {@code unitCode} {@code null}, in the round, with the
     * list the round sent down.
     *
     * @throws InvalidInputException (400) naming {@code round} for a round the election does not hold
     */
    public SupportReport report(long electionId, String unitCode, int round) {
        ElectionUnit election = elections.get(electionId);
        requireRound(election, round);
        List<Support> people = support(electionId, unitCode, round);
        List<Listed> issued = list(electionId, unitCode, round);
        if (unitCode != null) {
            List<CommitteeFigures> committees = committees(electionId, unitCode, round);
            return new SupportReport(unitCode, round, election.consultationRounds(),
                    participation(committees).orElse(null), committees, people, issued);
        }
        List<Participation> units = election.recommendingUnits().stream()
                .map(unit -> participation(electionId, unit.code(), round)).flatMap(Optional::stream).toList();
        return new SupportReport(null, round, election.consultationRounds(), units.isEmpty() ? null
                : new Participation(units.stream().mapToInt(Participation::branchesTotal).sum(),
                        units.stream().mapToInt(Participation::branchesRecommending).sum(),
                        units.stream().mapToInt(Participation::membersTotal).sum(),
                        units.stream().mapToInt(Participation::membersParticipating).sum()), List.of(), people,
                issued);
    }

    /** The rows of one upload as they are read, written in batches: committees, then branches, then votes. */
    private final class Writer {
        private final long fileId;
        private final long electionId;
        private final String unitCode;
        private final int round;
        private final List<Object[]> committees = new ArrayList<>();
        private final List<Object[]> branches = new ArrayList<>();
        private final List<Object[]> votes = new ArrayList<>();

        Writer(long fileId, long electionId, String unitCode, int round) {
            this.fileId = fileId;
            this.electionId = electionId;
            this.unitCode = unitCode;
            this.round = round;
        }

        void add(TallyRow row) {
            if (row.newCommittee()) {
                committees.add(new Object[] {fileId, electionId, unitCode, round, row.committee()});
            }
            if (row.newBranch()) {
                branches.add(new Object[] {fileId, row.committee(), row.branch(), row.members(), row.takingPart(),
                        row.row()});
            }
            Person person = row.person();
            if (person != null) {
                votes.add(new Object[] {fileId, row.branch(), person.candidateId(),
                        person.candidateId() == null ? person.name() : null, person.birthDate(), person.workplace(),
                        row.votes(), row.row()});
            }
            if (votes.size() + branches.size() >= BATCH) {
                flush();
            }
        }

        void flush() {
            write("insert into recommendation_committee (file_id, election_id, unit_code, round, committee) "
                    + "values (?, ?, ?, ?, ?)", committees, new int[] {Types.BIGINT, Types.BIGINT, Types.VARCHAR,
                            Types.INTEGER, Types.VARCHAR});
            write("insert into recommendation_branch (file_id, committee, branch, members, taking_part, file_row) "
                    + "values (?, ?, ?, ?, ?, ?)", branches, new int[] {Types.BIGINT, Types.VARCHAR, Types.VARCHAR,
                            Types.INTEGER, Types.INTEGER, Types.INTEGER});
            write("insert into recommendation_vote (file_id, branch, candidate_id, person_name, birth_date, "
                    + "workplace, votes, file_row) values (?, ?, ?, ?, ?, ?, ?, ?)", votes, new int[] {Types.BIGINT,
                            Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.DATE, Types.VARCHAR, Types.INTEGER,
                            Types.INTEGER});
        }

        private void write(String sql, List<Object[]> rows, int[] types) {
            if (!rows.isEmpty()) {
                template.batchUpdate(sql, rows, types);
                rows.clear();
            }
        }
    }
}
