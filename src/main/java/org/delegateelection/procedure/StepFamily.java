package org.delegateelection.procedure;

/**
 * The kinds of decision a step takes, each validated and recorded by one rule of the process glue; the catalogue
 * ({@link Steps}) names each step's family.
 */
public enum StepFamily {
    /** A record of work done: the date it was done ({@code completedOn}, not in the future) and a note. */
    RECORD,
    /** Figures registered for the election: the allocation (step 1), the plan's unit quotas (step 2), the branches' tally (step 5). */
    FIGURES,
    /** A body approves or sends back, gives its opinion or decides on another round, with its reasons. */
    APPROVAL,
    /** A body decides a list of people out of the list before it (or, for a recommending unit, out of its own people). */
    LIST,
    /** A secret ballot: the attendance and the ballots of one round (steps 20 and 23, the preliminary round). */
    TALLY,
    /** A report against a candidate or an objection during the public notice is verified: confirmed or not, and the finding. */
    VERIFICATION,
    /** A correction (纠错) of a person on the printed ballot is reviewed: carried out or not, and the finding. */
    CORRECTION,
    /**
     * A task of the national procedure ({@code national-election}): the allocation of the seats, a reminder to a unit
     * behind its plan, the credentials of several units confirmed at once.
     */
    NATIONAL
}
