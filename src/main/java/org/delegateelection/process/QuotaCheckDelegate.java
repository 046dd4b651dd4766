package org.delegateelection.process;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.spin.plugin.variable.SpinValues;
import org.delegateelection.candidate.Candidate;
import org.delegateelection.candidate.CandidateRepository;
import org.delegateelection.nomination.NominationRepository;
import org.delegateelection.quota.Checkpoint;
import org.delegateelection.quota.QuotaChecker;
import org.delegateelection.quota.QuotaCheckers;
import org.delegateelection.quota.QuotaReport;
import org.delegateelection.quota.QuotaReportRepository;
import org.delegateelection.vote.BallotRounds;
import org.springframework.stereotype.Component;

/**
 * {@code ${quotaCheck}}, the service task before every quota gateway. Reads its local input parameter
 * {@code checkpoint}, loads what that checkpoint looks at from the registry, evaluates the election's quota rules, and
 * stores the report in table {@code quota_report} and in the process variables {@code quotaReport} (Json) and
 * {@code quotaPassed} (Boolean) that the gateway routes on.
 */
@Component("quotaCheck")
public class QuotaCheckDelegate implements JavaDelegate {

    private final QuotaCheckers checkers;
    private final CandidateRepository candidates;
    private final NominationRepository nominations;
    private final QuotaReportRepository reports;
    private final BallotRounds ballotRounds;

    public QuotaCheckDelegate(QuotaCheckers checkers, CandidateRepository candidates,
            NominationRepository nominations, QuotaReportRepository reports, BallotRounds ballotRounds) {
        this.checkers = checkers;
        this.candidates = candidates;
        this.nominations = nominations;
        this.reports = reports;
        this.ballotRounds = ballotRounds;
    }

    @Override
    public void execute(DelegateExecution execution) {
        QuotaReport report = check(ProcessVariables.electionId(execution),
                Checkpoint.fromId((String) execution.getVariableLocal(ProcessVariables.CHECKPOINT)),
                (String) execution.getVariable(ProcessVariables.UNIT_CODE));
        execution.setVariable(ProcessVariables.QUOTA_PASSED, report.passed());
        execution.setVariable(ProcessVariables.QUOTA_REPORT, SpinValues.jsonValue(report.toJson()).create());
    }

    /**
     * Evaluates the election's rules at a checkpoint on what it looks at now, and stores the report (also when a
     * correction makes a check run again).
     *
     * @param unitCode the recommending unit, for the checks of stage 2; otherwise ignored
     */
    QuotaReport check(long electionId, Checkpoint checkpoint, String unitCode) {
        QuotaChecker checker = checkers.of(electionId);
        QuotaReport report = switch (checkpoint) {
            case ALLOCATION -> checker.allocation();
            case PLAN -> checker.plan();
            case PARTICIPATION -> checker.participation(nominations.participation(electionId, unitCode,
                    nominations.roundUnderWay(electionId, unitCode)).orElseThrow());
            case UNIT_NOMINEES -> checker.unitNominees(unitCode, list(electionId, checkpoint).stream()
                    .filter(c -> unitCode.equals(c.recommendingUnit())).toList());
            case INSPECTION -> checker.inspection(list(electionId, checkpoint));
            case IDENTITY -> checker.identity(list(electionId, checkpoint));
            case INSPECTED -> checker.inspected(list(electionId, checkpoint));
            case PRELIMINARY -> checker.preliminary(list(electionId, checkpoint),
                    list(electionId, Checkpoint.INSPECTION).size());
            case PROSPECTIVE -> checker.prospective(list(electionId, checkpoint));
            case BALLOT -> checker.ballot(list(electionId, checkpoint), ballotRounds.fullBallot(electionId).seats());
            case ELECTED -> checker.elected(list(electionId, checkpoint), ballotRounds.expectedElected(electionId));
        };
        String json = report.toJson();
        reports.save(electionId, TaskFormView.checkpointKey(checkpoint.id(),
                checkpoint == Checkpoint.PARTICIPATION || checkpoint == Checkpoint.UNIT_NOMINEES ? unitCode : null),
                report.passed(), json);
        return report;
    }

    /** The people of the list the checkpoint checks ({@link Checkpoint#list()}), with their data now. */
    private List<Candidate> list(long electionId, Checkpoint checkpoint) {
        return candidates.currentPeopleOn(electionId, checkpoint.list().key());
    }
}
