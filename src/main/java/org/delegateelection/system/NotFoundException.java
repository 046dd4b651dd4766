package org.delegateelection.system;

/** What a request names does not exist (an election, a batch, …); the REST API answers 404 with the message. */
public class NotFoundException extends RuntimeException {

    /** The message for a person, in Chinese. */
    public NotFoundException(String message) {
        super(message);
    }
}
