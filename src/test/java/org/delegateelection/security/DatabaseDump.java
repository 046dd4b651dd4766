package org.delegateelection.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.sql.DataSource;

/**
 * Test support: a fingerprint of every table of the application and the engine — its name, its number of rows and
 * the sum of a hash of each row (order-independent, each row counted as often as it occurs) — to assert that a
 * refused request left the database as it was, and to name the tables it changed when it did not. On PostgreSQL the
 * hash is of the row's version, its place and the transaction that wrote it ({@code ctid}, {@code xmin}), summed by
 * the server: every committed insert, update (even to the same values) and delete makes or removes a version, so
 * any write shows, without reading the rows' content. On H2, which has no row versions, the rows are read and each
 * is hashed here (the SHA-256 of its values' text, binary values by their bytes). Works on H2 and PostgreSQL (the
 * current schema).
 */
public final class DatabaseDump {

    /**
     * Left out: the engine's metrics, which its reporter writes on its own schedule (every 15 minutes), not because
     * of a request.
     */
    private static final Set<String> SKIPPED = Set.of("act_ru_meter_log", "act_ru_task_meter_log");

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
        MessageDigest digest = sha256();
        try (ResultSet rs = statement.executeQuery("select * from \"" + table + "\"")) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int c = 1; c <= columns; c++) {
                    digest.update(bytes(rs.getObject(c)));
                    digest.update((byte) 0);
                }
                sum += ByteBuffer.wrap(digest.digest()).getLong();
                rows++;
            }
        }
        return "rows " + rows + ", hash " + Long.toUnsignedString(sum);
    }

    /** A value's content: the bytes of binary and large values, not the handle the driver gives them. */
    private static byte[] bytes(Object value) throws SQLException {
        if (value instanceof Blob blob) {
            return blob.getBytes(1, (int) blob.length());
        }
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        String text = value instanceof Clob clob ? clob.getSubString(1, (int) clob.length()) : String.valueOf(value);
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
