package org.delegateelection.process;

import org.delegateelection.procedure.StepFamily;

/**
 * How the steps of one family ({@link StepFamily}, as the catalogue assigns them) are validated and recorded when
 * their task is completed. A bad or missing value throws
 * {@link org.delegateelection.system.InvalidInputException} naming the field; the engine then rolls the completion
 * back.
 */
interface StepRule {

    /** The family whose steps this rule decides. */
    StepFamily family();

    /** Validates the completion's values and records its decision. */
    void decide(Completion completion);
}
