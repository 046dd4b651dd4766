package org.delegateelection.process;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.delegateelection.candidate.Candidate;
import org.delegateelection.candidate.CandidateList;
import org.delegateelection.candidate.CandidateRepository;
import org.delegateelection.procedure.Step;
import org.delegateelection.procedure.StepFamily;
import org.delegateelection.procedure.Steps;
import org.delegateelection.security.CurrentUser;
import org.delegateelection.system.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * The list decisions ({@link StepFamily#LIST}): {@code selectedCandidateIds}, at least one person of the registry who
 * has not been removed, every one out of the list the step chooses from ({@link Step#shows()}, or a recommending
 * unit's own people), stored as the list the step decides ({@link Step#decides()}; a recommending unit's part only).
 * The inspection report (step 13) keeps only full party members cleared by all four checks of step 11 ("四必");
 * a new preliminary list (step 16) is no longer one the central review sent back.
 */
@Component
class ListDecisions implements StepRule {

    /** The lists the four checks of step 11 decide: who is cleared by each. */
    private static final List<CandidateList> FOUR_CHECKS = Steps.all().stream()
            .filter(step -> Objects.equals(step.number(), 11)).map(Step::decides).toList();

    private final CandidateRepository candidates;
    private final CurrentUser currentUser;

    ListDecisions(CandidateRepository candidates, CurrentUser currentUser) {
        this.candidates = candidates;
        this.currentUser = currentUser;
    }

    @Override
    public StepFamily family() {
        return StepFamily.LIST;
    }

    @Override
    public void decide(Completion completion) {
        Step step = completion.step();
        String unit = step.perUnit() ? completion.unitCode() : null;
        Set<String> allowed = ids(completion.reads().pool(step, unit));
        List<Candidate> chosen = completion.selected();
        if ("inspectionReport".equals(step.key())) {
            FOUR_CHECKS.forEach(check -> allowed.retainAll(ids(completion.reads().list(check))));
        }
        for (Candidate person : chosen) {
            if (!allowed.contains(person.id()) || "inspectionReport".equals(step.key()) && !person.fullMember()) {
                throw InvalidInputException.field("selectedCandidateIds", person.name() + "（" + person.id() + "）"
                        + refusal(step));
            }
        }
        candidates.decide(completion.electionId(), step.decides(), chosen.stream().map(Candidate::id).toList(), unit,
                currentUser.id());
        completion.reads().written();
        if ("proposePreliminaryList".equals(step.key())) {
            completion.setOnInstance("centralReviewReturned", false);
        }
    }

    private static String refusal(Step step) {
        if (step.perUnit()) {
            return "不在本单位的推荐人选中";
        }
        return "inspectionReport".equals(step.key()) ? "未通过“四必”核查或不是正式党员，不能确定为考察合格人选"
                : "不在上一环节确定的名单中";
    }

    private static Set<String> ids(List<Candidate> people) {
        return people.stream().map(Candidate::id).collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
