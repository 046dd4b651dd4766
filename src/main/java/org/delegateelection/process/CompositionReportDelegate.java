package org.delegateelection.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.spin.plugin.variable.SpinValues;
import org.delegateelection.candidate.CandidateList;
import org.delegateelection.candidate.CandidateRepository;
import org.delegateelection.election.ElectionRepository;
import org.delegateelection.report.CompositionReport;
import org.springframework.stereotype.Component;

/**
 * {@code ${compositionReport}} after step 25: the composition of the confirmed delegates, in the form the
 * Organization Department publishes, as the process variable {@code delegateComposition} (Json), where Cockpit shows
 * it with the finished election.
 */
@Component("compositionReport")
public class CompositionReportDelegate implements JavaDelegate {

    private final ElectionRepository elections;
    private final CandidateRepository candidates;

    public CompositionReportDelegate(ElectionRepository elections, CandidateRepository candidates) {
        this.elections = elections;
        this.candidates = candidates;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long electionId = ProcessVariables.electionId(execution);
        CompositionReport report = CompositionReport.of(candidates.list(electionId, CandidateList.CONFIRMED.key()),
                elections.get(electionId).ageReferenceDate());
        execution.setVariable("delegateComposition", SpinValues.jsonValue(report.toJson()).create());
    }
}
