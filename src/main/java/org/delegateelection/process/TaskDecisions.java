package org.delegateelection.process;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.delegateelection.candidate.CandidateRepository;
import org.delegateelection.procedure.Step;
import org.delegateelection.procedure.StepFamily;
import org.delegateelection.procedure.Steps;
import org.delegateelection.system.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * The server side of every task completion: the step's entry in the catalogue ({@link Steps}) names its family, and
 * the family's {@link StepRule} validates the values and records the decision. A bad or missing value throws
 * {@link InvalidInputException} naming the field; the engine then rolls the completion back, so nothing changes.
 * Called by the listeners {@link TaskCompletionPlugin} adds to every user task (task definition keys = activity ids).
 */
@Component
public class TaskDecisions {

    /**
     * The variable of the ballots typed into the form of steps 20 and 23 (CSV text): read once as a batch, never kept
     * ({@link TypedBallotsHistoryPlugin} keeps it out of the history).
     */
    static final String TYPED_BALLOTS = "ballotsText";

    /** Keys a completion sets that would otherwise be seen again by the next task of the same kind. */
    static final List<String> DECISION_KEYS = List.of("approved", "comment", "returnTo", "centreNomineeIds",
            "selectedCandidateIds", "confirmed", "finding", "tally", "partySecretarySigned", "disciplineChiefSigned",
            "opinion", "completedOn", "note", "supportReason", "electorsDueToAttend", "electorsPresent",
            "ballotsIssued", "ballotBatchId", TYPED_BALLOTS, "anotherRound", "unitQuotas", "unitQuotasText", "prospectiveCount",
            "invalidDelegatesText", "allocationText", "reminderNote", "unitCodesText");

    /** The most characters of ballots typed into the form: the engine keeps a text variable of up to 4,000. */
    static final int MAX_TYPED_BALLOTS = 4000;

    private final Map<StepFamily, StepRule> rules = new EnumMap<>(StepFamily.class);
    private final CandidateRepository candidates;

    /**
     * Takes one rule per family.
     *
     * @throws IllegalStateException when a family has no rule, or two
     */
    public TaskDecisions(List<StepRule> rules, CandidateRepository candidates) {
        this.candidates = candidates;
        for (StepRule rule : rules) {
            if (this.rules.put(rule.family(), rule) != null) {
                throw new IllegalStateException("步骤类型 " + rule.family() + " 有两条规则");
            }
        }
        for (StepFamily family : StepFamily.values()) {
            if (!this.rules.containsKey(family)) {
                throw new IllegalStateException("步骤类型 " + family + " 没有规则");
            }
        }
    }

    /** On create: a task starts with no decision, so a completion cannot pass on an earlier task's values. */
    public void clearPrevious(DelegateTask task) {
        DelegateExecution execution = task.getExecution();
        for (String key : DECISION_KEYS) {
            while (execution.hasVariable(key)) {
                execution.removeVariable(key);
            }
        }
    }

    /**
     * On complete: validates the values of the task's step and records the decision, by the rule of the step's
     * family.
     *
     * @throws InvalidInputException naming the field at fault
     * @throws IllegalStateException for a task the catalogue does not know
     */
    public void validateAndRecord(DelegateTask task) {
        String key = task.getTaskDefinitionKey();
        Step step = Steps.find(key).orElseThrow(() -> new IllegalStateException("没有为任务 " + key + " 定义服务端校验"));
        rules.get(step.family()).decide(new Completion(task, step, candidates));
    }
}
