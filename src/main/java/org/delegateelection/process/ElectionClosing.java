package org.delegateelection.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.delegateelection.election.ElectionRepository;
import org.springframework.stereotype.Component;

/**
 * End listener of {@code delegate-election} ({@code ${electionClosing}}): when the election's process ends — after
 * the credentials review, or cancelled — the election is closed, and its registry and lists refuse every change.
 */
@Component("electionClosing")
public class ElectionClosing implements ExecutionListener {

    private final ElectionRepository elections;

    public ElectionClosing(ElectionRepository elections) {
        this.elections = elections;
    }

    @Override
    public void notify(DelegateExecution execution) {
        elections.close(ProcessVariables.electionId(execution));
    }
}
