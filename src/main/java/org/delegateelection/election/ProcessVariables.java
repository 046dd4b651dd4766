package org.delegateelection.election;

import org.camunda.bpm.engine.delegate.VariableScope;

/** Names of the process variables that make the contract between the BPMN, the forms and the code. */
public final class ProcessVariables {

    /** Long: the election's database id. */
    public static final String ELECTION_ID = "electionId";
    /** String: the recommending unit's code, in {@code unit-nomination}. */
    public static final String UNIT_CODE = "unitCode";
    /** String (local input parameter of a check): which checkpoint to evaluate. */
    public static final String CHECKPOINT = "checkpoint";
    /** Boolean: whether the last quota check passed. */
    public static final String QUOTA_PASSED = "quotaPassed";
    /** String, JSON: the last quota report. */
    public static final String QUOTA_REPORT = "quotaReport";

    private ProcessVariables() {
    }

    /** The election's id, as the execution or task sees it. */
    public static long electionId(VariableScope scope) {
        return ((Number) scope.getVariable(ELECTION_ID)).longValue();
    }
}
