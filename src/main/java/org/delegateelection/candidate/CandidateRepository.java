package org.delegateelection.candidate;

import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.delegateelection.system.InvalidInputException;
import org.delegateelection.system.Problem;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The candidate registry (人选库) of each election and the lists decided along the procedure (tables candidate and
 * candidate_list). Writes join the caller's transaction, so they commit with the process state of the step.
 */
@Repository
public class CandidateRepository {

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

    private final NamedParameterJdbcTemplate jdbc;
    private final JdbcClient client;

    /** Uses the application's data source through Spring's JDBC template. */
    public CandidateRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.client = JdbcClient.create(jdbc);
    }

    /**
     * Stores people in the registry, all or none: a person whose id is new gets status REGISTERED, a person already
     * present gets the new data and keeps the status. The status of the given records is ignored. Each person is
     * recorded in {@code candidate_change} (CREATED or UPDATED) as changed by {@code changedBy}.
     *
     * @param candidates people with distinct ids whose recommending units belong to the election
     * @param changedBy  the user id recorded with the change
     * @return how many of them were new
     * @throws org.springframework.dao.DataAccessException when the database refuses a row; nothing is stored then
     */
    @Transactional
    public int saveAll(long electionId, List<Candidate> candidates, String changedBy) {
        Set<String> present = new HashSet<>(client.sql("select id from candidate where election_id = :election")
                .param("election", electionId).query(String.class).list());
        List<SqlParameterSource> updates = new ArrayList<>();
        List<SqlParameterSource> inserts = new ArrayList<>();
        for (Candidate candidate : candidates) {
            (present.contains(candidate.id()) ? updates : inserts).add(parameters(electionId, candidate));
        }
        jdbc.batchUpdate("update candidate set " + COLUMNS + " where election_id = :election and id = :id",
                updates.toArray(SqlParameterSource[]::new));
        jdbc.batchUpdate("insert into candidate (election_id, id, name, gender, ethnicity, birth_date, "
                        + "joined_party_on, full_member, education, category, frontline_kind, migrant_worker, "
                        + "sector, level, recommending_unit, npc_deputy, cppcc_member, provincial_honour, status) "
                        + "values (:election, :id, :name, :gender, :ethnicity, :birthDate, :joinedPartyOn, "
                        + ":fullMember, :education, :category, :frontlineKind, :migrantWorker, :sector, :level, "
                        + ":recommendingUnit, :npcDeputy, :cppccMember, :provincialHonour, 'REGISTERED')",
                inserts.toArray(SqlParameterSource[]::new));
        recordChanges(electionId, candidates.stream().map(Candidate::id).toList(),
                id -> present.contains(id) ? "UPDATED" : "CREATED", null, changedBy);
        return inserts.size();
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
     */
    @Transactional
    public void updateStatus(long electionId, Collection<String> ids, CandidateStatus status, String changedBy) {
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
     * Replaces the list with the given name (e.g. the nominees, the preliminary candidates) by the given people.
     *
     * @throws InvalidInputException naming every id that is not in the registry; nothing is changed then
     */
    @Transactional
    public void replaceList(long electionId, String listName, Collection<String> ids) {
        requirePresent(electionId, ids);
        writeList(electionId, listName, ids);
    }

    private void writeList(long electionId, String listName, Collection<String> ids) {
        client.sql("delete from candidate_list where election_id = :election and list_name = :list")
                .param("election", electionId).param("list", listName).update();
        insert(electionId, listName, ids);
    }

    /**
     * Replaces the part of a list that belongs to one recommending unit (the unit's nominees, step 7), leaving the
     * other units' part as it is; units deciding at the same time do not overwrite each other.
     *
     * @throws InvalidInputException naming every id that is not in the registry; nothing is changed then
     */
    @Transactional
    public void replaceListOfUnit(long electionId, String listName, String unitCode, Collection<String> ids) {
        requirePresent(electionId, ids);
        writeListOfUnit(electionId, listName, unitCode, ids);
    }

    private void writeListOfUnit(long electionId, String listName, String unitCode, Collection<String> ids) {
        client.sql("delete from candidate_list where election_id = :election and list_name = :list and candidate_id in "
                        + "(select id from candidate where election_id = :election and recommending_unit = :unit)")
                .param("election", electionId).param("list", listName).param("unit", unitCode).update();
        insert(electionId, listName, ids);
    }

    private void insert(long electionId, String listName, Collection<String> ids) {
        jdbc.batchUpdate("insert into candidate_list (election_id, list_name, candidate_id) "
                        + "values (:election, :list, :id)",
                ids.stream().map(id -> new MapSqlParameterSource("election", electionId)
                        .addValue("list", listName).addValue("id", id)).toArray(SqlParameterSource[]::new));
    }

    /** True once the list has been decided for the election (by any of its recommending units, for the nominees). */
    public boolean isDecided(long electionId, CandidateList list) {
        return client.sql("select count(*) from candidate_list where election_id = :election and list_name = :list")
                .param("election", electionId).param("list", list.key()).query(Long.class).single() > 0;
    }

    /** The people on the list who have not been removed, ordered by id; empty for a list never decided. */
    public List<Candidate> list(long electionId, String listName) {
        return client.sql("select c.* from candidate c join candidate_list l "
                        + "on l.election_id = c.election_id and l.candidate_id = c.id "
                        + "where l.election_id = :election and l.list_name = :list and c.status <> 'REMOVED' "
                        + "order by c.id")
                .param("election", electionId).param("list", listName).query(CANDIDATE).list();
    }

    /**
     * Takes a person out of the procedure (status REMOVED): from then on the person is on no list.
     *
     * @throws InvalidInputException when the id is not in the registry
     */
    @Transactional
    public void remove(long electionId, String candidateId, String changedBy) {
        updateStatus(electionId, List.of(candidateId), CandidateStatus.REMOVED, changedBy);
    }

    /**
     * Stores a decided list — for a recommending unit ({@code unitCode} not null) only its own part. The people
     * chosen reach the list's status; people who were on it before, are not now and had got that far go back to the
     * status before it (a list rejected by its check, or voted again, leaves nobody at a stage they did not reach).
     *
     * @throws InvalidInputException naming every id that is not in the registry; nothing is changed then
     */
    @Transactional
    public void decide(long electionId, CandidateList list, List<String> chosen, String unitCode, String changedBy) {
        requirePresent(electionId, chosen);
        List<String> dropped = list.status() == null ? List.of()
                : list(electionId, list.key()).stream()
                        .filter(c -> unitCode == null || unitCode.equals(c.recommendingUnit()))
                        .filter(c -> !chosen.contains(c.id()) && c.status().compareTo(list.status()) >= 0)
                        .map(Candidate::id).toList();
        // the chosen are present (checked above), the dropped were on the list: no need to look them up again
        if (unitCode == null) {
            writeList(electionId, list.key(), chosen);
        } else {
            writeListOfUnit(electionId, list.key(), unitCode, chosen);
        }
        if (list.status() != null) {
            writeStatus(electionId, dropped, CandidateStatus.values()[list.status().ordinal() - 1], changedBy);
            writeStatus(electionId, chosen, list.status(), changedBy);
        }
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

    private static SqlParameterSource parameters(long electionId, Candidate candidate) {
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
                .addValue("recommendingUnit", candidate.recommendingUnit())
                .addValue("npcDeputy", candidate.npcDeputy())
                .addValue("cppccMember", candidate.cppccMember())
                .addValue("provincialHonour", candidate.provincialHonour());
    }
}
