package org.delegateelection.process;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.delegateelection.candidate.Candidate;
import org.delegateelection.candidate.CandidateList;
import org.delegateelection.candidate.CandidateRepository;
import org.delegateelection.national.CredentialReview;
import org.delegateelection.national.NationalRepository;
import org.delegateelection.nomination.NominationRepository;
import org.delegateelection.nomination.SupportRanking;
import org.delegateelection.procedure.Step;
import org.delegateelection.procedure.StepFamily;
import org.delegateelection.procedure.Steps;
import org.delegateelection.security.CurrentUser;
import org.delegateelection.system.InputValues;
import org.delegateelection.system.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * The list decisions ({@link StepFamily#LIST}): {@code selectedCandidateIds}, at least one person of the registry who
 * has not been removed, every one out of the list the step chooses from ({@link Step#shows()}, or a recommending
 * unit's own people), stored as the list the step decides ({@link Step#decides()}; a recommending unit's part only).
 * The inspection report (step 13) keeps only full party members cleared by all four checks of step 11 ("四必");
 * a new preliminary list (step 16) is no longer one the central review sent back. Steps 7 and 8, which decide from
 * the support of the branch recommendation, need {@code supportReason} (集体研究的理由, at most
 * {@value #MAX_REASON} characters) when they choose a person with less support than one they leave out
 * ({@link SupportRanking#departures}) in the round's support (the unit's round under way at step 7, the last round at
 * step 8); the reason is kept with the decision. From the second consultation round on, step 7 chooses out of the
 * list the round before sent down ({@link ConsultationRounds}). The credentials review (step 25) needs a reason for
 * every elected delegate it does not confirm ({@code invalidDelegatesText}, {@link CredentialReview}), recorded as
 * the delegate's finding.
 */
@Component
class ListDecisions implements StepRule {

    /** The lists the four checks of step 11 decide: who is cleared by each. */
    private static final List<CandidateList> FOUR_CHECKS = Steps.all().stream()
            .filter(step -> Objects.equals(step.number(), 11)).map(Step::decides).toList();

    /** The most characters of the reason for departing from the support. */
    static final int MAX_REASON = 2000;

    private final CandidateRepository candidates;
    private final NominationRepository nominations;
    private final CurrentUser currentUser;
    private final NationalRepository national;
    private final ConsultationRounds rounds;

    ListDecisions(CandidateRepository candidates, NominationRepository nominations, CurrentUser currentUser,
            NationalRepository national, ConsultationRounds rounds) {
        this.candidates = candidates;
        this.nominations = nominations;
        this.currentUser = currentUser;
        this.national = national;
        this.rounds = rounds;
    }

    @Override
    public StepFamily family() {
        return StepFamily.LIST;
    }

    @Override
    public void decide(Completion completion) {
        Step step = completion.step();
        String unit = step.perUnit() ? completion.unitCode() : null;
        int round = step.showsSupport() ? rounds.round(completion.electionId(), step, unit) : 1;
        Set<String> allowed = ids(rounds.pool(completion.reads(), completion.electionId(), step, unit, round));
        List<Candidate> chosen = completion.selected();
        if ("inspectionReport".equals(step.key())) {
            FOUR_CHECKS.forEach(check -> allowed.retainAll(ids(completion.reads().list(check))));
        }
        for (Candidate person : chosen) {
            if (!allowed.contains(person.id()) || "inspectionReport".equals(step.key()) && !person.fullMember()) {
                throw InvalidInputException.field("selectedCandidateIds", person.name() + "（" + person.id() + "）"
                        + refusal(step, round));
            }
        }
        String reason = step.showsSupport() ? supportReason(completion, unit, round, allowed, chosen) : null;
        if ("credentialsReview".equals(step.key())) {
            Object text = completion.value("invalidDelegatesText");
            Map<String, String> invalid = CredentialReview.invalid("invalidDelegatesText", allowed,
                    ids(chosen), text == null ? null : text.toString());
            national.record(completion.electionId(), invalid.entrySet().stream()
                    .map(e -> new NationalRepository.Finding(e.getKey(), e.getValue(), currentUser.id())).toList());
        }
        candidates.decide(completion.electionId(), step.decides(), chosen.stream().map(Candidate::id).toList(), unit,
                currentUser.id(), reason);
        completion.reads().written();
        if ("proposePreliminaryList".equals(step.key())) {
            completion.setOnInstance("centralReviewReturned", false);
        }
    }

    /**
     * The reason given ({@code supportReason}), required when the choice departs from the support of the branch
     * recommendation; {@code null} when none is given and none is needed.
     */
    private String supportReason(Completion completion, String unit, int round, Set<String> pool,
            List<Candidate> chosen) {
        Object given = completion.value("supportReason");
        String reason = given == null || given.toString().isBlank() ? null
                : InputValues.text("supportReason", given, MAX_REASON);
        if (reason == null) {
            Map<String, String> names = completion.reads().findByIds(pool).stream()
                    .collect(Collectors.toMap(Candidate::id, Candidate::name));
            List<String> departures = SupportRanking.departures(nominations.support(completion.electionId(), unit, round),
                    List.copyOf(pool), chosen.stream().map(Candidate::id).toList(), names);
            if (!departures.isEmpty()) {
                throw InvalidInputException.field("supportReason", "所选人选中有党支部推荐得票少于未选人选的（"
                        + String.join("；", departures.subList(0, Math.min(5, departures.size())))
                        + (departures.size() > 5 ? "等 " + departures.size() + " 人" : "") + "），须填写集体研究的理由");
            }
        }
        return reason;
    }

    private static String refusal(Step step, int round) {
        if (step.perUnit()) {
            return round == 1 ? "不在本单位的推荐人选中" : "不在本单位第 " + (round - 1) + " 轮下发的推荐人选名单中";
        }
        return "inspectionReport".equals(step.key()) ? "未通过“四必”核查或不是正式党员，不能确定为考察合格人选"
                : "不在上一环节确定的名单中";
    }

    private static Set<String> ids(List<Candidate> people) {
        return people.stream().map(Candidate::id).collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
