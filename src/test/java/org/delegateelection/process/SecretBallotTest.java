package org.delegateelection.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.delegateelection.AuditHistoryProcessTest;
import org.delegateelection.EngineClock;
import org.delegateelection.demo.GeneratedBallots;
import org.delegateelection.process.DrivenElections.Election;
import org.delegateelection.system.TableFile;
import org.delegateelection.vote.Ballot;
import org.delegateelection.vote.BallotRounds;
import org.delegateelection.vote.Vote;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Secret ballot (《中国共产党地方组织选举工作条例》 art. 6): what is stored of the ballots can name no elector and keeps
 * no order that could re-identify one — read from the database's own description of the ballot tables, and from the
 * rows stored for the same ballots entered in different orders.
 */
@AuditHistoryProcessTest
class SecretBallotTest {

    /**
     * The tables that hold what is kept of ballots and rounds. By design (decision 0027) two more name a ballot's row
     * within its box: the ballots of a box held for the comparison of two counting teams ({@code ballot_box_reading},
     * deleted once counted, which {@code BallotBoxApiTest} shows) and the ballots the teams read differently
     * ({@code ballot_box_difference}, the record of the count).
     */
    private static final List<String> BALLOT_TABLES = List.of("ballot_batch", "ballot_marks", "tally_round",
            "plenary_round", "ballot_box");

    /** Words of column names (split at "_") that would tie a ballot to a person, or to when or in which order. */
    private static final Set<String> IDENTIFYING = Set.of("elector", "electors", "voter", "user", "member", "person",
            "name", "time", "timestamp", "date", "created", "entered", "updated", "at", "seq", "sequence", "serial",
            "order", "position", "row", "rownum", "line", "index", "no", "number");

    @RegisterExtension
    static final EngineClock CLOCK = EngineClock.at(LocalDateTime.of(2022, 6, 6, 9, 0));

    @Autowired
    private DataSource dataSource;
    @Autowired
    private DrivenElections elections;
    @Autowired
    private BallotRounds ballotRounds;
    @Autowired
    private JdbcClient jdbc;

    @Test
    void ballotTablesHaveNoColumnForAnElectorATimeOrASequence() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            for (String table : BALLOT_TABLES) {
                List<String> columns = new ArrayList<>();
                for (String name : List.of(table, table.toUpperCase(Locale.ROOT))) {
                    try (ResultSet rs = meta.getColumns(null, null, name, null)) {
                        while (rs.next()) {
                            String column = rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT);
                            columns.add(column);
                            assertThat(rs.getString("IS_AUTOINCREMENT")).as(table + "." + column).isNotEqualTo("YES");
                            assertThat(rs.getString("IS_GENERATEDCOLUMN")).as(table + "." + column).isNotEqualTo("YES");
                            assertThat(rs.getString("TYPE_NAME").toLowerCase(Locale.ROOT)).as(table + "." + column)
                                    .doesNotContain("serial", "timestamp", "date", "time");
                            assertThat(rs.getString("COLUMN_DEF")).as(table + "." + column)
                                    .satisfiesAnyOf(def -> assertThat(def).isNull(),
                                            def -> assertThat(def.toLowerCase(Locale.ROOT))
                                                    .doesNotContain("nextval", "identity", "now", "current_"));
                        }
                    }
                }
                assertThat(columns).as(table).isNotEmpty()
                        .noneMatch(column -> Arrays.stream(column.split("_")).anyMatch(IDENTIFYING::contains));
            }
        }
    }

    @Test
    void theSameBallotsInAnyOrderAreStoredAlikeAndOnlyAsCounts() {
        Election election = elections.start("t-secret").advancePastNoticeTo("ballotAndCount");
        Ballot ballot = ballotRounds.nextBallot(election.id, Vote.CONGRESS);
        var tally = election.plan.tally();
        List<List<String>> rows = GeneratedBallots.rows(ballot, tally.approvals(), 776, 4);
        List<List<String>> shuffled = new ArrayList<>(rows.subList(1, rows.size()));
        Collections.shuffle(shuffled, new Random(23));
        shuffled.add(0, rows.get(0));

        String first = ballotRounds.enter(election.id, Vote.CONGRESS, TableFile.Format.CSV, csv(rows)).batchId();
        String second = ballotRounds.enter(election.id, Vote.CONGRESS, TableFile.Format.CSV, csv(shuffled))
                .batchId();

        assertThat(shuffled).isNotEqualTo(rows);
        assertThat(storedMarks(first)).isEqualTo(storedMarks(second)).hasSize(ballot.candidateIds().size());
        assertThat(jdbc.sql("select ballot, ballots_returned, invalid_ballots from ballot_batch where id = ?")
                .param(first).query().singleRow())
                .isEqualTo(jdbc.sql("select ballot, ballots_returned, invalid_ballots from ballot_batch where id = ?")
                        .param(second).query().singleRow());
        assertThat(List.of(UUID.fromString(first), UUID.fromString(second)))
                .allMatch(id -> id.version() == 4);
    }

    /** The stored rows of a batch, without its id, in the database's order of candidate keys. */
    private List<Map<String, Object>> storedMarks(String batchId) {
        return jdbc.sql("select candidate, approvals, disapprovals, abstentions from ballot_marks where batch_id = ? "
                + "order by candidate").param(batchId).query().listOfRows();
    }

    private static byte[] csv(List<List<String>> rows) {
        StringBuilder text = new StringBuilder();
        rows.forEach(row -> text.append(String.join(",", row)).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
