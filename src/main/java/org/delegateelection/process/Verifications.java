package org.delegateelection.process;

import static org.delegateelection.system.InputValues.bool;
import static org.delegateelection.system.InputValues.text;

import org.delegateelection.candidate.CandidateReports;
import org.delegateelection.procedure.StepFamily;
import org.springframework.stereotype.Component;

/**
 * The verification of a report against a candidate or of an objection during the public notice
 * ({@link StepFamily#VERIFICATION}): {@code confirmed} (Boolean) and the {@code finding} (text, at most 4,000
 * characters), recorded with the report whose id the verification's scope keeps ({@code reportId}); a confirmed
 * report removes the candidate after the gateway ("对不宜作为代表人选的进行调整").
 */
@Component
class Verifications implements StepRule {

    private final CandidateReports reports;

    Verifications(CandidateReports reports) {
        this.reports = reports;
    }

    @Override
    public StepFamily family() {
        return StepFamily.VERIFICATION;
    }

    @Override
    public void decide(Completion completion) {
        boolean confirmed = bool("confirmed", completion.value("confirmed"));
        String finding = text("finding", completion.value("finding"), 4000);
        reports.recordFinding(((Number) completion.value("reportId")).longValue(), confirmed, finding);
        completion.keepForGateway("confirmed", confirmed);
    }
}
