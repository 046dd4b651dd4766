package org.delegateelection.quota;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every quota report produced at a gateway, as JSON, in table {@code quota_report}; the newest is the current one. */
@Repository
public class QuotaReportRepository {

    private final JdbcClient jdbc;

    public QuotaReportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores a report.
     *
     * @param checkpoint the checkpoint, with the recommending unit's code after a colon for the checks of stage 2
     *                   (e.g. "unitNominees:city01")
     * @param json       the report as JSON
     */
    public void save(long electionId, String checkpoint, boolean passed, String json) {
        jdbc.sql("insert into quota_report (election_id, checkpoint, passed, report) values (?, ?, ?, ?)")
                .params(electionId, checkpoint, passed, json)
                .update();
    }

    /**
     * The JSON of the newest report of the election, if any, as {@link QuotaReport#toJson()} writes it now (with its
     * title, also when it was stored before reports carried one).
     */
    public Optional<String> latest(long electionId) {
        return jdbc.sql("select report from quota_report where election_id = ? order by id desc fetch first 1 rows only")
                .param(electionId).query(String.class).optional().map(json -> QuotaReport.fromJson(json).toJson());
    }

    /** The id of the newest report of one checkpoint, if any: what a task shows, recorded with the task. */
    public Optional<Long> latestId(long electionId, String checkpoint) {
        return jdbc.sql("""
                        select id from quota_report where election_id = ? and checkpoint = ?
                        order by id desc fetch first 1 rows only""")
                .params(electionId, checkpoint).query(Long.class).optional();
    }

    /** True when a report was stored at the checkpoint (for any recommending unit, at the checks of stage 2). */
    public boolean anyAt(long electionId, Checkpoint checkpoint) {
        return jdbc.sql("""
                        select count(*) from quota_report
                        where election_id = ? and (checkpoint = ? or checkpoint like ?)""")
                .params(electionId, checkpoint.id(), checkpoint.id() + ":%").query(Long.class).single() > 0;
    }

    /** The JSON of the newest report of one checkpoint, if any. */
    public Optional<String> latest(long electionId, String checkpoint) {
        return jdbc.sql("""
                        select report from quota_report where election_id = ? and checkpoint = ?
                        order by id desc fetch first 1 rows only""")
                .params(electionId, checkpoint).query(String.class).optional();
    }
}
