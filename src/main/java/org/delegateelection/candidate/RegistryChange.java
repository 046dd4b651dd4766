package org.delegateelection.candidate;

import java.time.LocalDateTime;
import java.util.List;

/**
 * One change of the candidate registry as the audit trail shows it (who changed which person, when, old and new
 * values), read from the append-only tables {@code candidate_change} and {@code candidate_version}.
 *
 * @param changedAt   when (the database's time)
 * @param changedBy   the user id; "system" for the application itself
 * @param candidateId the person
 * @param name        the person's name in this change's version (for a status change, the current name)
 * @param kind        CREATED, UPDATED (a new version of the data) or STATUS
 * @param version     the version the change made; {@code null} for a status change
 * @param reason      why the data changed, as given; {@code null} when none was needed
 * @param status      the new status of a status change; otherwise {@code null}
 * @param fields      the fields an update changed, with the values before and after; empty otherwise
 */
public record RegistryChange(LocalDateTime changedAt, String changedBy, String candidateId, String name, String kind,
        Integer version, String reason, String status, List<FieldChange> fields) {

    /**
     * A field changed by an update.
     *
     * @param field  the field's name as in the import files, e.g. "gender"
     * @param label  its Chinese column header, e.g. "性别"
     * @param before the value before, as text
     * @param after  the value after, as text
     */
    public record FieldChange(String field, String label, String before, String after) {
    }
}
