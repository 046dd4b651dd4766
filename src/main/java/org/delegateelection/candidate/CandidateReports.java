package org.delegateelection.candidate;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Reports against a candidate (信访举报) and objections raised during the public notice (公示期间反映的问题), with
 * the finding of their verification; table {@code candidate_report}.
 */
@Repository
public class CandidateReports {

    /** Where a report came from. */
    public enum Kind {
        /** A report at any time from stage 2 to stage 6. */
        REPORT,
        /** An objection during the public notice of step 18. */
        OBJECTION
    }

    private final JdbcClient jdbc;

    public CandidateReports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a report as received and returns its id. */
    public long receive(long electionId, String candidateId, Kind kind, String report) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into candidate_report (election_id, candidate_id, kind, report) values (?, ?, ?, ?)")
                .params(electionId, candidateId, kind.name(), report)
                .update(key, "id");
        return key.getKey().longValue();
    }

    /**
     * A report as stored.
     *
     * @param id          its id
     * @param candidateId the person reported
     * @param kind        REPORT or OBJECTION
     * @param report      what was reported, as received
     * @param confirmed   the verification's outcome, {@code null} while it is open
     * @param finding     the verification's finding, {@code null} while it is open
     */
    public record Entry(long id, String candidateId, Kind kind, String report, Boolean confirmed, String finding) {
    }

    /** Every report and objection of the election, oldest first. */
    public List<Entry> findAll(long electionId) {
        return jdbc.sql("select id, candidate_id, kind, report, confirmed, finding from candidate_report "
                        + "where election_id = ? order by id")
                .param(electionId).query(Entry.class).list();
    }

    /**
     * One report by its id.
     *
     * @throws org.springframework.dao.EmptyResultDataAccessException when there is none
     */
    public Entry get(long reportId) {
        return jdbc.sql("select id, candidate_id, kind, report, confirmed, finding from candidate_report where id = ?")
                .param(reportId).query(Entry.class).single();
    }

    /** Records the outcome of the verification. */
    public void recordFinding(long reportId, boolean confirmed, String finding) {
        jdbc.sql("update candidate_report set confirmed = ?, finding = ? where id = ?")
                .params(confirmed, finding, reportId)
                .update();
    }
}
