package org.delegateelection.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.delegateelection.candidate.Candidate;
import org.delegateelection.candidate.CandidateList;
import org.delegateelection.candidate.CandidateRepository;
import org.delegateelection.nomination.NominationRepository;
import org.delegateelection.security.CurrentUser;
import org.springframework.stereotype.Component;

/**
 * {@code ${consultationList}}, the service task 下发推荐人选名单 in {@code unit-nomination}'s loop of consultation
 * rounds ("三上三下"): after a round that is not the last, the people the unit decided at step 7, in the order of the
 * round's support, go back down to its branches as the list of the next round ({@link NominationRepository#issueList});
 * the process variable {@code consultationRound} then names the next round.
 */
@Component("consultationList")
public class ConsultationListDelegate implements JavaDelegate {

    private final NominationRepository nominations;
    private final CandidateRepository candidates;
    private final CurrentUser currentUser;

    public ConsultationListDelegate(NominationRepository nominations, CandidateRepository candidates,
            CurrentUser currentUser) {
        this.nominations = nominations;
        this.candidates = candidates;
        this.currentUser = currentUser;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long electionId = ProcessVariables.electionId(execution);
        String unit = (String) execution.getVariable(ProcessVariables.UNIT_CODE);
        int round = nominations.roundUnderWay(electionId, unit);
        nominations.issueList(electionId, unit, round, candidates.currentPeopleOn(electionId,
                CandidateList.NOMINEES.key()).stream().filter(c -> unit.equals(c.recommendingUnit()))
                .map(Candidate::id).toList(), currentUser.id());
        execution.setVariable(ProcessVariables.CONSULTATION_ROUND, round + 1);
    }
}
