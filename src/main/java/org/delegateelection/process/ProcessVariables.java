package org.delegateelection.process;

import java.util.Map;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.plugin.variable.SpinValues;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.delegateelection.election.ElectionUnit;
import org.delegateelection.system.InputValues;

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

    /**
     * Integer: the consultation rounds of the recommendation (三上三下), set at registration (1) and in the plan
     * (step 2); passed into each {@code unit-nomination}.
     */
    public static final String CONSULTATION_ROUNDS = "consultationRounds";
    /**
     * Number: the consultation round under way in a {@code unit-nomination}, 1 at its start, one more each time the
     * unit's list goes down (the gateway of the loop compares it with {@link #CONSULTATION_ROUNDS}); a copy of what
     * the tallies and lists stored say ({@code NominationRepository#roundUnderWay}).
     */
    public static final String CONSULTATION_ROUND = "consultationRound";

    /** Json: the recommending units with their quotas, [{code, name, quota}], shown at steps 2 and 3. */
    public static final String UNIT_QUOTA_TABLE = "unitQuotaTable";

    private ProcessVariables() {
    }

    /** The rows of {@link #UNIT_QUOTA_TABLE} for an election as it stands. */
    static JsonValue unitQuotaTable(ElectionUnit unit) {
        return SpinValues.jsonValue(InputValues.toJson(unit.recommendingUnits().stream()
                .map(ru -> Map.of("code", ru.code(), "name", ru.name(), "quota", ru.nomineeQuota())).toList()))
                .create();
    }

    /** The election's id, as the execution or task sees it. */
    public static long electionId(VariableScope scope) {
        return ((Number) scope.getVariable(ELECTION_ID)).longValue();
    }
}
