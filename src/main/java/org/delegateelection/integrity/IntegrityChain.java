package org.delegateelection.integrity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tamper-evident chain of an election's records (table {@code integrity_record}, append-only): each decided list,
 * quota report, counted round and decided correction gets the SHA-256 (FIPS 180-4) of the previous record's hash, its
 * kind, its reference and its content as stored ({@link RecordContent}). Checking the chain recomputes every hash from
 * the stored rows: a row changed, added or deleted behind the application's back breaks the chain at its record.
 */
@Repository
public class IntegrityChain {

    private final JdbcClient jdbc;
    private final ObjectProvider<RecordContent> readers;
    private volatile Map<RecordKind, RecordContent> contents;

    /**
     * With the readers of every kind's content, looked up on first use: the repositories that write the records read
     * their content too, and append to the chain.
     */
    public IntegrityChain(JdbcClient jdbc, ObjectProvider<RecordContent> readers) {
        this.jdbc = jdbc;
        this.readers = readers;
    }

    private RecordContent reader(RecordKind kind) {
        if (contents == null) {
            Map<RecordKind, RecordContent> byKind = new EnumMap<>(RecordKind.class);
            readers.forEach(reader -> byKind.put(reader.kind(), reader));
            contents = byKind;
        }
        return contents.get(kind);
    }

    /**
     * Chains a record just stored in the caller's transaction. Records of one election are chained one at a time:
     * the election's row is locked until the transaction ends.
     *
     * @throws IllegalStateException when the record does not exist
     */
    @Transactional
    public void append(long electionId, RecordKind kind, String reference) {
        jdbc.sql("select id from election where id = ? for update").param(electionId).query(Long.class).single();
        Optional<Link> last = jdbc.sql("select seq, hash from integrity_record where election_id = ? "
                        + "order by seq desc fetch first 1 rows only")
                .param(electionId).query((rs, n) -> new Link(rs.getInt(1), rs.getString(2))).optional();
        String content = reader(kind).content(electionId, reference)
                .orElseThrow(() -> new IllegalStateException("no " + kind + " " + reference));
        jdbc.sql("insert into integrity_record (election_id, seq, kind, ref, hash) values (?, ?, ?, ?, ?)")
                .params(electionId, last.map(Link::seq).orElse(0) + 1, kind.name(), reference,
                        hash(last.map(Link::hash).orElse(""), kind, reference, content))
                .update();
    }

    /**
     * Recomputes the election's chain from the stored rows.
     *
     * @return the number of records and the first one that does not match, if any
     */
    public IntegrityReport verify(long electionId) {
        List<Stored> records = jdbc.sql("select seq, kind, ref, hash, recorded_at from integrity_record "
                        + "where election_id = ? order by seq")
                .param(electionId)
                .query((rs, n) -> new Stored(rs.getInt(1), RecordKind.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getObject(5, LocalDateTime.class)))
                .list();
        String previous = "";
        for (int i = 0; i < records.size(); i++) {
            Stored record = records.get(i);
            String problem = null;
            if (record.seq() != i + 1) {
                problem = "第 " + (i + 1) + " 条记录缺失";
            } else {
                Optional<String> content = reader(record.kind()).content(electionId, record.reference());
                if (content.isEmpty()) {
                    problem = "记录已不存在";
                } else if (!hash(previous, record.kind(), record.reference(), content.get()).equals(record.hash())) {
                    problem = "内容与记录时的校验值不一致，已被改动";
                }
            }
            if (problem != null) {
                return new IntegrityReport(electionId, records.size(), false, null, new IntegrityReport.Broken(record.seq(),
                        record.kind(), record.kind().label(), record.reference(), record.recordedAt(), problem));
            }
            previous = record.hash();
        }
        return new IntegrityReport(electionId, records.size(), true, records.isEmpty() ? null : previous, null);
    }

    /** Hex SHA-256 of the previous hash, kind, reference and content, one per line. */
    static String hash(String previous, RecordKind kind, String reference, String content) {
        return sha256(String.join("\n", previous, kind.name(), reference, content));
    }

    /** The SHA-256 of a text in UTF-8, as 64 lower-case hex digits. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private record Link(int seq, String hash) {
    }

    private record Stored(int seq, RecordKind kind, String reference, String hash, LocalDateTime recordedAt) {
    }
}
