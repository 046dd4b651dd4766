package org.delegateelection.process;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.delegateelection.election.ElectionRepository;
import org.delegateelection.election.ElectionRequest;
import org.delegateelection.election.ElectionUnit;
import org.delegateelection.election.RecommendingUnit;
import org.delegateelection.system.InputValues;
import org.delegateelection.system.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * Start listener of {@code delegate-election} ({@code ${electionRegistration}}). An election started through
 * {@code POST /api/elections} arrives with its {@code electionId}; one started from Tasklist's start form arrives
 * with the form's fields, which are validated and registered here; the form's {@code electionUnitCode} becomes the
 * business key, since Tasklist's Camunda Form start dialog asks for none. Either way
 * the allocation is put into process variables, where the forms of steps 1 and 2 show it. A closed election is not
 * started again ({@link org.delegateelection.system.ConflictException}, 409 over the engine's REST API).
 */
@Component("electionRegistration")
public class ElectionRegistration implements ExecutionListener {

    private final ElectionService service;
    private final ElectionRepository elections;

    public ElectionRegistration(ElectionService service, ElectionRepository elections) {
        this.service = service;
        this.elections = elections;
    }

    @Override
    public void notify(DelegateExecution execution) {
        Object id = execution.getVariable(ProcessVariables.ELECTION_ID);
        if (id == null && execution.getVariable("electionUnitCode") instanceof String code) {
            execution.setProcessBusinessKey(code);
        }
        long electionId = id == null ? service.register(fromStartForm(execution)) : ((Number) id).longValue();
        elections.requireOpen(electionId);
        ElectionUnit unit = elections.get(electionId);
        if (!unit.code().equals(execution.getProcessBusinessKey())) {
            throw InvalidInputException.field("businessKey", "业务键须为选举单位代码 " + unit.code());
        }
        elections.setProcessInstance(electionId, execution.getProcessInstanceId());
        execution.setVariable(ProcessVariables.ELECTION_ID, electionId);
        execution.setVariable("electionName", unit.name());
        execution.setVariable("seats", unit.seats());
        execution.setVariable("nomineeQuota", unit.nomineeQuota());
        execution.setVariable("minPreliminary", unit.minPreliminary());
        execution.setVariable("minMinorities", unit.minMinorities());
        execution.setVariable("womenMemberSharePercent",
                unit.womenMemberShare().multiply(BigDecimal.valueOf(100)).doubleValue());
        execution.setVariable("leadingCadreTarget", unit.leadingCadreTarget());
        execution.setVariable("frontlineTarget", unit.frontlineTarget());
        execution.setVariable("minWomenNominees", unit.minWomenNominees());
        execution.setVariable("minUnder55Nominees", unit.minUnder55Nominees());
        execution.setVariable("centralReviewReturned", false);
        execution.setVariable("preliminaryElection", unit.preliminaryElection());
        execution.setVariable(ProcessVariables.CONSULTATION_ROUNDS, unit.consultationRounds());
        execution.setVariable(ProcessVariables.UNIT_QUOTA_TABLE, ProcessVariables.unitQuotaTable(unit));
    }

    private static ElectionRequest fromStartForm(DelegateExecution execution) {
        List<RecommendingUnit> units = new ArrayList<>();
        for (List<String> line : InputValues.lines("unitsText", execution.getVariable("unitsText"), 3, 3)) {
            units.add(new RecommendingUnit(line.get(0), line.get(1),
                    InputValues.integer("unitsText", line.get(2), 1, 10_000)));
        }
        Object date = execution.getVariable("ageReferenceDate");
        return new ElectionRequest(execution.getProcessBusinessKey(), (String) execution.getVariable("electionName"),
                whole(execution, "seats"), whole(execution, "nomineeQuota"), whole(execution, "minPreliminary"),
                execution.getVariable("womenMemberSharePercent") == null ? null
                        : InputValues.number("womenMemberSharePercent",
                                execution.getVariable("womenMemberSharePercent")),
                whole(execution, "minMinorities"), whole(execution, "leadingCadreTarget"),
                whole(execution, "frontlineTarget"), whole(execution, "minWomenNominees"),
                whole(execution, "minUnder55Nominees"),
                date == null ? null : LocalDate.parse(date.toString().substring(0, 10)),
                (Boolean) execution.getVariable("centreNomineesInAddition"), units, null,
                flag(execution, "preliminaryElection"));
    }

    private static Boolean flag(DelegateExecution execution, String field) {
        Object value = execution.getVariable(field);
        if (value != null && !(value instanceof Boolean)) {
            throw InvalidInputException.field(field, "须为 true 或 false");
        }
        return (Boolean) value;
    }

    private static Integer whole(DelegateExecution execution, String field) {
        Object value = execution.getVariable(field);
        return value == null ? null : InputValues.integer(field, value, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }
}
