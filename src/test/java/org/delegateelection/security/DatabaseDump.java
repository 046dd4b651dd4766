package org.delegateelection.security;

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
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.sql.DataSource;

/**
 * Test support: every row of every table of the application and the engine, in a deterministic order, as text (binary
 * values as their SHA-256), to assert that a refused request left the database byte for byte as it was. Works on H2
 * and PostgreSQL (the current schema).
 */
public final class DatabaseDump {

    /**
     * Left out: the engine's metrics, which its reporter writes on its own schedule (every 15 minutes), not because
     * of a request.
     */
    private static final Set<String> SKIPPED = Set.of("act_ru_meter_log", "act_ru_task_meter_log");

    private DatabaseDump() {
    }

    /** The whole database as text: tables by name, rows sorted, columns in table order. */
    public static String of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
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
            for (String table : tables) {
                dump.append("## ").append(table).append('\n');
                List<String> rows = new ArrayList<>();
                try (Statement statement = connection.createStatement();
                        ResultSet rs = statement.executeQuery("select * from \"" + table + "\"")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int c = 1; c <= columns; c++) {
                            row.append(text(rs.getObject(c))).append('|');
                        }
                        rows.add(row.toString());
                    }
                }
                Collections.sort(rows);
                rows.forEach(row -> dump.append(row).append('\n'));
            }
            return dump.toString();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rows (with their table) only in one of two dumps, "-" before and "+" after; empty when they are equal. */
    public static List<String> difference(String before, String after) {
        if (before.equals(after)) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        Set<String> old = Set.copyOf(before.lines().toList());
        Set<String> now = Set.copyOf(after.lines().toList());
        before.lines().filter(line -> !now.contains(line)).forEach(line -> lines.add("- " + line));
        after.lines().filter(line -> !old.contains(line)).forEach(line -> lines.add("+ " + line));
        return lines.isEmpty() ? List.of("rows repeated or reordered") : lines;
    }

    /** How many tables a dump holds. */
    public static long tables(String dump) {
        return dump.lines().filter(line -> line.startsWith("## ")).count();
    }

    /** A value as text; the content of binary and large values, not the handle the driver gives them. */
    private static String text(Object value) throws SQLException {
        if (value instanceof Blob blob) {
            return sha256(blob.getBytes(1, (int) blob.length()));
        }
        if (value instanceof Clob clob) {
            return clob.getSubString(1, (int) clob.length());
        }
        return value instanceof byte[] bytes ? sha256(bytes) : String.valueOf(value);
    }

    private static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
