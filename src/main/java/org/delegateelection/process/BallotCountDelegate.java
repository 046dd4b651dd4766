package org.delegateelection.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.delegateelection.security.CurrentUser;
import org.delegateelection.vote.BallotRounds;
import org.delegateelection.vote.RoundOutcome;
import org.delegateelection.vote.Vote;
import org.springframework.stereotype.Component;

/**
 * {@code ${ballotCount}} after a round of a vote, step 20 or step 23, named by the local input parameter {@code vote}
 * ({@link Vote} name): counts the round's tally (variable {@code tally}, from the ballot batch {@code ballotBatchId})
 * by the election rules (none: from the round's ballot boxes), stores the round, removes {@code ballotBatchId} and
 * sets {@code electionComplete} (Boolean: every seat filled), {@code roundKind} (String, {@link RoundOutcome.Kind}
 * name), {@code ballotRound} (Integer) and {@code roundOutcome} (String, the explanation in Chinese).
 */
@Component("ballotCount")
public class BallotCountDelegate implements JavaDelegate {

    private final BallotRounds rounds;

    private final CurrentUser currentUser;

    public BallotCountDelegate(BallotRounds rounds, CurrentUser currentUser) {
        this.rounds = rounds;
        this.currentUser = currentUser;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long electionId = ProcessVariables.electionId(execution);
        Vote vote = Vote.valueOf((String) execution.getVariableLocal("vote"));
        BallotRounds.CountedRound counted = rounds.count(electionId, vote, execution.getVariable("tally"),
                (String) execution.getVariable("ballotBatchId"), currentUser.id());
        // the batch is counted: a later round names its own, or is counted from its boxes
        execution.removeVariable("ballotBatchId");
        execution.setVariable("electionComplete", counted.outcome().kind() == RoundOutcome.Kind.ELECTED_ALL);
        execution.setVariable("roundKind", counted.outcome().kind().name());
        execution.setVariable("ballotRound", counted.round());
        execution.setVariable("roundOutcome", counted.outcome().explanation());
    }
}
