package org.delegateelection.nomination;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
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

import javax.sql.DataSource;

import org.delegateelection.candidate.CandidateRepository;
import org.delegateelection.election.ElectionRepository;
import org.delegateelection.election.ElectionUnit;
import org.delegateelection.election.RecommendingUnit;
import org.delegateelection.system.InputValues;
import org.delegateelection.system.InvalidInputException;
import org.delegateelection.system.TableFile;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The branch recommendation tallies of stage 2 (tables {@code recommendation_file}, {@code recommendation_committee},
 * {@code recommendation_branch}, {@code recommendation_vote}; the view {@code recommendation_in_force}): uploads
 * streamed and stored with batched writes while the file is read (on PostgreSQL the branches and votes by
 * {@code COPY}), then summed in the database in the same transaction (decision 0037): each committee's participation
 * ({@code recommendation_committee_figures}), each file's support per person over its committees in force
 * ({@code recommendation_file_support}), and the unit's participation and support over its committees in force
 * ({@code recommendation_unit_figures}, {@code recommendation_unit_support}, derived again at each upload of the
 * unit). The figures — each unit's and committee's participation (step 5) and each person's support (steps 6 to 8) —
 * are read from these sums, never from the rows. An upload never changes what is stored: a grassroots committee
 * uploaded again gets a new file, which is then in force for it. Each consultation round (三上三下, the election's
 * {@link ElectionUnit#consultationRounds()}) has tallies of its own; after each round but the last, the unit's list
 * goes down (table {@code consultation_list}, written once) and the next round's
 * tallies may name only people on it.
 */
@Repository
public class NominationRepository {

    /** Rows written per JDBC batch where there is no {@code COPY} (H2; branches and votes together). */
    static final int BATCH = 5000;

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
     * nothing: the file is read from the stream once, every row checked and each good row written in batches as it
     * is read; a rejection rolls them back. Uploads of one unit are taken one after the other (the unit's row is
     * locked), since each derives the unit's support again.
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
    public Upload upload(long electionId, String unitCode, int round, TableFile.Format format, InputStream content,
            String uploadedBy, String reason) {
        ElectionUnit election = elections.get(electionId);
        elections.requireOpen(electionId);
        if (election.recommendingUnits().stream().map(RecommendingUnit::code).noneMatch(unitCode::equals)) {
            throw InvalidInputException.field("unit", "“" + unitCode + "”不是本次选举的推荐单位");
        }
        jdbc.sql("select code from recommending_unit where election_id = ? and code = ? for update")
                .params(electionId, unitCode).query(String.class).single();
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
        jdbc.sql("select distinct committee, unit_code from recommendation_committee where election_id = ? "
                        + "and round = ? and unit_code <> ?").params(electionId, round, unitCode)
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
        TallyFile.Summary summary;
        try {
            summary = TallyFile.read(format, content,
                    new TallyFile.Context(unitCode, registry, otherCommittees, branchesInForce, roundList), writer::add);
        } catch (RuntimeException e) {
            writer.abandon(e);
            throw e;
        }
        writer.finish();
        List<String> replaced = summary.committees().stream().filter(committeesInForce::contains).toList();
        if (!replaced.isEmpty() && why == null) {
            throw InvalidInputException.field("reason", "基层党委" + String.join("、", replaced)
                    + "的推荐情况已经上报，重新上报（更正）须说明理由");
        }
        jdbc.sql("update recommendation_file set file_rows = ? where id = ?").params(summary.rows(), fileId).update();
        sum(fileId, electionId, unitCode, round, !replaced.isEmpty(), writer.postgres != null);
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
        return Optional.ofNullable(participationByUnit(electionId, unitCode, round).get(unitCode));
    }

    /**
     * Each unit's participation in the round over its committees in force, as derived at its last upload (of one
     * unit, or of every unit for {@code unitCode} {@code null}): unit code → figures, units without an upload left
     * out.
     */
    private Map<String, Participation> participationByUnit(long electionId, String unitCode, int round) {
        Map<String, Participation> units = new HashMap<>();
        jdbc.sql("select unit_code, branches, branches_taking_part, members, taking_part "
                        + "from recommendation_unit_figures where election_id = :election and round = :round"
                        + (unitCode == null ? "" : " and unit_code = :unit"))
                .param("election", electionId).param("round", round).param("unit", unitCode, Types.VARCHAR)
                .query((rs, n) -> units.put(rs.getString(1), new Participation(Math.toIntExact(rs.getLong(2)),
                        Math.toIntExact(rs.getLong(3)), Math.toIntExact(rs.getLong(4)),
                        Math.toIntExact(rs.getLong(5))))).list();
        return units;
    }

    /** Each grassroots committee's figures in force for the unit and round, by name. */
    public List<CommitteeFigures> committees(long electionId, String unitCode, int round) {
        return jdbc.sql("select r.committee, f.branches, f.branches_taking_part, f.members, f.taking_part "
                        + "from recommendation_in_force r "
                        + "join recommendation_committee_figures f on f.file_id = r.file_id and f.committee = r.committee "
                        + "where r.election_id = ? and r.round = ? and r.unit_code = ? order by r.committee")
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
        return support(electionId, unitCode, round, participationByUnit(electionId, unitCode, round));
    }

    private List<Support> support(long electionId, String unitCode, int round, Map<String, Participation> units) {
        Map<String, Long> takingPart = new HashMap<>();
        units.forEach((unit, p) -> takingPart.put(unit, (long) p.membersParticipating()));
        List<SupportRanking.Tallied> tallied = jdbc.sql("""
                        select unit_code, person_id, person_name, birth_date, workplace, sum(branches), sum(votes)
                        from (select s.unit_code, coalesce(s.candidate_id, m.id) as person_id,
                                  case when s.candidate_id is null and m.id is null then s.person_name end as person_name,
                                  case when s.candidate_id is null and m.id is null then s.birth_date end as birth_date,
                                  case when s.candidate_id is null and m.id is null then s.workplace end as workplace,
                                  s.branches, s.votes
                              from recommendation_unit_support s
                              left join candidate m on s.candidate_id is null and m.election_id = s.election_id
                                  and m.recommending_unit = s.unit_code and m.name = s.person_name
                                  and m.birth_date = s.birth_date
                              where s.election_id = :election and s.round = :round""" + (unitCode == null ? ""
                        : " and s.unit_code = :unit") + """
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
        Map<String, Participation> units = participationByUnit(electionId, unitCode, round);
        List<Support> people = support(electionId, unitCode, round, units);
        List<Listed> issued = list(electionId, unitCode, round);
        if (unitCode != null) {
            return new SupportReport(unitCode, round, election.consultationRounds(), units.get(unitCode),
                    committees(electionId, unitCode, round), people, issued);
        }
        return new SupportReport(null, round, election.consultationRounds(), units.isEmpty() ? null
                : new Participation(units.values().stream().mapToInt(Participation::branchesTotal).sum(),
                        units.values().stream().mapToInt(Participation::branchesRecommending).sum(),
                        units.values().stream().mapToInt(Participation::membersTotal).sum(),
                        units.values().stream().mapToInt(Participation::membersParticipating).sum()), List.of(),
                people, issued);
    }

    /**
     * Sums the file's rows in the database: each committee's participation, and the file's support per person; the
     * support of the earlier files whose committees it replaces is derived again from their votes, over their
     * committees still in force; then the unit's participation and support in the round over its committees in force.
     * On PostgreSQL the votes are grouped in a hash table of up to 64 MB: the planner's statistics do not know the rows
     * just written (it estimates a few) and would sort them by their text columns instead, in about three times the
     * time (decision 0037).
     */
    private void sum(long fileId, long electionId, String unitCode, int round, boolean replaces, boolean postgres) {
        jdbc.sql("""
                insert into recommendation_committee_figures (file_id, committee, branches, branches_taking_part,
                        members, taking_part)
                    select file_id, committee, count(*), sum(case when taking_part > 0 then 1 else 0 end), sum(members),
                        sum(taking_part)
                    from recommendation_branch where file_id = ? group by file_id, committee""").params(fileId).update();
        if (postgres) {
            jdbc.sql("set local work_mem = '64MB'").update();
            jdbc.sql("set local enable_sort = off").update();
        }
        fileSupport(fileId, List.of());
        if (replaces) {
            List<Long> earlier = jdbc.sql("""
                    select distinct o.file_id from recommendation_committee c
                    join recommendation_committee o on o.election_id = c.election_id and o.round = c.round
                        and o.unit_code = c.unit_code and o.committee = c.committee and o.file_id < c.file_id
                    where c.file_id = ?""").params(fileId).query(Long.class).list();
            for (long file : earlier) {
                List<String> replaced = jdbc.sql("""
                        select distinct c.committee from recommendation_committee c
                        join recommendation_committee l on l.election_id = c.election_id and l.round = c.round
                            and l.unit_code = c.unit_code and l.committee = c.committee and l.file_id > c.file_id
                        where c.file_id = ?""").params(file).query(String.class).list();
                jdbc.sql("delete from recommendation_file_support where file_id = ?").params(file).update();
                fileSupport(file, replaced);
            }
        }
        if (postgres) {
            jdbc.sql("set local enable_sort to default").update();
            jdbc.sql("set local work_mem to default").update();
        }
        jdbc.sql("delete from recommendation_unit_figures where election_id = ? and round = ? and unit_code = ?")
                .params(electionId, round, unitCode).update();
        jdbc.sql("""
                insert into recommendation_unit_figures (election_id, unit_code, round, branches, branches_taking_part,
                        members, taking_part)
                    select r.election_id, r.unit_code, r.round, sum(f.branches), sum(f.branches_taking_part),
                        sum(f.members), sum(f.taking_part)
                    from recommendation_in_force r
                    join recommendation_committee_figures f on f.file_id = r.file_id and f.committee = r.committee
                    where r.election_id = ? and r.round = ? and r.unit_code = ?
                    group by r.election_id, r.unit_code, r.round""").params(electionId, round, unitCode).update();
        jdbc.sql("delete from recommendation_unit_support where election_id = ? and round = ? and unit_code = ?")
                .params(electionId, round, unitCode).update();
        jdbc.sql("""
                insert into recommendation_unit_support (election_id, unit_code, round, candidate_id, person_name,
                        birth_date, workplace, branches, votes)
                    select f.election_id, f.unit_code, f.round, s.candidate_id, s.person_name, s.birth_date,
                        s.workplace, sum(s.branches), sum(s.votes)
                    from recommendation_file f
                    join recommendation_file_support s on s.file_id = f.id
                    where f.election_id = ? and f.round = ? and f.unit_code = ?
                    group by f.election_id, f.unit_code, f.round, s.candidate_id, s.person_name, s.birth_date,
                        s.workplace""").params(electionId, round, unitCode).update();
    }

    /** Writes the file's support per person over its committees but those replaced by a later file. */
    private void fileSupport(long fileId, List<String> replaced) {
        JdbcClient.StatementSpec statement = jdbc.sql("insert into recommendation_file_support (file_id, candidate_id, "
                + "person_name, birth_date, workplace, branches, votes) "
                + "select file_id, candidate_id, person_name, birth_date, workplace, count(*), sum(votes) "
                + "from recommendation_vote where file_id = :file"
                + (replaced.isEmpty() ? "" : " and committee not in (:replaced)")
                + " group by file_id, candidate_id, person_name, birth_date, workplace").param("file", fileId);
        (replaced.isEmpty() ? statement : statement.param("replaced", replaced)).update();
    }

    /**
     * The rows of one upload as they are read. On PostgreSQL the votes go into one {@code COPY ... FROM STDIN}
     * (PgJDBC's {@link CopyIn}) on the transaction's connection, opened at the file's first vote and written row by row
     * while the file is read, so that the file's reading and the database's writing overlap; the committees and
     * branches, a tenth of the rows, are kept and written when the file has been read (a connection holds one
     * {@code COPY} at a time): the committees by a JDBC batch, the branches by a {@code COPY}. Elsewhere (H2)
     * committees, branches and votes go as JDBC batches of {@link #BATCH} rows.
     */
    private final class Writer {
        private static final String BRANCH_COLUMNS = "recommendation_branch (file_id, committee, branch, members, "
                + "taking_part, file_row)";
        private static final String VOTE_COLUMNS = "recommendation_vote (file_id, committee, branch, candidate_id, "
                + "person_name, birth_date, workplace, votes, file_row)";
        private static final String COMMITTEES = "insert into recommendation_committee (file_id, election_id, "
                + "unit_code, round, committee) values (?, ?, ?, ?, ?)";
        private static final int[] COMMITTEE_TYPES = {Types.BIGINT, Types.BIGINT, Types.VARCHAR, Types.INTEGER,
                Types.VARCHAR};
        private final long fileId;
        private final long electionId;
        private final String unitCode;
        private final int round;
        private final PGConnection postgres = postgres();
        private final List<Object[]> committees = new ArrayList<>();
        private final List<Object[]> branches = new ArrayList<>();
        private final List<Object[]> votes = new ArrayList<>();
        private CopyIn voteCopy;
        private OutputStream voteStream;
        /** The start of a vote's line for the branch last written, in UTF-8: the file, committee and branch. */
        private byte[] branchStart;
        private String branchStartOf;
        private final StringBuilder line = new StringBuilder(64);

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
                String name = person.candidateId() == null ? person.name() : null;
                if (postgres != null) {
                    copyVote(row, person, name);
                } else {
                    votes.add(new Object[] {fileId, row.committee(), row.branch(), person.candidateId(), name,
                            person.birthDate(), person.workplace(), row.votes(), row.row()});
                }
            }
            if (postgres == null && votes.size() + branches.size() >= BATCH) {
                flush();
            }
        }

        /** Writes what is kept once the whole file has been read; on PostgreSQL ends the votes' {@code COPY} first. */
        void finish() {
            if (postgres == null) {
                flush();
                return;
            }
            if (voteStream != null) {
                try {
                    voteStream.close();
                } catch (IOException e) {
                    throw copyFailure("copy " + VOTE_COLUMNS, e);
                }
                voteStream = null;
            }
            batch(COMMITTEES, committees, COMMITTEE_TYPES);
            StringBuilder csv = new StringBuilder(branches.size() * 64);
            branches.forEach(branch -> csvFields(csv, branch).append('\n'));
            branches.clear();
            try {
                postgres.getCopyAPI().copyIn("copy " + BRANCH_COLUMNS + " from stdin (format csv)",
                        new StringReader(csv.toString()));
            } catch (SQLException e) {
                throw template.getExceptionTranslator().translate("copy " + BRANCH_COLUMNS, null, e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * Ends an open {@code COPY} after the file was refused, so that the transaction's connection can roll back;
         * a failure to end it is added to {@code cause}.
         */
        void abandon(RuntimeException cause) {
            if (voteCopy != null && voteCopy.isActive()) {
                try {
                    voteCopy.cancelCopy();
                } catch (SQLException e) {
                    cause.addSuppressed(e);
                }
            }
        }

        /**
         * Writes a vote as a line of CSV into the file's {@code COPY}. A branch's votes follow one another in a file:
         * the start of the line, with the committee and the branch, is encoded once for them.
         */
        private void copyVote(TallyRow row, Person person, String name) {
            try {
                if (voteStream == null) {
                    voteCopy = postgres.getCopyAPI().copyIn("copy " + VOTE_COLUMNS + " from stdin (format csv)");
                    voteStream = new PGCopyOutputStream(voteCopy, 1 << 16);
                }
                if (!row.branch().equals(branchStartOf)) {
                    line.setLength(0);
                    csvFields(line, new Object[] {fileId, row.committee(), row.branch()});
                    line.append(',');
                    branchStart = line.toString().getBytes(StandardCharsets.UTF_8);
                    branchStartOf = row.branch();
                }
                voteStream.write(branchStart);
                line.setLength(0);
                csvFields(line, new Object[] {person.candidateId(), name, person.birthDate(), person.workplace(),
                        row.votes(), row.row()});
                line.append('\n');
                voteStream.write(line.toString().getBytes(StandardCharsets.UTF_8));
            } catch (SQLException e) {
                throw template.getExceptionTranslator().translate("copy " + VOTE_COLUMNS, null, e);
            } catch (IOException e) {
                throw copyFailure("copy " + VOTE_COLUMNS, e);
            }
        }

        /** A failed write of a {@code COPY}: PgJDBC's stream wraps the database's error in an I/O error. */
        private RuntimeException copyFailure(String task, IOException e) {
            return e.getCause() instanceof SQLException sql
                    ? template.getExceptionTranslator().translate(task, null, sql)
                    : new UncheckedIOException(e);
        }

        private void flush() {
            batch(COMMITTEES, committees, COMMITTEE_TYPES);
            batch("insert into " + BRANCH_COLUMNS + " values (?, ?, ?, ?, ?, ?)", branches, new int[] {Types.BIGINT,
                    Types.VARCHAR, Types.VARCHAR, Types.INTEGER, Types.INTEGER, Types.INTEGER});
            batch("insert into " + VOTE_COLUMNS + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)", votes, new int[] {
                    Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.DATE, Types.VARCHAR,
                    Types.INTEGER, Types.INTEGER});
        }

        private void batch(String sql, List<Object[]> rows, int[] types) {
            if (!rows.isEmpty()) {
                template.batchUpdate(sql, rows, types);
                rows.clear();
            }
        }

        /** Appends values as fields of a line of CSV for {@code COPY}: null as nothing, every other value quoted. */
        private static StringBuilder csvFields(StringBuilder csv, Object[] values) {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    csv.append(',');
                }
                if (values[i] != null) {
                    csv.append('"').append(values[i].toString().replace("\"", "\"\"")).append('"');
                }
            }
            return csv;
        }

        /** The transaction's connection as PostgreSQL's, or {@code null} on another database. */
        private PGConnection postgres() {
            DataSource dataSource = template.getDataSource();
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                return connection.isWrapperFor(PGConnection.class) ? connection.unwrap(PGConnection.class) : null;
            } catch (SQLException e) {
                throw template.getExceptionTranslator().translate("unwrap", null, e);
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        }
    }
}
