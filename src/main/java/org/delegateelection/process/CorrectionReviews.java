package org.delegateelection.process;

import static org.delegateelection.system.InputValues.bool;

import java.util.Map;

import org.delegateelection.candidate.CandidateList;
import org.delegateelection.candidate.Corrections;
import org.delegateelection.procedure.StepFamily;
import org.delegateelection.quota.Checkpoint;
import org.delegateelection.security.CurrentUser;
import org.springframework.stereotype.Component;

/**
 * The review of a correction of a person on the printed ballot ({@link StepFamily#CORRECTION}): {@code approved}
 * (Boolean) and the {@code finding} (text, at most 500 characters), recorded with the correction whose id the
 * review's scope keeps ({@code correctionId}). A correction carried out records the person's lists again
 * ({@link Corrections#decide}) and runs again, and stores, the quota checks of those lists from the preliminary
 * candidates on: the preliminary and prospective candidates, the ballot and the elected delegates.
 */
@Component
class CorrectionReviews implements StepRule {

    /** The checks run again when a correction changes a person on these lists. */
    private static final Map<CandidateList, Checkpoint> CHECKS = Map.of(
            CandidateList.PRELIMINARY, Checkpoint.PRELIMINARY,
            CandidateList.PROSPECTIVE, Checkpoint.PROSPECTIVE,
            CandidateList.BALLOT, Checkpoint.BALLOT,
            CandidateList.ELECTED, Checkpoint.ELECTED);

    private final Corrections corrections;
    private final QuotaCheckDelegate quotaChecks;
    private final CurrentUser currentUser;

    CorrectionReviews(Corrections corrections, QuotaCheckDelegate quotaChecks, CurrentUser currentUser) {
        this.corrections = corrections;
        this.quotaChecks = quotaChecks;
        this.currentUser = currentUser;
    }

    @Override
    public StepFamily family() {
        return StepFamily.CORRECTION;
    }

    @Override
    public void decide(Completion completion) {
        boolean approved = bool("approved", completion.value("approved"));
        Object finding = completion.value("finding");
        corrections.decide(completion.electionId(), ((Number) completion.value("correctionId")).longValue(), approved,
                        finding == null ? null : finding.toString(), currentUser.id()).stream()
                .filter(CHECKS::containsKey)
                .forEach(list -> quotaChecks.check(completion.electionId(), CHECKS.get(list), null));
        completion.reads().written();
    }
}
