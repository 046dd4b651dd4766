package org.delegateelection.election;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.delegateelection.ballot.RoundOutcome;
import org.springframework.stereotype.Component;

/**
 * {@code ${ballotCount}} after a round of a vote, step 20 or step 23, named by the local input parameter {@code vote}
 * ({@link Vote} name): counts the round's tally (variable {@code tally}, from the ballot batch {@code ballotBatchId})
 * by the election rules, stores the round and sets {@code electionComplete} (Boolean: every seat filled),
 * {@code roundKind} (String, {@link RoundOutcome.Kind} name), {@code ballotRound} (Integer) and {@code roundOutcome}
 * (String, the explanation in Chinese).
 */
@Component("ballotCount")
public class BallotCountDelegate implements JavaDelegate {

    private final BallotRounds rounds;

    public BallotCountDelegate(BallotRounds rounds) {
        this.rounds = rounds;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long electionId = ProcessVariables.electionId(execution);
        Vote vote = Vote.valueOf((String) execution.getVariableLocal("vote"));
        BallotRounds.CountedRound counted = rounds.count(electionId, vote, execution.getVariable("tally"),
                (String) execution.getVariable("ballotBatchId"));
        execution.setVariable("electionComplete", counted.outcome().kind() == RoundOutcome.Kind.ELECTED_ALL);
        execution.setVariable("roundKind", counted.outcome().kind().name());
        execution.setVariable("ballotRound", counted.round());
        execution.setVariable("roundOutcome", counted.outcome().explanation());
    }
}
