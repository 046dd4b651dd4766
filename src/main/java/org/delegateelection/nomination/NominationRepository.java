package org.delegateelection.nomination;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Branch recommendation tallies per recommending unit (step 5), table {@code nomination_participation}. */
@Repository
public class NominationRepository {

    private final JdbcClient jdbc;

    public NominationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores (or replaces) a unit's tally. */
    public void save(long electionId, String unitCode, int branchesTotal, int branchesRecommending, int membersTotal,
            int membersParticipating) {
        jdbc.sql("delete from nomination_participation where election_id = ? and unit_code = ?")
                .params(electionId, unitCode).update();
        jdbc.sql("""
                        insert into nomination_participation (election_id, unit_code, branches_total,
                            branches_recommending, members_total, members_participating) values (?, ?, ?, ?, ?, ?)""")
                .params(electionId, unitCode, branchesTotal, branchesRecommending, membersTotal, membersParticipating)
                .update();
    }

    /** A unit's tally, if reported. */
    public Optional<Participation> find(long electionId, String unitCode) {
        return jdbc.sql("""
                        select branches_total, branches_recommending, members_total, members_participating
                        from nomination_participation where election_id = ? and unit_code = ?""")
                .params(electionId, unitCode)
                .query((rs, n) -> new Participation(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)))
                .optional();
    }
}
