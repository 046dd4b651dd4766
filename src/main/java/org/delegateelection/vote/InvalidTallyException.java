package org.delegateelection.vote;

import java.util.List;

import org.delegateelection.system.InvalidInputException;
import org.delegateelection.system.Problem;

/**
 * A tally or ballot that cannot be counted: a number missing or negative, numbers that contradict each other, or
 * approvals for someone not on the ballot. Each problem names the field ({@code electorsPresent}, {@code approvals},
 * {@code seats} …) and says in Chinese what is wrong.
 */
public class InvalidTallyException extends InvalidInputException {

    InvalidTallyException(List<Problem> problems) {
        super("计票数据有误", problems);
    }
}
