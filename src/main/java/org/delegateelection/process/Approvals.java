package org.delegateelection.process;

import static org.delegateelection.system.InputValues.bool;
import static org.delegateelection.system.InputValues.strings;
import static org.delegateelection.system.InputValues.text;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.delegateelection.candidate.Candidate;
import org.delegateelection.candidate.CandidateList;
import org.delegateelection.candidate.CandidateRepository;
import org.delegateelection.procedure.StepFamily;
import org.delegateelection.quota.Checkpoint;
import org.delegateelection.quota.QuotaReport;
import org.delegateelection.security.CurrentUser;
import org.delegateelection.system.InvalidInputException;
import org.delegateelection.vote.BallotRounds;
import org.delegateelection.vote.Vote;
import org.springframework.stereotype.Component;

/**
 * Approvals, opinions and the presidium's decision ({@link StepFamily#APPROVAL}): a body approves ({@code approved})
 * or sends back with its reasons ({@code comment}, required then), which the step it returns to shows in
 * {@code returnedWith}; the central review (step 21) also says where it sends back to and may add the Centre's
 * nominees to the ballot; the discipline commission's integrity opinion (step 14) must carry both signatures
 * ("双签字"); the presidium decides on another round ({@code anotherRound}) or to elect no more.
 */
@Component
class Approvals implements StepRule {

    /** String: why the last approval sent a decision back, shown where it was sent back to. */
    static final String RETURNED_WITH = "returnedWith";

    private final CandidateRepository candidates;
    private final BallotRounds ballotRounds;
    private final QuotaCheckDelegate quotaChecks;
    private final CurrentUser currentUser;

    Approvals(CandidateRepository candidates, BallotRounds ballotRounds, QuotaCheckDelegate quotaChecks,
            CurrentUser currentUser) {
        this.candidates = candidates;
        this.ballotRounds = ballotRounds;
        this.quotaChecks = quotaChecks;
        this.currentUser = currentUser;
    }

    @Override
    public StepFamily family() {
        return StepFamily.APPROVAL;
    }

    @Override
    public void decide(Completion completion) {
        switch (completion.step().key()) {
            case "centralReview" -> centralReview(completion);
            case "consultDisciplineCommission" -> doubleSignature(completion.task());
            case "presidiumDecision" -> presidiumDecision(completion);
            default -> approval(completion);
        }
    }

    private void approval(Completion completion) {
        DelegateTask task = completion.task();
        boolean approved = bool("approved", task.getVariable("approved"));
        String comment = approved ? null : text("comment", task.getVariable("comment"), 2000);
        returnedWith(task, comment);
        completion.keepForGateway("approved", approved);
    }

    /**
     * A body that sends a decision back leaves its reasons in {@code returnedWith} ("常委会审批实施方案：…"), which the
     * form of the step it returns to shows; an approval clears it.
     */
    private static void returnedWith(DelegateTask task, String comment) {
        DelegateExecution instance = task.getExecution().getProcessInstance();
        if (comment == null) {
            instance.removeVariable(RETURNED_WITH);
        } else {
            instance.setVariable(RETURNED_WITH, task.getName() + "：" + comment);
        }
    }

    /**
     * Step 21: approved, the ballot is the prospective candidates and the Centre's nominees ({@code centreNomineeIds},
     * people registered as nominated by the Centre, 中央提名) and must be competitive; sent back, {@code returnTo} names
     * step 19 or 16.
     */
    private void centralReview(Completion completion) {
        DelegateTask task = completion.task();
        long electionId = completion.electionId();
        boolean approved = bool("approved", task.getVariable("approved"));
        String returnTo = "";
        returnedWith(task, approved ? null : text("comment", task.getVariable("comment"), 2000));
        if (!approved) {
            Object value = task.getVariable("returnTo");
            if (!"plenaryDeliberation".equals(value) && !"proposePreliminaryList".equals(value)) {
                throw InvalidInputException.field("returnTo", "须为 plenaryDeliberation（退回第19步）或 "
                        + "proposePreliminaryList（退回第16步）");
            }
            returnTo = (String) value;
        }
        List<String> added = task.hasVariable("centreNomineeIds") && task.getVariable("centreNomineeIds") != null
                ? strings("centreNomineeIds", task.getVariable("centreNomineeIds")) : List.of();
        if (approved) {
            Set<String> prospective = completion.reads().list(completion.step().shows()).stream().map(Candidate::id)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            List<Candidate> centre = completion.people("centreNomineeIds", added);
            for (Candidate person : centre) {
                if (prospective.contains(person.id())) {
                    throw InvalidInputException.field("centreNomineeIds", person.name() + "（" + person.id()
                            + "）已在预备人选名单中");
                }
                if (!person.centreNominee()) {
                    throw InvalidInputException.field("centreNomineeIds", person.name() + "（" + person.id()
                            + "）是推荐单位推荐的人选；中央提名的人选须先在人选库中登记，推荐单位填“"
                            + Candidate.CENTRE_NOMINEE + "”");
                }
            }
            Set<String> ballot = new LinkedHashSet<>(prospective);
            ballot.addAll(added);
            candidates.decide(electionId, completion.step().decides(), List.copyOf(ballot), null, currentUser.id());
            completion.reads().written();
            competitiveBallot(completion);
        } else if (!added.isEmpty()) {
            throw InvalidInputException.field("centreNomineeIds", "退回时不能增加中央提名人选");
        }
        completion.keepForGateway("approved", approved);
        completion.keepForGateway("returnTo", returnTo);
        completion.setOnInstance("centralReviewReturned", "proposePreliminaryList".equals(returnTo));
    }

    /**
     * Before the ballot is printed: the candidates on it exceed the seats by the unit's competitive ratio, or by the
     * ratio of the exception authorised for the unit (《中国共产党地方组织选举工作条例》 art. 4). The check of the ballot
     * (checkpoint {@code ballot}, the Centre's nominees counted) is stored with the approval.
     */
    private void competitiveBallot(Completion completion) {
        QuotaReport report = quotaChecks.check(completion.electionId(), Checkpoint.BALLOT, null);
        report.results().stream().filter(r -> r.blocking() && !r.passed()).findFirst().ifPresent(r -> {
            throw InvalidInputException.field("approved", "选票不符合差额选举要求，不能同意：" + r.sentence());
        });
    }

    /** Step 14: the integrity opinion, signed by the party secretary and by the discipline chief. */
    private static void doubleSignature(DelegateTask task) {
        if (!bool("partySecretarySigned", task.getVariable("partySecretarySigned"))) {
            throw InvalidInputException.field("partySecretarySigned", "廉洁意见须由党委书记签字");
        }
        if (!bool("disciplineChiefSigned", task.getVariable("disciplineChiefSigned"))) {
            throw InvalidInputException.field("disciplineChiefSigned", "廉洁意见须由纪委书记签字");
        }
        text("opinion", task.getVariable("opinion"), 4000);
    }

    /**
     * After a shortfall the presidium decides ({@code anotherRound}, Boolean) to fill the missing seats in another
     * round, or to elect no more when the number elected is close to the seats ({@code comment} then required).
     */
    private void presidiumDecision(Completion completion) {
        DelegateTask task = completion.task();
        boolean another = bool("anotherRound", task.getVariable("anotherRound"));
        if (!another) {
            text("comment", task.getVariable("comment"), 2000);
            ballotRounds.closeSeries(completion.electionId(), Vote.CONGRESS);
        }
        completion.keepForGateway("anotherRound", another);
    }
}
