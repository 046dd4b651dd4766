package org.delegateelection.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.delegateelection.candidate.CandidateReports;
import org.delegateelection.candidate.CandidateRepository;
import org.delegateelection.security.CurrentUser;
import org.springframework.stereotype.Component;

/**
 * {@code ${candidateRemoval}} after a confirmed report or objection: takes the person the report names
 * ({@code reportId}) out of
 * the procedure ("对不宜作为代表人选的进行调整"), so that the next quota check sees the smaller list.
 */
@Component("candidateRemoval")
public class CandidateRemovalDelegate implements JavaDelegate {

    private final CandidateRepository candidates;
    private final CandidateReports reports;

    private final CurrentUser currentUser;

    public CandidateRemovalDelegate(CandidateRepository candidates, CandidateReports reports, CurrentUser currentUser) {
        this.currentUser = currentUser;
        this.candidates = candidates;
        this.reports = reports;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long electionId = ProcessVariables.electionId(execution);
        candidates.remove(electionId, reports.get(((Number) execution.getVariable("reportId")).longValue())
                .candidateId(), currentUser.id());
    }
}
