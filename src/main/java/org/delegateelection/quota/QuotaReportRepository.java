package org.delegateelection.quota;

import java.util.Optional;

import org.delegateelection.integrity.IntegrityChain;
import org.delegateelection.integrity.RecordContent;
import org.delegateelection.integrity.RecordKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every quota report produced at a gateway, as JSON, in table {@code quota_report} (append-only, each report chained
 * in the election's {@link IntegrityChain}); the newest is the current one.
 */
@Repository
public class QuotaReportRepository implements RecordContent {

    private final JdbcClient jdbc;
    private final IntegrityChain chain;

    /** Chains each report it stores. */
    public QuotaReportRepository(JdbcClient jdbc, IntegrityChain chain) {
        this.jdbc = jdbc;
        this.chain = chain;
    }

    /**
     * Stores a report.
     *
     * @param checkpoint the checkpoint, with the recommending unit's code after a colon for the checks of stage 2
     *                   (e.g. "unitNominees:city01")
     * @param json       the report as JSON
     */
    @Transactional
    public void save(long electionId, String checkpoint, boolean passed, String json) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into quota_report (election_id, checkpoint, passed, report) values (?, ?, ?, ?)")
                .params(electionId, checkpoint, passed, json)
                .update(key, "id");
        chain.append(electionId, RecordKind.QUOTA_REPORT, key.getKey().toString());
    }

    @Override
    public RecordKind kind() {
        return RecordKind.QUOTA_REPORT;
    }

    /** A report as text: its checkpoint, whether it passed, and its JSON as stored. */
    @Override
    public Optional<String> content(long electionId, String reference) {
        return jdbc.sql("select checkpoint, passed, report from quota_report where election_id = ? and id = ?")
                .params(electionId, Long.parseLong(reference))
                .query((rs, n) -> rs.getString(1) + "\n" + rs.getBoolean(2) + "\n" + rs.getString(3)).optional();
    }

    /**
     * The JSON of the newest report of the election, if any, as {@link QuotaReport#toJson()} writes it now (with its
     * title, also when it was stored before reports carried one).
     */
    public Optional<String> latest(long electionId) {
        return jdbc.sql("select report from quota_report where election_id = ? order by id desc fetch first 1 rows only")
                .param(electionId).query(String.class).optional().map(json -> QuotaReport.fromJson(json).toJson());
    }

    /** True when a report was stored at the checkpoint (for any recommending unit, at the checks of stage 2). */
    public boolean anyAt(long electionId, Checkpoint checkpoint) {
        return jdbc.sql("""
                        select count(*) from quota_report
                        where election_id = ? and (checkpoint = ? or checkpoint like ?)""")
                .params(electionId, checkpoint.id(), checkpoint.id() + ":%").query(Long.class).single() > 0;
    }

    /**
     * The newest report of one checkpoint, if any: what a task shows, its id recorded with the task.
     *
     * @param id   the report's id in {@code quota_report}
     * @param json the report as stored
     */
    public record Stored(long id, String json) {
    }

    /** The newest report of one checkpoint, if any, with its id. */
    public Optional<Stored> latest(long electionId, String checkpoint) {
        return jdbc.sql("""
                        select id, report from quota_report where election_id = ? and checkpoint = ?
                        order by id desc fetch first 1 rows only""")
                .params(electionId, checkpoint).query((rs, n) -> new Stored(rs.getLong(1), rs.getString(2)))
                .optional();
    }
}
