package org.delegateelection.candidate;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.delegateelection.candidate.CandidateImport.Format;
import org.delegateelection.election.ElectionRepository;
import org.delegateelection.integrity.IntegrityChain;
import org.delegateelection.integrity.RecordContent;
import org.delegateelection.integrity.RecordKind;
import org.delegateelection.system.ConflictException;
import org.delegateelection.system.InputValues;
import org.delegateelection.system.InvalidInputException;
import org.delegateelection.system.NotFoundException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Corrections (纠错) of people on the printed ballot (table {@code correction}): once the Central Organization
 * Department has approved the ballot (step 21), a person's data change only through a correction with its reason,
 * reviewed by the organization department. A correction carried out makes a new version of the person and records
 * every list in force the person is on again, as carried out by the correction; each decided correction is chained
 * in the election's {@link IntegrityChain}. While a correction waits, no other correction of the same field of the
 * same person is taken.
 */
@Repository
public class Corrections implements RecordContent {

    /** The most characters of a correction's reason and of the review's finding. */
    public static final int MAX_TEXT = 500;

    private final JdbcClient jdbc;
    private final CandidateRepository candidates;
    private final ElectionRepository elections;
    private final IntegrityChain chain;

    public Corrections(JdbcClient jdbc, CandidateRepository candidates, ElectionRepository elections,
            IntegrityChain chain) {
        this.jdbc = jdbc;
        this.candidates = candidates;
        this.elections = elections;
        this.chain = chain;
    }

    /**
     * A correction as requested and, once reviewed, decided.
     *
     * @param id          its id
     * @param candidateId the person corrected
     * @param name        the person's name before the correction
     * @param reason      why, as the request gives it
     * @param fields      each field it changes with the value before and after
     * @param requestedBy who asked for it
     * @param requestedAt when (the database's time)
     * @param approved    {@code null} while it waits; then true (carried out) or false (rejected)
     * @param finding     the review's finding; {@code null} while it waits
     * @param decidedBy   who reviewed it; {@code null} while it waits
     */
    public record Correction(long id, String candidateId, String name, String reason,
            List<RegistryChange.FieldChange> fields, String requestedBy, LocalDateTime requestedAt, Boolean approved,
            String finding, String decidedBy) {
    }

    /** What is stored of a request: the fields changed, and the person as corrected. */
    private record Changes(String name, List<RegistryChange.FieldChange> fields, Candidate corrected) {
    }

    /**
     * Takes a correction of a person on the printed ballot: the person's data with {@code changes} applied (field
     * names or Chinese column headers as in the import files, values as written there) are checked as an import
     * checks a row, and stored to wait for the review.
     *
     * @param changes field → new value
     * @return the correction, waiting
     * @throws InvalidInputException naming {@code candidateId} (not in the registry, or not on the printed ballot:
     *                               change the person by an import with a reason), {@code reason} (blank or too
     *                               long), {@code changes} (empty, an unknown field or {@code id}, nothing
     *                               changed), or the field whose new value is refused; nothing stored
     * @throws ConflictException     when the election is closed, or a correction of one of the fields of this
     *                               person waits already; nothing stored
     */
    @Transactional
    public Correction request(long electionId, String candidateId, String reason, Map<String, String> changes,
            CandidateImport reader, String requestedBy) {
        elections.requireOpen(electionId);
        Candidate person = candidates.findByIds(electionId, candidateId == null ? List.of() : List.of(candidateId))
                .stream().findFirst()
                .orElseThrow(() -> InvalidInputException.field("candidateId", "人选库中没有编号 " + candidateId));
        if (!candidates.listsInForce(electionId, List.of(person.id())).getOrDefault(person.id(), List.of())
                .contains(CandidateList.BALLOT)) {
            throw InvalidInputException.field("candidateId", person.name() + "（" + person.id() + "）不在已印制的选票上，"
                    + "修改其信息请通过导入人选库并说明理由");
        }
        String why = InputValues.text("reason", reason, MAX_TEXT);
        Candidate corrected = corrected(person, changes, reader);
        List<RegistryChange.FieldChange> fields = CandidateColumn.differences(person, corrected);
        if (fields.isEmpty()) {
            throw InvalidInputException.field("changes", "纠错内容与人选库中的信息相同，没有需要更正的内容");
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into correction (election_id, candidate_id, reason, changes, requested_by) "
                        + "values (?, ?, ?, ?, ?)")
                .params(electionId, person.id(), why, InputValues.toJson(new Changes(person.name(), fields,
                        corrected)), requestedBy)
                .update(key, "id");
        long id = key.getKey().longValue();
        for (RegistryChange.FieldChange field : fields) {
            try {
                jdbc.sql("insert into correction_open_field (election_id, candidate_id, field, correction_id) "
                                + "values (?, ?, ?, ?)")
                        .params(electionId, person.id(), field.field(), id).update();
            } catch (DuplicateKeyException e) {
                throw new ConflictException(person.name() + "（" + person.id() + "）的“" + field.label()
                        + "”已有待审核的纠错申请，请待其审核完毕后再提出");
            }
        }
        return get(electionId, id);
    }

    /** The person with the changes applied, checked as a row of an import file. */
    private static Candidate corrected(Candidate person, Map<String, String> changes, CandidateImport reader) {
        if (changes == null || changes.isEmpty()) {
            throw InvalidInputException.field("changes", "请写明需要更正的字段和更正后的值");
        }
        Map<String, String> row = new LinkedHashMap<>();
        for (CandidateColumn column : CandidateColumn.values()) {
            row.put(column.english(), column.textOf(person));
        }
        changes.forEach((name, value) -> {
            CandidateColumn column = CandidateColumn.named(name);
            if (column == null || column == CandidateColumn.ID) {
                throw InvalidInputException.field("changes", "“" + name + "”不是可以更正的字段");
            }
            row.put(column.english(), value);
        });
        return reader.read(Format.JSON, InputValues.toJson(List.of(row)).getBytes(StandardCharsets.UTF_8)).get(0);
    }

    /**
     * Records the review of a waiting correction. Carried out, the person gets the corrected data as a new version
     * with the reason, and every list in force the person is on is recorded again with it.
     *
     * @return the lists recorded again (empty for a rejected correction), in the order of {@link CandidateList}
     * @throws InvalidInputException naming {@code finding} when it is blank or too long
     * @throws ConflictException     when the election is closed or the correction was decided already
     * @throws NotFoundException     for an unknown correction
     */
    @Transactional
    public List<CandidateList> decide(long electionId, long correctionId, boolean approved, String finding,
            String decidedBy) {
        elections.requireOpen(electionId);
        Correction correction = get(electionId, correctionId);
        String text = InputValues.text("finding", finding, MAX_TEXT);
        if (jdbc.sql("update correction set approved = ?, finding = ?, decided_by = ?, decided_at = current_timestamp "
                        + "where id = ? and approved is null")
                .params(approved, text, decidedBy, correctionId).update() == 0) {
            throw new ConflictException("纠错申请 " + correctionId + " 已审核完毕");
        }
        jdbc.sql("delete from correction_open_field where correction_id = ?").param(correctionId).update();
        List<CandidateList> lists = List.of();
        if (approved) {
            candidates.correct(electionId, stored(correctionId).corrected(), "纠错：" + correction.reason(), decidedBy);
            lists = candidates.recordCorrected(electionId, correction.candidateId(), correctionId, decidedBy);
        }
        chain.append(electionId, RecordKind.CORRECTION, Long.toString(correctionId));
        return lists;
    }

    /**
     * A correction of the election.
     *
     * @throws NotFoundException for an unknown correction
     */
    public Correction get(long electionId, long correctionId) {
        return find(electionId, "and id = ?", correctionId).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("纠错申请 " + correctionId + " 不存在"));
    }

    /** Every correction of the election, oldest first. */
    public List<Correction> all(long electionId) {
        return find(electionId, "", null);
    }

    private List<Correction> find(long electionId, String condition, Long id) {
        JdbcClient.StatementSpec sql = jdbc.sql("select id, candidate_id, reason, changes, requested_by, requested_at, "
                + "approved, finding, decided_by from correction where election_id = ? " + condition + " order by id")
                .param(electionId);
        return (id == null ? sql : sql.param(id)).query((rs, n) -> {
            Changes changes = InputValues.json("changes", rs.getString(4), Changes.class);
            return new Correction(rs.getLong(1), rs.getString(2), changes.name(), rs.getString(3), changes.fields(),
                    rs.getString(5), rs.getObject(6, LocalDateTime.class), (Boolean) rs.getObject(7, Boolean.class),
                    rs.getString(8), rs.getString(9));
        }).list();
    }

    private Changes stored(long correctionId) {
        return InputValues.json("changes", jdbc.sql("select changes from correction where id = ?").param(correctionId)
                .query(String.class).single(), Changes.class);
    }

    @Override
    public RecordKind kind() {
        return RecordKind.CORRECTION;
    }

    /** A decided correction as text: the person, the reason, the changes as stored, the request and the review. */
    @Override
    public Optional<String> content(long electionId, String reference) {
        return jdbc.sql("select candidate_id, reason, changes, requested_by, approved, finding, decided_by "
                        + "from correction where election_id = ? and id = ?")
                .params(electionId, Long.parseLong(reference))
                .query((rs, n) -> String.join("\n", rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), String.valueOf(rs.getObject(5)), rs.getString(6), rs.getString(7)))
                .optional();
    }
}
