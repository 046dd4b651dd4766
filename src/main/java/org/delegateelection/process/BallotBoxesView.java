package org.delegateelection.process;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.delegateelection.procedure.Step;
import org.delegateelection.procedure.Steps;
import org.delegateelection.vote.BallotBoxes;
import org.delegateelection.vote.BallotRounds;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the state of the ballot boxes on the open voting task of the vote (step 20, 22 or 23) up to date: after every
 * box entry or settlement ({@link BallotBoxes.Changed}) the task-local variable {@code ballotBoxesText} (Markdown, one
 * row per box: issued, each team's ballots, 一组已录入 / 两组一致 / 有差异待裁定 / 已裁定, the differences) is written
 * anew, so that Tasklist shows it the next time the form is opened. The task's candidate group may not update a task's
 * variables (decision 0015), so the variable is written without the caller's authorization; the caller's right to
 * the entry was checked by the REST API.
 */
@Component
class BallotBoxesView {

    /** The task-local variable the forms of the voting steps show. */
    static final String VARIABLE = "ballotBoxesText";

    private final TaskService taskService;
    private final IdentityService identityService;
    private final BallotRounds ballotRounds;

    BallotBoxesView(TaskService taskService, IdentityService identityService, BallotRounds ballotRounds) {
        this.taskService = taskService;
        this.identityService = identityService;
        this.ballotRounds = ballotRounds;
    }

    @EventListener
    void changed(BallotBoxes.Changed change) {
        String[] keys = Steps.all().stream().filter(step -> step.vote() == change.vote()).map(Step::key)
                .toArray(String[]::new);
        String text = BallotBoxes.markdown(ballotRounds.boxes(change.electionId(), change.vote()).boxes());
        Authentication caller = identityService.getCurrentAuthentication();
        identityService.clearAuthentication();
        try {
            taskService.createTaskQuery().processVariableValueEquals(ProcessVariables.ELECTION_ID, change.electionId())
                    .taskDefinitionKeyIn(keys).list()
                    .forEach(task -> taskService.setVariableLocal(task.getId(), VARIABLE, text));
        } finally {
            if (caller != null) {
                identityService.setAuthentication(caller);
            }
        }
    }
}
