package org.delegateelection.election;

/** No election with the given id; the REST API answers 404. */
public class ElectionNotFoundException extends RuntimeException {

    public ElectionNotFoundException(long id) {
        super("选举 " + id + " 不存在");
    }
}
