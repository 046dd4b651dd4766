package org.delegateelection.security;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import org.delegateelection.ProcessTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The fingerprint the refusal tests compare, on the shared test database (H2 or PostgreSQL): a row added, a value
 * changed or a byte of a binary value changed shows as a difference naming the table; undone, the database compares
 * equal again.
 */
@ProcessTest
class DatabaseDumpTest {

    @Autowired
    private DataSource dataSource;
    @Autowired
    private JdbcClient jdbc;

    @Test
    void aRowAddedAValueChangedOrAByteChangedIsNamedByItsTableAndUndoneComparesEqual() {
        String before = DatabaseDump.of(dataSource);
        assertThat(DatabaseDump.of(dataSource)).isEqualTo(before);
        assertThat(DatabaseDump.tables(before)).isGreaterThan(40);

        jdbc.sql("insert into act_ge_property (name_, value_, rev_) values ('dump-test', 'a', 1)").update();
        String added = DatabaseDump.of(dataSource);
        assertThat(DatabaseDump.difference(before, added)).hasSize(2)
                .allMatch(line -> line.toLowerCase().contains("act_ge_property"));

        jdbc.sql("update act_ge_property set value_ = 'b' where name_ = 'dump-test'").update();
        assertThat(DatabaseDump.difference(added, DatabaseDump.of(dataSource))).hasSize(2)
                .allMatch(line -> line.toLowerCase().contains("act_ge_property"));

        jdbc.sql("delete from act_ge_property where name_ = 'dump-test'").update();
        assertThat(DatabaseDump.difference(before, DatabaseDump.of(dataSource))).isEmpty();

        jdbc.sql("insert into act_ge_bytearray (id_, rev_, name_, bytes_) values ('dump-test', 1, 'dump-test', ?)")
                .param(new byte[] {1, 2, 3}).update();
        String binary = DatabaseDump.of(dataSource);
        jdbc.sql("update act_ge_bytearray set bytes_ = ? where id_ = 'dump-test'").param(new byte[] {1, 2, 4})
                .update();
        assertThat(DatabaseDump.difference(binary, DatabaseDump.of(dataSource))).hasSize(2)
                .allMatch(line -> line.toLowerCase().contains("act_ge_bytearray"));
        jdbc.sql("delete from act_ge_bytearray where id_ = 'dump-test'").update();
        assertThat(DatabaseDump.difference(before, DatabaseDump.of(dataSource))).isEmpty();
    }
}
