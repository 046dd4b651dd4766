package org.delegateelection.security;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import javax.sql.DataSource;

/**
 * Test support: a fingerprint of every table of the application and the engine — its name, its number of rows and
 * the sum of a hash of each row (order-independent, each row counted as often as it occurs) — to assert that a
 * refused request left the database as it was, and to name the tables it changed when it did not. On PostgreSQL the
 * hash is of the row's version, its place and the transaction that wrote it ({@code ctid}, {@code xmin}), summed by
 * the server: every committed insert, update (even to the same values) and delete makes or removes a version, so
 * any write shows, without reading the rows' content. On H2, which has no row versions, the rows are read and each
 * is hashed here (its values' text, binary values by their bytes, as 32-bit hashes combined into 64 bits). Works on
 * H2 and PostgreSQL (the current schema).
 */
public final class DatabaseDump {

    /**
     * Left out: the engine's metrics, which its reporter writes on its own schedule (every 15 minutes), not because
     * of a request.
     */
    private static final Set<String> SKIPPED = Set.of("act_ru_meter_log", "act_ru_task_meter_log");
    private static final Set<Integer> BINARY = Set.of(Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY,
            Types.BLOB);

    private DatabaseDump() {
    }

    /** Every table's fingerprint as a line of text, "## table: rows N, hash H", tables by name. */
    public static String of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            boolean postgres = meta.getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = meta.getTables(connection.getCatalog(), connection.getSchema(), "%",
                    new String[] {"TABLE"})) {
                while (rs.next()) {
                    String table = rs.getString("TABLE_NAME");
                    if (!SKIPPED.contains(table.toLowerCase(Locale.ROOT))) {
                        tables.add(table);
                    }
                }
            }
            Collections.sort(tables);
            StringBuilder dump = new StringBuilder();
            try (Statement statement = connection.createStatement()) {
                for (String table : tables) {
                    dump.append("## ").append(table).append(": ")
                            .append(postgres ? hashedByPostgres(statement, table) : hashedHere(statement, table))
                            .append('\n');
                }
            }
            return dump.toString();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tables whose fingerprint differs, "-" before and "+" after; empty when the two dumps are equal. */
    public static List<String> difference(String before, String after) {
        if (before.equals(after)) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        Set<String> old = Set.copyOf(before.lines().toList());
        Set<String> now = Set.copyOf(after.lines().toList());
        before.lines().filter(line -> !now.contains(line)).forEach(line -> lines.add("- " + line));
        after.lines().filter(line -> !old.contains(line)).forEach(line -> lines.add("+ " + line));
        return lines;
    }

    /** How many tables a dump holds. */
    public static long tables(String dump) {
        return dump.lines().filter(line -> line.startsWith("## ")).count();
    }

    private static String hashedByPostgres(Statement statement, String table) throws SQLException {
        try (ResultSet rs = statement.executeQuery("select count(*), coalesce(sum(hashtext(ctid::text || ':' || "
                + "xmin::text)::numeric), 0) from \"" + table + "\"")) {
            rs.next();
            return "rows " + rs.getLong(1) + ", hash " + rs.getBigDecimal(2).toPlainString();
        }
    }

    private static String hashedHere(Statement statement, String table) throws SQLException {
        long rows = 0;
        long sum = 0;
        try (ResultSet rs = statement.executeQuery("select * from \"" + table + "\"")) {
            ResultSetMetaData columns = rs.getMetaData();
            boolean[] binary = new boolean[columns.getColumnCount() + 1];
            for (int c = 1; c < binary.length; c++) {
                binary[c] = BINARY.contains(columns.getColumnType(c));
            }
            while (rs.next()) {
                long row = 1;
                for (int c = 1; c < binary.length; c++) {
                    row = row * 1_000_003 + (binary[c] ? Arrays.hashCode(rs.getBytes(c))
                            : Objects.hashCode(rs.getString(c)));
                }
                sum += mixed(row);
                rows++;
            }
        }
        return "rows " + rows + ", hash " + Long.toUnsignedString(sum);
    }

    /** The finalizer of MurmurHash3's 64-bit variant: every bit of the row's hash spread over the 64. */
    private static long mixed(long hash) {
        long h = (hash ^ (hash >>> 33)) * 0xff51afd7ed558ccdL;
        h = (h ^ (h >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }
}
