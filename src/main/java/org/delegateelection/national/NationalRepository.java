package org.delegateelection.national;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The national procedure's records (table {@code national_election}, {@code national_allocation…},
 * {@code credential_finding}): the notice, stored once; each allocation a version of its own, never changed, the
 * latest in force; each delegate found invalid, once, with the reason.
 */
@Repository
public class NationalRepository {

    private final JdbcClient jdbc;

    public NationalRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the notice and returns its id. */
    public long insert(CongressNotice notice, String createdBy) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into national_election (code, congress_name, total_seats, unit_count, deadline,
                            progress_check_on, requirements, created_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(notice.code(), notice.congressName(), notice.totalSeats(), notice.unitCount(),
                        notice.deadline(), notice.progressCheckOn(), notice.requirements(), createdBy)
                .update(key, "id");
        return key.getKey().longValue();
    }

    /** The id of the national procedure of this code, if any. */
    public Optional<Long> idOf(String code) {
        return jdbc.sql("select id from national_election where code = ?").param(code).query(Long.class).optional();
    }

    /** The notice of this national procedure. */
    public CongressNotice notice(long id) {
        return jdbc.sql("select code, congress_name, total_seats, unit_count, deadline, progress_check_on, requirements "
                        + "from national_election where id = ?").param(id)
                .query((rs, n) -> new CongressNotice(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
                        rs.getObject(5, java.time.LocalDate.class), rs.getObject(6, java.time.LocalDate.class),
                        rs.getString(7))).single();
    }

    /** Records the process instance that runs the national procedure. */
    public void setProcessInstance(long id, String processInstanceId) {
        jdbc.sql("update national_election set process_instance_id = ? where id = ?").params(processInstanceId, id)
                .update();
    }

    /** The process instance that runs the national procedure, once started. */
    public Optional<String> processInstanceOf(long id) {
        return jdbc.sql("select process_instance_id from national_election where id = ?").param(id)
                .query(String.class).optional();
    }

    /** Stores the allocation as the procedure's next version and returns the version's number (1, 2, …). */
    public int store(long nationalId, SeatAllocation allocation, String enteredBy) {
        int version = jdbc.sql("select coalesce(max(version), 0) + 1 from national_allocation "
                + "where national_election_id = ?").param(nationalId).query(Integer.class).single();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into national_allocation (national_election_id, version, entered_by) values (?, ?, ?)")
                .params(nationalId, version, enteredBy).update(key, "id");
        long allocationId = key.getKey().longValue();
        for (SeatAllocation.Row row : allocation.rows()) {
            jdbc.sql("insert into national_allocation_row (allocation_id, row_number, unit_code, unit_name, seats, "
                            + "women_share, kind) values (?, ?, ?, ?, ?, ?, ?)")
                    .params(allocationId, row.row(), row.code(), row.name(), row.seats(), row.womenShare(),
                            row.kind().name()).update();
        }
        return version;
    }

    /** The allocation in force (the latest version), if one is stored. */
    public Optional<SeatAllocation> allocation(long nationalId) {
        List<SeatAllocation.Row> rows = jdbc.sql("""
                        select r.row_number, r.unit_code, r.unit_name, r.seats, r.women_share, r.kind
                        from national_allocation_row r join national_allocation a on a.id = r.allocation_id
                        where a.national_election_id = ? and a.version = (select max(version) from national_allocation
                            where national_election_id = ?)
                        order by r.row_number""")
                .params(nationalId, nationalId)
                .query((rs, n) -> new SeatAllocation.Row(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getBigDecimal(5), SeatAllocation.Kind.valueOf(rs.getString(6)))).list();
        return rows.isEmpty() ? Optional.empty() : Optional.of(new SeatAllocation(rows));
    }

    /**
     * Every electoral unit of the allocations in force (each national procedure's latest version), by code, in the
     * order of the newest procedure's allocation, then of older ones for units it does not list.
     */
    public Map<String, SeatAllocation.Row> unitsInForce() {
        Map<String, SeatAllocation.Row> units = new LinkedHashMap<>();
        jdbc.sql("""
                        select r.row_number, r.unit_code, r.unit_name, r.seats, r.women_share, r.kind
                        from national_allocation_row r join national_allocation a on a.id = r.allocation_id
                        where a.version = (select max(l.version) from national_allocation l
                            where l.national_election_id = a.national_election_id)
                        order by a.national_election_id desc, r.row_number""")
                .query((rs, n) -> new SeatAllocation.Row(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getBigDecimal(5), SeatAllocation.Kind.valueOf(rs.getString(6)))).list()
                .forEach(row -> units.putIfAbsent(row.code(), row));
        return units;
    }

    /**
     * A delegate found invalid.
     *
     * @param candidateId the delegate's registry id
     * @param reason      why, as the committee wrote it
     * @param foundBy     the committee's member who recorded it
     */
    public record Finding(String candidateId, String reason, String foundBy) {
    }

    /** Records the findings of one election's delegates; each delegate once ({@code unique}). */
    public void record(long electionId, List<Finding> findings) {
        for (Finding finding : findings) {
            jdbc.sql("insert into credential_finding (election_id, candidate_id, reason, found_by) values (?, ?, ?, ?)")
                    .params(electionId, finding.candidateId(), finding.reason(), finding.foundBy()).update();
        }
    }

    /** The delegates of an election found invalid, in the order recorded. */
    public List<Finding> findings(long electionId) {
        return jdbc.sql("select candidate_id, reason, found_by from credential_finding where election_id = ? order by id")
                .param(electionId)
                .query((rs, n) -> new Finding(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }
}
