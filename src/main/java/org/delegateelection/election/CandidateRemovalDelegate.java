package org.delegateelection.election;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.delegateelection.candidate.CandidateRepository;
import org.springframework.stereotype.Component;

/**
 * {@code ${candidateRemoval}} after a confirmed report or objection: takes the candidate ({@code candidateId}) out of
 * the procedure ("对不宜作为代表人选的进行调整"), so that the next quota check sees the smaller list.
 */
@Component("candidateRemoval")
public class CandidateRemovalDelegate implements JavaDelegate {

    private final CandidateRepository candidates;

    public CandidateRemovalDelegate(CandidateRepository candidates) {
        this.candidates = candidates;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long electionId = ProcessVariables.electionId(execution);
        candidates.remove(electionId, (String) execution.getVariable("candidateId"));
    }
}
