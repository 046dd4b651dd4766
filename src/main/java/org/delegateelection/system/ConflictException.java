package org.delegateelection.system;

/**
 * A request the state of the election does not allow (the election is closed, the ballot is printed, a correction of
 * the same field is waiting); the REST API and the engine's REST API answer 409 with the message. Nothing is changed.
 */
public class ConflictException extends RuntimeException {

    /** The message for a person, in Chinese. */
    public ConflictException(String message) {
        super(message);
    }
}
