package org.delegateelection.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.delegateelection.vote.BallotRounds;
import org.delegateelection.vote.PreliminaryRanking;
import org.springframework.stereotype.Component;

/**
 * {@code ${preliminaryCount}} after the preliminary round: ranks its tally (variable {@code tally}, from the ballot
 * batch {@code ballotBatchId}, none: from the round's ballot boxes) by {@link PreliminaryRanking}, stores the formal
 * list as the ballot of the formal election, removes {@code ballotBatchId} and sets {@code preliminaryOutcome}
 * (String, the explanation in Chinese).
 */
@Component("preliminaryCount")
public class PreliminaryCountDelegate implements JavaDelegate {

    private final BallotRounds rounds;

    public PreliminaryCountDelegate(BallotRounds rounds) {
        this.rounds = rounds;
    }

    @Override
    public void execute(DelegateExecution execution) {
        PreliminaryRanking.Result result = rounds.countPreliminary(ProcessVariables.electionId(execution),
                execution.getVariable("tally"), (String) execution.getVariable("ballotBatchId"));
        execution.removeVariable("ballotBatchId");
        execution.setVariable("preliminaryOutcome", result.explanation());
    }
}
