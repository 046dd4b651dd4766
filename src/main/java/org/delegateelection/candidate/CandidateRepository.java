package org.delegateelection.candidate;

import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.delegateelection.election.ElectionRepository;
import org.delegateelection.integrity.IntegrityChain;
import org.delegateelection.integrity.RecordContent;
import org.delegateelection.integrity.RecordKind;
import org.delegateelection.system.ConflictException;
import org.delegateelection.system.InvalidInputException;
import org.delegateelection.system.Problem;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The candidate registry (人选库) of each election, every version of each person's data, and the lists decided along
 * the procedure (tables candidate, candidate_version, list_decision and list_member; the view candidate_list gives
 * the lists in force). What was decided is never overwritten: a person's new data is a new version, a list decided
 * again a new decision. Writes join the caller's transaction, so they commit with the process state of the step.
 */
@Repository
public class CandidateRepository implements RecordContent {

    private static final String COLUMNS = "name = :name, gender = :gender, ethnicity = :ethnicity, "
            + "birth_date = :birthDate, joined_party_on = :joinedPartyOn, full_member = :fullMember, "
            + "education = :education, category = :category, frontline_kind = :frontlineKind, "
            + "migrant_worker = :migrantWorker, sector = :sector, level = :level, "
            + "recommending_unit = :recommendingUnit, npc_deputy = :npcDeputy, cppcc_member = :cppccMember, "
            + "provincial_honour = :provincialHonour";

    /** A row of {@code candidate} as a person: columns by name, enums by their names. */
    private static final RowMapper<Candidate> CANDIDATE = (rs, row) -> new Candidate(rs.getString("id"),
            rs.getString("name"), Gender.valueOf(rs.getString("gender")), rs.getString("ethnicity"),
            rs.getObject("birth_date", LocalDate.class), rs.getObject("joined_party_on", LocalDate.class),
            rs.getBoolean("full_member"), Education.valueOf(rs.getString("education")),
            Category.valueOf(rs.getString("category")),
            rs.getString("frontline_kind") == null ? null : FrontlineKind.valueOf(rs.getString("frontline_kind")),
            rs.getBoolean("migrant_worker"), rs.getString("sector"), rs.getString("level"),
            rs.getString("recommending_unit"), rs.getBoolean("npc_deputy"), rs.getBoolean("cppcc_member"),
            rs.getBoolean("provincial_honour"), CandidateStatus.valueOf(rs.getString("status")));

    private static final String VALUES = ":name, :gender, :ethnicity, :birthDate, :joinedPartyOn, :fullMember, "
            + ":education, :category, :frontlineKind, :migrantWorker, :sector, :level, :recommendingUnit, :npcDeputy, "
            + ":cppccMember, :provincialHonour";

    private final NamedParameterJdbcTemplate jdbc;
    private final JdbcClient client;
    private final ElectionRepository elections;
    private final IntegrityChain chain;

    /**
     * Uses the application's data source through Spring's JDBC template; refuses changes of a closed election;
     * chains each decided list.
     */
    public CandidateRepository(NamedParameterJdbcTemplate jdbc, ElectionRepository elections, IntegrityChain chain) {
        this.jdbc = jdbc;
        this.client = JdbcClient.create(jdbc);
        this.elections = elections;
        this.chain = chain;
    }

    /**
     * Stores people in the registry, all or none: a person whose id is new gets status REGISTERED and version 1; a
     * person already present whose data differ gets a new version with the new data and keeps the status (the lists
     * decided earlier keep the version they were decided with); a person whose data are the same is left as is. The
     * status of the given records is ignored. Each person created or changed is recorded in {@code candidate_change}
     * (CREATED or UPDATED, with the version) as changed by {@code changedBy}.
     *
     * @param candidates people with distinct ids whose recommending units belong to the election
     * @param changedBy  the user id recorded with the change
     * @param reason     why the data change; required when a changed person is on a list in force; may be {@code null}
     * @return how many of them were new and how many got a new version
     * @throws InvalidInputException (field {@code reason}) naming every changed person on a decided list when no
     *                               reason is given; nothing is stored then
     * @throws ConflictException     when the election is closed, or a changed person is on the printed ballot (a
     *                               correction, {@link Corrections}, changes that person); nothing is stored then
     * @throws org.springframework.dao.DataAccessException when the database refuses a row; nothing is stored then
     */
    @Transactional
    public Saved saveAll(long electionId, List<Candidate> candidates, String changedBy, String reason) {
        elections.requireOpen(electionId);
        Map<String, Candidate> present = new HashMap<>();
        findAll(electionId).forEach(person -> present.put(person.id(), person));
        List<Candidate> changed = candidates.stream().filter(person -> present.containsKey(person.id())
                && !sameData(present.get(person.id()), person)).toList();
        requireReasonOnDecidedLists(electionId, changed.stream().map(person -> present.get(person.id())).toList(),
                reason);
        List<Candidate> created = candidates.stream().filter(person -> !present.containsKey(person.id())).toList();
        jdbc.batchUpdate("insert into candidate (election_id, id, name, gender, ethnicity, birth_date, "
                        + "joined_party_on, full_member, education, category, frontline_kind, migrant_worker, "
                        + "sector, level, recommending_unit, npc_deputy, cppcc_member, provincial_honour, status) "
                        + "values (:election, :id, " + VALUES + ", 'REGISTERED')",
                created.stream().map(person -> parameters(electionId, person)).toArray(SqlParameterSource[]::new));
        jdbc.batchUpdate("update candidate set " + COLUMNS + ", version = version + 1 "
                        + "where election_id = :election and id = :id",
                changed.stream().map(person -> parameters(electionId, person)).toArray(SqlParameterSource[]::new));
        List<Candidate> stored = new ArrayList<>(created);
        stored.addAll(changed);
        recordVersions(electionId, stored, changedBy, reason);
        return new Saved(created.size(), changed.size());
    }

    /**
     * What {@link #saveAll} stored.
     *
     * @param created people new to the registry
     * @param changed people already there whose data differed, each given a new version
     */
    public record Saved(int created, int changed) {
    }

    /**
     * Carries out a correction ({@link Corrections}): the person gets the corrected data as a new version with the
     * reason, the printed ballot notwithstanding.
     *
     * @throws ConflictException when the election is closed
     */
    void correct(long electionId, Candidate corrected, String reason, String changedBy) {
        elections.requireOpen(electionId);
        jdbc.update("update candidate set " + COLUMNS + ", version = version + 1 "
                + "where election_id = :election and id = :id", parameters(electionId, corrected));
        recordVersions(electionId, List.of(corrected), changedBy, reason);
    }

    private void requireReasonOnDecidedLists(long electionId, List<Candidate> changed, String reason) {
        Map<String, List<CandidateList>> decided = listsInForce(electionId,
                changed.stream().map(Candidate::id).toList());
        List<String> onBallot = changed.stream()
                .filter(person -> decided.getOrDefault(person.id(), List.of()).contains(CandidateList.BALLOT))
                .map(person -> person.name() + "（" + person.id() + "）").toList();
        if (!onBallot.isEmpty()) {
            throw new ConflictException("选票已印制（中央组织部审查同意后），选票上人选的信息只能通过纠错程序修改："
                    + String.join("、", onBallot) + "，请提出纠错申请");
        }
        if (reason == null || reason.isBlank()) {
            List<Problem> problems = changed.stream().filter(person -> decided.containsKey(person.id()))
                    .map(person -> new Problem(null, "reason", person.name() + "（" + person.id() + "）已在已决定的"
                            + decided.get(person.id()).stream().map(CandidateList::label)
                                    .collect(Collectors.joining("、"))
                            + "名单中，修改其信息须说明理由"))
                    .toList();
            if (!problems.isEmpty()) {
                throw new InvalidInputException("修改已决定名单中人选的信息须说明理由", problems);
            }
        }
    }

    /** Whether two records of a person carry the same registry data (their status aside). */
    static boolean sameData(Candidate one, Candidate other) {
        return one.withStatus(null).equals(other.withStatus(null));
    }

    /**
     * Appends the current data of the given people as their new version to {@code candidate_version}, and one row
     * per person to {@code candidate_change} (CREATED for version 1, else UPDATED).
     */
    private void recordVersions(long electionId, List<Candidate> people, String changedBy, String reason) {
        if (people.isEmpty()) {
            return;
        }
        List<String> ids = people.stream().map(Candidate::id).toList();
        Map<String, Integer> versions = new HashMap<>();
        client.sql("select id, version from candidate where election_id = :election and id in (:ids)")
                .param("election", electionId).param("ids", ids)
                .query((rs, n) -> versions.put(rs.getString(1), rs.getInt(2))).list();
        jdbc.batchUpdate("insert into candidate_version (election_id, candidate_id, version, name, gender, ethnicity, "
                        + "birth_date, joined_party_on, full_member, education, category, frontline_kind, "
                        + "migrant_worker, sector, level, recommending_unit, npc_deputy, cppcc_member, "
                        + "provincial_honour, reason, changed_by) values (:election, :id, :version, " + VALUES
                        + ", :reason, :by)",
                people.stream().map(person -> parameters(electionId, person)
                        .addValue("version", versions.get(person.id()))
                        .addValue("reason", versions.get(person.id()) == 1 ? null : reason, Types.VARCHAR)
                        .addValue("by", changedBy)).toArray(SqlParameterSource[]::new));
        jdbc.batchUpdate("insert into candidate_change (election_id, candidate_id, kind, version, changed_by) "
                        + "values (:election, :id, :kind, :version, :by)",
                ids.stream().map(id -> new MapSqlParameterSource("election", electionId).addValue("id", id)
                        .addValue("kind", versions.get(id) == 1 ? "CREATED" : "UPDATED")
                        .addValue("version", versions.get(id)).addValue("by", changedBy))
                        .toArray(SqlParameterSource[]::new));
    }

    /** Everyone in the election's registry, removed people included, ordered by id. */
    public List<Candidate> findAll(long electionId) {
        return client.sql("select * from candidate where election_id = :election order by id")
                .param("election", electionId).query(CANDIDATE).list();
    }

    /**
     * The people a recommending unit recommends who have not been removed, ordered by id: what the unit's party
     * committee decides its nominees from (step 7).
     */
    public List<Candidate> findOfUnit(long electionId, String unitCode) {
        return client.sql("select * from candidate where election_id = :election and recommending_unit = :unit "
                        + "and status <> 'REMOVED' order by id")
                .param("election", electionId).param("unit", unitCode).query(CANDIDATE).list();
    }

    /** The people with the given ids, ordered by id; ids not in the registry are left out. */
    public List<Candidate> findByIds(long electionId, Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return client.sql("select * from candidate where election_id = :election and id in (:ids) order by id")
                .param("election", electionId).param("ids", ids).query(CANDIDATE).list();
    }

    /**
     * Sets the status of the given people, recorded in {@code candidate_change} (STATUS) as changed by {@code changedBy}.
     *
     * @throws InvalidInputException naming every id that is not in the registry; nothing is changed then
     * @throws ConflictException     when the election is closed
     */
    @Transactional
    public void updateStatus(long electionId, Collection<String> ids, CandidateStatus status, String changedBy) {
        elections.requireOpen(electionId);
        requirePresent(electionId, ids);
        writeStatus(electionId, ids, status, changedBy);
    }

    private void writeStatus(long electionId, Collection<String> ids, CandidateStatus status, String changedBy) {
        if (!ids.isEmpty()) {
            client.sql("update candidate set status = :status where election_id = :election and id in (:ids)")
                    .param("status", status.name()).param("election", electionId).param("ids", ids).update();
            recordChanges(electionId, ids, id -> "STATUS", status.name(), changedBy);
        }
    }

    /**
     * The people on the list in force, with their data as the list was decided, who have not been removed since,
     * ordered by id; empty for a list never decided. What the list's documents, composition and ballot show.
     */
    public List<Candidate> list(long electionId, String listName) {
        return client.sql("select v.*, v.candidate_id as id, c.status from candidate_list l "
                        + "join candidate_version v on v.election_id = l.election_id "
                        + "and v.candidate_id = l.candidate_id and v.version = l.version "
                        + "join candidate c on c.election_id = l.election_id and c.id = l.candidate_id "
                        + "where l.election_id = :election and l.list_name = :list and c.status <> 'REMOVED' "
                        + "order by l.candidate_id")
                .param("election", electionId).param("list", listName).query(CANDIDATE).list();
    }

    /**
     * The people on the list in force who have not been removed, with their registry data as it is now, ordered by
     * id: what a body deciding from the list, and a check of the people on it, work on (a correction made since the
     * decision counts there; the next list decided records it).
     */
    public List<Candidate> currentPeopleOn(long electionId, String listName) {
        return client.sql("select c.* from candidate c join candidate_list l "
                        + "on l.election_id = c.election_id and l.candidate_id = c.id "
                        + "where l.election_id = :election and l.list_name = :list and c.status <> 'REMOVED' "
                        + "order by c.id")
                .param("election", electionId).param("list", listName).query(CANDIDATE).list();
    }

    /** True once the list has been decided for the election (by any of its recommending units, for the nominees). */
    public boolean isDecided(long electionId, CandidateList list) {
        return client.sql("select count(*) from list_decision where election_id = :election and list_name = :list")
                .param("election", electionId).param("list", list.key()).query(Long.class).single() > 0;
    }

    /**
     * The ids of the people on the list in force whose registry data changed after the list was decided: its reports
     * show what was decided, and say beside them "决定后信息有变更".
     */
    public Set<String> changedSinceDecision(long electionId, String listName) {
        return new HashSet<>(client.sql("select l.candidate_id from candidate_list l join candidate c "
                        + "on c.election_id = l.election_id and c.id = l.candidate_id "
                        + "where l.election_id = :election and l.list_name = :list and c.version > l.version")
                .param("election", electionId).param("list", listName).query(String.class).list());
    }

    /** For each of the given people on a list in force, those lists, in the order of {@link CandidateList}. */
    public Map<String, List<CandidateList>> listsInForce(long electionId, Collection<String> ids) {
        Map<String, List<CandidateList>> lists = new HashMap<>();
        if (!ids.isEmpty()) {
            client.sql("select candidate_id, list_name from candidate_list where election_id = :election "
                            + "and candidate_id in (:ids)")
                    .param("election", electionId).param("ids", ids)
                    .query((rs, n) -> lists.computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
                            .add(CandidateList.ofKey(rs.getString(2)))).list();
        }
        lists.values().forEach(Collections::sort);
        return lists;
    }

    /**
     * The audit trail of the registry, oldest first: every person created, every new version of a person's data
     * with the fields it changed, and every change of status.
     */
    public List<RegistryChange> changes(long electionId) {
        Map<String, Map<Integer, Candidate>> versions = new HashMap<>();
        Map<String, Map<Integer, String>> reasons = new HashMap<>();
        client.sql("select v.*, v.candidate_id as id, 'REGISTERED' as status from candidate_version v "
                        + "where v.election_id = :election")
                .param("election", electionId)
                .query((rs, n) -> {
                    versions.computeIfAbsent(rs.getString("id"), id -> new HashMap<>())
                            .put(rs.getInt("version"), CANDIDATE.mapRow(rs, n));
                    return reasons.computeIfAbsent(rs.getString("id"), id -> new HashMap<>())
                            .put(rs.getInt("version"), rs.getString("reason"));
                }).list();
        Map<String, String> names = new HashMap<>();
        findAll(electionId).forEach(person -> names.put(person.id(), person.name()));
        return client.sql("select candidate_id, kind, detail, version, changed_by, changed_at from candidate_change "
                        + "where election_id = :election order by id")
                .param("election", electionId)
                .query((rs, n) -> {
                    String id = rs.getString(1);
                    Integer version = (Integer) rs.getObject(4, Integer.class);
                    Map<Integer, Candidate> of = versions.getOrDefault(id, Map.of());
                    Candidate after = version == null ? null : of.get(version);
                    return new RegistryChange(rs.getObject(6, LocalDateTime.class), rs.getString(5), id,
                            after == null ? names.get(id) : after.name(), rs.getString(2), version,
                            version == null ? null : reasons.get(id).get(version), rs.getString(3),
                            after == null || !of.containsKey(version - 1) ? List.of()
                                    : CandidateColumn.differences(of.get(version - 1), after));
                }).list();
    }

    /**
     * Takes a person out of the procedure (status REMOVED): from then on the person is on no list.
     *
     * @throws InvalidInputException when the id is not in the registry
     * @throws ConflictException     when the election is closed
     */
    @Transactional
    public void remove(long electionId, String candidateId, String changedBy) {
        updateStatus(electionId, List.of(candidateId), CandidateStatus.REMOVED, changedBy);
    }

    /**
     * Records a decided list — for a recommending unit ({@code unitCode} not null) only its own part — as a new
     * decision with each person's current version, chained in the election's {@link IntegrityChain}; the decision
     * before it stays stored. The people chosen reach the list's status; people who were on it before, are not now
     * and had got that far go back to the status before it (a list rejected by its check, or voted again, leaves
     * nobody at a stage they did not reach). The confirmed delegates (step 25) close the election.
     *
     * @throws InvalidInputException naming every id that is not in the registry; nothing is changed then
     * @throws ConflictException     when the election is closed
     */
    @Transactional
    public void decide(long electionId, CandidateList list, List<String> chosen, String unitCode, String changedBy) {
        decide(electionId, list, chosen, unitCode, changedBy, null);
    }

    /**
     * As {@link #decide(long, CandidateList, List, String, String)}, with the body's recorded reason kept in the
     * decision (集体研究的理由: why it chose people with less support in the branch recommendation than people it
     * left out); {@code null} for none.
     */
    @Transactional
    public void decide(long electionId, CandidateList list, List<String> chosen, String unitCode, String changedBy,
            String reason) {
        elections.requireOpen(electionId);
        requirePresent(electionId, chosen);
        List<String> dropped = list.status() == null ? List.of()
                : list(electionId, list.key()).stream()
                        .filter(c -> unitCode == null || unitCode.equals(c.recommendingUnit()))
                        .filter(c -> !chosen.contains(c.id()) && c.status().compareTo(list.status()) >= 0)
                        .map(Candidate::id).toList();
        // the chosen are present (checked above), the dropped were on the list: no need to look them up again
        record(electionId, list, unitCode, null, chosen, changedBy, reason);
        if (list.status() != null) {
            writeStatus(electionId, dropped, CandidateStatus.values()[list.status().ordinal() - 1], changedBy);
            writeStatus(electionId, chosen, list.status(), changedBy);
        }
        if (list == CandidateList.CONFIRMED) {
            elections.close(electionId);
        }
    }

    /**
     * After a correction changed a person's data: every list in force the person is on is recorded again, with the
     * same people and the person's corrected version, as a decision carrying out the correction.
     *
     * @return the lists recorded again, in the order of {@link CandidateList}
     */
    @Transactional
    public List<CandidateList> recordCorrected(long electionId, String candidateId, long correctionId,
            String changedBy) {
        List<CandidateList> lists = listsInForce(electionId, List.of(candidateId)).getOrDefault(candidateId,
                List.of());
        for (CandidateList list : lists) {
            Map<String, List<String>> membersByUnit = new LinkedHashMap<>();
            client.sql("select unit_code, candidate_id from candidate_list where election_id = :election "
                            + "and list_name = :list order by unit_code, candidate_id")
                    .param("election", electionId).param("list", list.key())
                    .query(rs -> {
                        membersByUnit.computeIfAbsent(rs.getString(1), unit -> new ArrayList<>()).add(rs.getString(2));
                    });
            membersByUnit.forEach((unit, members) -> {
                if (members.contains(candidateId)) {
                    record(electionId, list, unit, correctionId, members, changedBy, null);
                }
            });
        }
        return lists;
    }

    private void record(long electionId, CandidateList list, String unitCode, Long correctionId, List<String> ids,
            String decidedBy, String reason) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        client.sql("insert into list_decision (election_id, list_name, unit_code, correction_id, decided_by, reason) "
                        + "values (:election, :list, :unit, :correction, :by, :reason)")
                .param("election", electionId).param("list", list.key()).param("unit", unitCode, Types.VARCHAR)
                .param("correction", correctionId, Types.BIGINT).param("by", decidedBy)
                .param("reason", reason, Types.VARCHAR)
                .update(key, "id");
        long decision = key.getKey().longValue();
        if (!ids.isEmpty()) {
            client.sql("insert into list_member (decision_id, candidate_id, version) select :decision, id, version "
                            + "from candidate where election_id = :election and id in (:ids)")
                    .param("decision", decision).param("election", electionId).param("ids", ids).update();
        }
        chain.append(electionId, RecordKind.LIST, Long.toString(decision));
    }

    @Override
    public RecordKind kind() {
        return RecordKind.LIST;
    }

    /**
     * A decided list as text: its name, unit, correction, who decided it and the reason recorded with it (when there
     * is one; a decision without keeps the text it had before reasons were recorded), then each person on it (by id) with the
     * version and every field of the person's data as decided.
     */
    @Override
    public Optional<String> content(long electionId, String reference) {
        long decision = Long.parseLong(reference);
        Optional<String> head = client.sql("select list_name, unit_code, correction_id, decided_by, reason "
                        + "from list_decision where id = :decision and election_id = :election")
                .param("decision", decision).param("election", electionId)
                .query((rs, n) -> String.join("|", rs.getString(1), String.valueOf(rs.getString(2)),
                        String.valueOf(rs.getObject(3)), rs.getString(4))
                        + (rs.getString(5) == null ? "" : "|" + rs.getString(5))).optional();
        if (head.isEmpty()) {
            return head;
        }
        List<String> members = client.sql("select m.version, v.*, v.candidate_id as id, 'REGISTERED' as status "
                        + "from list_member m left join candidate_version v on v.election_id = :election "
                        + "and v.candidate_id = m.candidate_id and v.version = m.version "
                        + "where m.decision_id = :decision order by m.candidate_id")
                .param("decision", decision).param("election", electionId)
                .query((rs, n) -> rs.getInt(1) + "|" + (rs.getString("name") == null ? "缺少版本"
                        : CANDIDATE.mapRow(rs, n).withStatus(null).toString())).list();
        return Optional.of(head.get() + "\n" + String.join("\n", members));
    }

    /** Appends one row per person to the audit table {@code candidate_change}; rows there are never changed. */
    private void recordChanges(long electionId, Collection<String> ids, Function<String, String> kind,
            String detail, String by) {
        jdbc.batchUpdate("insert into candidate_change (election_id, candidate_id, kind, detail, changed_by) "
                        + "values (:election, :id, :kind, :detail, :by)",
                ids.stream().map(id -> new MapSqlParameterSource("election", electionId).addValue("id", id)
                        .addValue("kind", kind.apply(id)).addValue("detail", detail, Types.VARCHAR)
                        .addValue("by", by)).toArray(SqlParameterSource[]::new));
    }

    private void requirePresent(long electionId, Collection<String> ids) {
        Set<String> missing = new HashSet<>(ids);
        findByIds(electionId, ids).forEach(candidate -> missing.remove(candidate.id()));
        if (!missing.isEmpty()) {
            throw new InvalidInputException("人选库中没有这些人选", missing.stream().sorted()
                    .map(id -> new Problem(null, "candidateId", "人选库中没有编号为“" + id + "”的人选")).toList());
        }
    }

    private static MapSqlParameterSource parameters(long electionId, Candidate candidate) {
        return new MapSqlParameterSource("election", electionId)
                .addValue("id", candidate.id())
                .addValue("name", candidate.name())
                .addValue("gender", candidate.gender().name())
                .addValue("ethnicity", candidate.ethnicity())
                .addValue("birthDate", candidate.birthDate())
                .addValue("joinedPartyOn", candidate.joinedPartyOn())
                .addValue("fullMember", candidate.fullMember())
                .addValue("education", candidate.education().name())
                .addValue("category", candidate.category().name())
                .addValue("frontlineKind",
                        candidate.frontlineKind() == null ? null : candidate.frontlineKind().name(), Types.VARCHAR)
                .addValue("migrantWorker", candidate.migrantWorker())
                .addValue("sector", candidate.sector())
                .addValue("level", candidate.level())
                .addValue("recommendingUnit", candidate.recommendingUnit(), Types.VARCHAR)
                .addValue("npcDeputy", candidate.npcDeputy())
                .addValue("cppccMember", candidate.cppccMember())
                .addValue("provincialHonour", candidate.provincialHonour());
    }
}
