package org.delegateelection.integrity;

import java.util.Optional;

/**
 * Reads the stored content of the records of one kind as canonical text, the same way when a record is chained and
 * whenever the chain is checked again: any change of a stored row changes the text.
 */
public interface RecordContent {

    /** The kind of records this reads. */
    RecordKind kind();

    /**
     * The record's content as stored now.
     *
     * @param reference the record's reference within the election (see {@link RecordKind})
     * @return empty when the record no longer exists
     */
    Optional<String> content(long electionId, String reference);
}
