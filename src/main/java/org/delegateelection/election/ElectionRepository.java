package org.delegateelection.election;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.delegateelection.system.ConflictException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Election units and their recommending units in tables {@code election} and {@code recommending_unit}. Inside a
 * transaction {@link #get} reads each election once: a task completion, with the listeners and delegates it runs,
 * asks for the same election a dozen times; a change through this repository makes the next {@link #get} read again.
 */
@Repository
public class ElectionRepository {

    /** The key of the elections read in the current transaction (a map by id, bound as a transaction resource). */
    private static final Object READ = new Object();

    private final JdbcClient jdbc;

    public ElectionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What a change of a closed election is answered (409). */
    public static final String CLOSED = "该选举已结束（代表资格已确认或流程已结束），人选库和名单不能再修改";

    /**
     * Refuses any change of a closed election: one whose delegates the credentials committee confirmed (step 25) or
     * whose process ended. Locks nothing.
     *
     * @throws ConflictException (409) when it is closed
     * @throws ElectionNotFoundException for an unknown election
     */
    public void requireOpen(long id) {
        if (jdbc.sql("select closed_at from election where id = ?").param(id)
                .query((rs, n) -> rs.getObject(1) != null).optional()
                .orElseThrow(() -> new ElectionNotFoundException(id))) {
            throw new ConflictException(CLOSED);
        }
    }

    /** Closes the election now, unless it is closed already: from then on nothing of it changes. */
    public void close(long id) {
        jdbc.sql("update election set closed_at = current_timestamp where id = ? and closed_at is null").param(id)
                .update();
    }

    /**
     * Stores a new election with its recommending units and returns its id.
     *
     * @param tenantId the electoral unit the election belongs to (the engine tenant of its bodies)
     */
    public long insert(ElectionUnit unit, String tenantId) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into election (code, name, seats, nominee_quota, min_preliminary, women_member_share,
                            min_minorities, leading_cadre_target, frontline_target, min_women_nominees,
                            min_under55_nominees, age_reference_date, centre_nominees_in_addition,
                            preliminary_election)
                        values (:code, :name, :seats, :nomineeQuota, :minPreliminary, :womenMemberShare,
                            :minMinorities, :leadingCadreTarget, :frontlineTarget, :minWomenNominees,
                            :minUnder55Nominees, :ageReferenceDate, :centreNomineesInAddition,
                            :preliminaryElection)""")
                .paramSource(unit)
                .update(key, "id");
        long id = key.getKey().longValue();
        jdbc.sql("update election set tenant_id = ? where id = ?").params(tenantId, id).update();
        for (RecommendingUnit ru : unit.recommendingUnits()) {
            jdbc.sql("insert into recommending_unit (election_id, code, name, nominee_quota) values (?, ?, ?, ?)")
                    .params(id, ru.code(), ru.name(), ru.nomineeQuota())
                    .update();
        }
        return id;
    }

    /**
     * The election with this id, if any. Its recommending units are read first, not inside the row mapper: outside a
     * transaction a query there would take a second connection from the pool while the first is held, and many
     * requests at once could then wait on each other until the pool's timeout.
     */
    public Optional<ElectionUnit> find(long id) {
        List<RecommendingUnit> units = units(id);
        return jdbc.sql("select * from election where id = ?").param(id)
                .query((rs, n) -> new ElectionUnit(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
                        rs.getInt("seats"), rs.getInt("nominee_quota"), rs.getInt("min_preliminary"),
                        rs.getBigDecimal("women_member_share"), rs.getInt("min_minorities"),
                        rs.getInt("leading_cadre_target"), rs.getInt("frontline_target"),
                        rs.getInt("min_women_nominees"), rs.getInt("min_under55_nominees"),
                        rs.getObject("age_reference_date", java.time.LocalDate.class),
                        rs.getBoolean("centre_nominees_in_addition"), units,
                        rs.getBoolean("preliminary_election"), rs.getInt("consultation_rounds")))
                .optional();
    }

    /** Every election, in the order registered. */
    public List<ElectionUnit> all() {
        return jdbc.sql("select id from election order by id").query(Long.class).list().stream()
                .map(this::get).toList();
    }

    /**
     * The election with this id, read once per transaction (outside one, read each time); {@link
     * ElectionNotFoundException} when there is none.
     */
    public ElectionUnit get(long id) {
        Map<Long, ElectionUnit> read = readInTransaction();
        ElectionUnit election = read == null ? null : read.get(id);
        if (election == null) {
            election = find(id).orElseThrow(() -> new ElectionNotFoundException(id));
            if (read != null) {
                read.put(id, election);
            }
        }
        return election;
    }

    /** The elections {@link #get} read in the current transaction, by id; {@code null} outside a transaction. */
    @SuppressWarnings("unchecked")
    private static Map<Long, ElectionUnit> readInTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Map<Long, ElectionUnit> read = (Map<Long, ElectionUnit>) TransactionSynchronizationManager.getResource(READ);
        if (read == null) {
            read = new HashMap<>();
            TransactionSynchronizationManager.bindResource(READ, read);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(READ);
                }
            });
        }
        return read;
    }

    /** Forgets the elections read in the current transaction: one of them has just changed. */
    private static void changed() {
        Map<Long, ElectionUnit> read = readInTransaction();
        if (read != null) {
            read.clear();
        }
    }

    /** The electoral unit (engine tenant) the election belongs to, if the election exists. */
    public Optional<String> tenantOf(long id) {
        return jdbc.sql("select tenant_id from election where id = ?").param(id).query(String.class).optional();
    }

    /** Every electoral unit (engine tenant) that has an election: tenant id → the name of its first election. */
    public Map<String, String> tenants() {
        Map<String, String> tenants = new java.util.LinkedHashMap<>();
        jdbc.sql("select tenant_id, name from election order by id")
                .query((java.sql.ResultSet rs) -> {
                    tenants.putIfAbsent(rs.getString(1), rs.getString(2));
                });
        return tenants;
    }

    /** The id of the election with this code, if any. */
    public Optional<Long> idOf(String code) {
        return jdbc.sql("select id from election where code = ?").param(code).query(Long.class).optional();
    }

    /**
     * A recommending unit's code as another election uses it.
     *
     * @param electionCode      that election's code
     * @param processInstanceId the instance that runs it, {@code null} while not started
     * @param unitName          the name that election gives the code
     */
    public record UnitUse(String electionCode, String processInstanceId, String unitCode, String unitName) {
    }

    /** Every election's use of these recommending unit codes. */
    public List<UnitUse> usesOf(java.util.Collection<String> unitCodes) {
        if (unitCodes.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select e.code, e.process_instance_id, ru.code, ru.name from recommending_unit ru "
                        + "join election e on e.id = ru.election_id where ru.code in (:codes) order by e.id")
                .param("codes", unitCodes)
                .query((rs, n) -> new UnitUse(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    /** Records the process instance that runs the election. */
    public void setProcessInstance(long id, String processInstanceId) {
        jdbc.sql("update election set process_instance_id = ? where id = ?").params(processInstanceId, id).update();
    }

    /** The process instance that runs the election, if started. */
    public Optional<String> processInstanceOf(long id) {
        return jdbc.sql("select process_instance_id from election where id = ?").param(id)
                .query(String.class).optional();
    }

    /** Step 1: the seats and structure requirements as registered. */
    public void updateAllocation(long id, int seats, int nomineeQuota, int minPreliminary, int minMinorities,
            BigDecimal womenMemberShare) {
        changed();
        jdbc.sql("""
                        update election set seats = ?, nominee_quota = ?, min_preliminary = ?, min_minorities = ?,
                            women_member_share = ? where id = ?""")
                .params(seats, nomineeQuota, minPreliminary, minMinorities, womenMemberShare, id)
                .update();
    }

    /**
     * Step 2: the nominee-pool targets, the consultation rounds of the recommendation (1 to
     * {@link ElectionUnit#MAX_CONSULTATION_ROUNDS}) and each recommending unit's quota (unit code → quota).
     */
    public void updatePlan(long id, int leadingCadreTarget, int frontlineTarget, int minWomenNominees,
            int minUnder55Nominees, int consultationRounds, Map<String, Integer> unitQuotas) {
        changed();
        jdbc.sql("""
                        update election set leading_cadre_target = ?, frontline_target = ?, min_women_nominees = ?,
                            min_under55_nominees = ?, consultation_rounds = ? where id = ?""")
                .params(leadingCadreTarget, frontlineTarget, minWomenNominees, minUnder55Nominees,
                        consultationRounds, id)
                .update();
        unitQuotas.forEach((code, quota) ->
                jdbc.sql("update recommending_unit set nominee_quota = ? where election_id = ? and code = ?")
                        .params(quota, id, code)
                        .update());
    }

    private List<RecommendingUnit> units(long electionId) {
        return jdbc.sql("select code, name, nominee_quota from recommending_unit where election_id = ? order by code")
                .param(electionId)
                .query((rs, n) -> new RecommendingUnit(rs.getString(1), rs.getString(2), rs.getInt(3)))
                .list();
    }
}
