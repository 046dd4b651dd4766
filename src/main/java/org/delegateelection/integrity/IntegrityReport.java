package org.delegateelection.integrity;

import java.time.LocalDateTime;

/**
 * The state of an election's chain of records, as {@code GET /api/elections/{id}/integrity} gives it.
 *
 * @param electionId the election
 * @param records    how many records the chain holds
 * @param intact     true when every record matches its hash and follows the one before
 * @param head       the hash of the last record when the chain is intact (64 hex digits; written down, e.g. in a
 *                   body's minutes, it shows later that nothing before was rewritten); {@code null} otherwise
 * @param firstBroken the first record that does not match; {@code null} when the chain is intact
 */
public record IntegrityReport(long electionId, int records, boolean intact, String head, Broken firstBroken) {

    /**
     * A record that does not match.
     *
     * @param seq        its place in the chain, from 1
     * @param kind       its kind
     * @param kindLabel  the kind in Chinese
     * @param reference  its reference within the election (see {@link RecordKind})
     * @param recordedAt when it was chained (the database's time)
     * @param problem    what is wrong, in Chinese
     */
    public record Broken(int seq, RecordKind kind, String kindLabel, String reference, LocalDateTime recordedAt,
            String problem) {
    }
}
