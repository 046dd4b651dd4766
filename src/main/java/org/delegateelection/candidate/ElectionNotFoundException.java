package org.delegateelection.candidate;

/** The election named in a request does not exist; the REST API answers 404. */
public class ElectionNotFoundException extends RuntimeException {

    /** For the election with the given database id. */
    public ElectionNotFoundException(long electionId) {
        super("选举 " + electionId + " 不存在");
    }
}
