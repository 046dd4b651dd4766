package org.delegateelection.election;

import org.delegateelection.system.NotFoundException;

/** No election with the given id; the REST API answers 404. */
public class ElectionNotFoundException extends NotFoundException {

    public ElectionNotFoundException(long id) {
        super("选举 " + id + " 不存在");
    }
}
