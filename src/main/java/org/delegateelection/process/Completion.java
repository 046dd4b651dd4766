package org.delegateelection.process;

import static org.delegateelection.system.InputValues.strings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.delegateelection.candidate.Candidate;
import org.delegateelection.candidate.CandidateRepository;
import org.delegateelection.candidate.CandidateStatus;
import org.delegateelection.procedure.Step;
import org.delegateelection.system.InvalidInputException;

/**
 * One task completion as a {@link StepRule} sees it: the task, its step in the catalogue, its election, the values
 * submitted, and the registry as this completion reads it ({@link RegistryReads}: each list, the registry and each
 * person read once).
 */
final class Completion {

    private final DelegateTask task;
    private final Step step;
    private final CandidateRepository candidates;
    private RegistryReads reads;

    Completion(DelegateTask task, Step step, CandidateRepository candidates) {
        this.task = task;
        this.step = step;
        this.candidates = candidates;
    }

    DelegateTask task() {
        return task;
    }

    Step step() {
        return step;
    }

    /** The election of a unit's task; a task of the national procedure has none. */
    long electionId() {
        return ProcessVariables.electionId(task);
    }

    /** The recommending unit of a step of {@code unit-nomination}, else {@code null}. */
    String unitCode() {
        return (String) task.getVariable(ProcessVariables.UNIT_CODE);
    }

    /** A submitted value (or any variable the task sees), {@code null} when absent. */
    Object value(String name) {
        return task.getVariable(name);
    }

    /** The registry as this completion reads it. */
    RegistryReads reads() {
        if (reads == null) {
            reads = new RegistryReads(candidates, electionId());
        }
        return reads;
    }

    /**
     * The people named by the ids of {@code field}, in the order given: every id in the registry and not removed.
     *
     * @throws InvalidInputException naming {@code field} and the first id that is not
     */
    List<Candidate> people(String field, List<String> ids) {
        Map<String, Candidate> found = reads.findByIds(ids).stream()
                .collect(Collectors.toMap(Candidate::id, Function.identity()));
        List<Candidate> result = new ArrayList<>();
        for (String id : ids) {
            Candidate person = found.get(id);
            if (person == null) {
                throw InvalidInputException.field(field, "人选库中没有编号 " + id);
            }
            if (person.status() == CandidateStatus.REMOVED) {
                throw InvalidInputException.field(field, person.name() + "（" + id + "）已被调整出人选");
            }
            result.add(person);
        }
        return result;
    }

    /**
     * The people a list decision selected ({@code selectedCandidateIds}): at least one, every id in the registry and
     * not removed.
     */
    List<Candidate> selected() {
        List<String> ids = strings("selectedCandidateIds", value("selectedCandidateIds"));
        if (ids.isEmpty()) {
            throw InvalidInputException.field("selectedCandidateIds", "至少选择一人");
        }
        return people("selectedCandidateIds", ids);
    }

    /**
     * A value the gateway after the task routes on stays in the task's scope only, so that a concurrent task of the
     * same kind (two reports verified at once) cannot complete on it.
     */
    void keepForGateway(String key, Object value) {
        DelegateExecution execution = task.getExecution();
        DelegateExecution instance = execution.getProcessInstance();
        if (!execution.getId().equals(instance.getId())) {
            instance.removeVariableLocal(key);
        }
        execution.setVariableLocal(key, value);
    }

    /** Sets a variable of the process instance (what later steps read, e.g. {@code centralReviewReturned}). */
    void setOnInstance(String name, Object value) {
        task.getExecution().getProcessInstance().setVariable(name, value);
    }
}
