package org.delegateelection.process;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.spin.plugin.variable.SpinValues;
import org.delegateelection.candidate.Candidate;
import org.delegateelection.candidate.CandidateReports;
import org.delegateelection.candidate.CandidateRepository;
import org.delegateelection.candidate.CandidateStatus;
import org.delegateelection.candidate.Corrections;
import org.delegateelection.document.DocumentController;
import org.delegateelection.election.ElectionRepository;
import org.delegateelection.election.ElectionUnit;
import org.delegateelection.election.RecommendingUnit;
import org.delegateelection.nomination.NominationRepository;
import org.delegateelection.nomination.Participation;
import org.delegateelection.nomination.Support;
import org.delegateelection.procedure.Step;
import org.delegateelection.procedure.StepFamily;
import org.delegateelection.procedure.Steps;
import org.delegateelection.quota.QuotaReport;
import org.delegateelection.quota.QuotaReportRepository;
import org.delegateelection.report.Shares;
import org.delegateelection.system.InputValues;
import org.delegateelection.vote.Ballot;
import org.delegateelection.vote.BallotBoxes;
import org.delegateelection.vote.BallotRounds;
import org.delegateelection.vote.RoundOutcome;
import org.delegateelection.vote.StrokeOrder;
import org.delegateelection.vote.Vote;
import org.springframework.stereotype.Component;

/**
 * {@code ${taskFormView}}, the create listener of every user task: puts into task-local variables what the task's
 * Camunda Form shows — at a step with a quota check, the last report of that check ({@code quotaReportText},
 * Markdown, empty before the first, and its id {@code quotaReportId}), the people
 * the body decides on ({@code candidateTable}, {@code candidateOptions}, Json), at steps 5 to 8 the support of the
 * branch recommendation in the consultation round of the step ({@code supportText}, Markdown; {@code supportTable}
 * and at steps 6 and 7 {@code committeeTable}, Json) and, from round 2 on, each earlier round's support and list sent
 * down ({@code roundsText}, Markdown), the ballot of step 20 or 23, links to
 * the documents the step uses ({@code documentLinks}, Markdown), the people written in and elected at step 24
 * ({@code writeInsText}) — and, for the verification of a report or objection, what the report says. These are
 * copies for display; the registry stays in the database.
 */
@Component("taskFormView")
public class TaskFormView implements TaskListener {

    private final ElectionRepository elections;
    private final CandidateRepository candidates;
    private final QuotaReportRepository quotaReports;
    private final CandidateReports reports;
    private final BallotRounds ballotRounds;
    private final Corrections corrections;
    private final NominationRepository nominations;
    private final ConsultationRounds rounds;

    TaskFormView(ElectionRepository elections, CandidateRepository candidates,
            QuotaReportRepository quotaReports, CandidateReports reports, BallotRounds ballotRounds,
            Corrections corrections, NominationRepository nominations, ConsultationRounds rounds) {
        this.rounds = rounds;
        this.corrections = corrections;
        this.nominations = nominations;
        this.elections = elections;
        this.candidates = candidates;
        this.quotaReports = quotaReports;
        this.reports = reports;
        this.ballotRounds = ballotRounds;
    }

    /** The checkpoint key of a check, with the recommending unit for the checks of stage 2. */
    static String checkpointKey(String checkpoint, String unitCode) {
        return unitCode == null ? checkpoint : checkpoint + ":" + unitCode;
    }

    @Override
    public void notify(DelegateTask task) {
        long electionId = ProcessVariables.electionId(task);
        Step step = Steps.of(task.getTaskDefinitionKey());
        String unit = (String) task.getVariable(ProcessVariables.UNIT_CODE);
        String checkpoint = step.checkpoint() == null ? null
                : checkpointKey(step.checkpoint().id(), step.perUnit() ? unit : null);
        if (checkpoint != null) {
            Optional<QuotaReportRepository.Stored> report = quotaReports.latest(electionId, checkpoint);
            task.setVariableLocal("quotaReportText", report.map(r -> QuotaReport.fromJson(r.json()).toMarkdown())
                    .orElse(""));
            // the report shown, kept with the task in the history (audit: which report the decision saw)
            task.setVariableLocal("quotaReportId", report.map(QuotaReportRepository.Stored::id).orElse(null));
        }
        String links = DocumentController.links(electionId, step.key(), unit);
        if (!links.isEmpty()) {
            task.setVariableLocal("documentLinks", links);
        }
        ElectionUnit election = elections.get(electionId);
        View view = new View(election.ageReferenceDate(), election.recommendingUnits());
        if (unit != null) {
            task.setVariableLocal("unitName", view.units().get(unit).name());
            task.setVariableLocal("unitQuota", view.units().get(unit).nomineeQuota());
        }
        RegistryReads reads = new RegistryReads(candidates, electionId);
        int round = step.showsSupport() ? rounds.round(electionId, step, unit) : 1;
        List<Candidate> pool = rounds.pool(reads, electionId, step, unit, round);
        if (pool != null) {
            List<Candidate> byUnit = pool.stream().sorted(view.byUnitThenStrokes()).toList();
            show(task, "candidateTable", byUnit.stream().map(view::row).toList());
            show(task, "candidateOptions", view.options(byUnit));
        }
        if (step.showsSupport()) {
            support(task, electionId, unit, round, view);
        }
        if (step.vote() != null) {
            ballot(task, electionId, reads, view, step.vote());
        }
        if (step.family() == StepFamily.VERIFICATION) {
            receiveReport(task, reads);
        }
        if (step.family() == StepFamily.CORRECTION) {
            receiveCorrection(task, electionId);
        }
        switch (step.key()) {
            case "draftImplementationPlan" -> task.setVariableLocal("unitQuotasText",
                    election.recommendingUnits().stream().map(ru -> ru.code() + "," + ru.name() + "," + ru.nomineeQuota())
                            .collect(Collectors.joining("\n")));
            case "centralReview" -> centreOptions(task, reads, view);
            case "reportResults" -> {
                List<String> names = ballotRounds.electedWriteIns(electionId).stream().map(Ballot::writtenInName)
                        .toList();
                task.setVariableLocal("writeInsText", names.isEmpty() ? "" : "另选当选：" + String.join("、", names)
                        + "。报告选举结果前，须已在人选库中登记（姓名与选票上所写一致），以便审查代表资格。");
            }
            default -> {
            }
        }
    }

    /**
     * Steps 5 to 8: the participation and the people recommended in the step's round, ranked by their support (of the
     * task's unit; of the whole electoral unit at step 8), at the unit's steps each grassroots committee's figures,
     * as uploaded when the task was created, and each earlier round with the list it sent down.
     */
    private void support(DelegateTask task, long electionId, String unit, int round, View view) {
        NominationRepository.SupportReport report = nominations.report(electionId, unit, round);
        Participation p = report.participation();
        long unregistered = report.people().stream().filter(person -> !person.registered()).count();
        String ofRound = report.rounds() == 1 ? "" : "第 %d 轮（共 %d 轮）：".formatted(round, report.rounds());
        task.setVariableLocal("supportText", ofRound + (p == null ? "尚未上传党支部推荐情况。"
                : participation(p) + "获得推荐的人选 %d 名%s。".formatted(report.people().size(), unregistered == 0 ? ""
                        : "，其中尚未入库 " + unregistered + " 名（由组织部登记入库后计入）")));
        StringBuilder earlier = new StringBuilder();
        for (int r = 1; r < round; r++) {
            NominationRepository.SupportReport before = nominations.report(electionId, unit, r);
            Map<String, Support> supportOf = before.people().stream().filter(Support::registered)
                    .collect(Collectors.toMap(Support::candidateId, s -> s, (a, b) -> a));
            earlier.append("**第 ").append(r).append(" 轮**：")
                    .append(before.participation() == null ? "" : participation(before.participation()))
                    .append("下发推荐人选名单 ").append(before.listIssued().size()).append(" 名");
            if (unit != null) {
                earlier.append("：").append(before.listIssued().stream().map(l -> l.position() + ". " + l.name()
                        + (supportOf.containsKey(l.candidateId()) ? "（得票 " + supportOf.get(l.candidateId()).votes()
                                + "，" + supportOf.get(l.candidateId()).share() + "%）" : "（未获推荐）"))
                        .collect(Collectors.joining("　")));
            }
            earlier.append("。\n\n");
        }
        if (round > 1) {
            task.setVariableLocal("roundsText", earlier.toString().strip());
        }
        show(task, "supportTable", report.people().stream().map(view::supportRow).toList());
        if (unit != null) {
            show(task, "committeeTable", report.committees().stream().map(c -> Map.of("committee", c.committee(),
                    "branches", c.branches(), "branchesTakingPart", c.branchesTakingPart(), "members", c.members(),
                    "takingPart", c.takingPart(), "share", percent(c.takingPart(), c.members()))).toList());
        }
    }

    private static String participation(Participation p) {
        return "党支部 %d 个，其中有党员参加推荐的 %d 个；党员 %d 名，参加推荐 %d 名（%s%%）。".formatted(p.branchesTotal(),
                p.branchesRecommending(), p.membersTotal(), p.membersParticipating(),
                Shares.percent(p.membersParticipating(), p.membersTotal()));
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "" : Shares.percent(part, whole) + "%";
    }

    /**
     * Step 21: the people the Centre may add to the ballot: those registered as its nominees (中央提名) who are not
     * removed.
     */
    private void centreOptions(DelegateTask task, RegistryReads reads, View view) {
        show(task, "centreNomineeOptions", view.options(reads.registry().stream()
                .filter(c -> c.centreNominee() && c.status() != CandidateStatus.REMOVED).toList()));
    }

    /**
     * Step 20, step 23 and the preliminary round: the ballot of the vote's round (naming the characters of its names
     * that lack a stroke sequence, {@link StrokeOrder#unsequenced}), what the vote's last round decided
     * ({@code lastRoundOutcome}), the state of its ballot boxes ({@code ballotBoxesText}, kept up to date by
     * {@link BallotBoxesView}), and the header line of its ballots for the form's entry (candidates in ballot order,
     * "编号 姓名", then the column 无效), empty when the header alone is longer than the entry takes
     * ({@value TaskDecisions#MAX_TYPED_BALLOTS} characters): such a ballot's ballots are entered as a file.
     */
    private void ballot(DelegateTask task, long electionId, RegistryReads reads, View view, Vote vote) {
        Ballot ballot = ballotRounds.nextBallot(electionId, vote);
        Map<String, Candidate> people = reads.findByIds(ballot.candidateIds()).stream()
                .collect(Collectors.toMap(Candidate::id, c -> c));
        String text = "应选 " + ballot.seats() + " 名，候选人 " + ballot.candidateIds().size() + " 名。";
        if (vote == Vote.PLENARY) {
            text = "全委会表决确定预备人选：" + text + "每张表决票赞成不得超过 " + ballot.seats() + " 人，不能另选他人。";
        } else if (ballotRounds.preliminaryDue(electionId)) {
            text = "预选：候选人 %d 名，按得票多少产生正式候选人 %d 名，每张选票赞成不得超过 %d 人；预选不设当选票数。"
                    .formatted(ballot.candidateIds().size(), ballot.seats(), ballot.seats());
        }
        List<String> unsequenced = StrokeOrder.unsequenced(ballot.candidateIds().stream()
                .map(id -> people.containsKey(id) ? people.get(id).name() : Ballot.writtenInName(id)).toList());
        if (!unsequenced.isEmpty()) {
            text += "以下字缺少笔顺数据，暂排在同笔画数的字之后，请人工核对候选人顺序：" + String.join("、", unsequenced)
                    + "。";
        }
        task.setVariableLocal("ballotText", text);
        task.setVariableLocal(BallotBoxesView.VARIABLE, BallotBoxes.markdown(ballotRounds.boxes(electionId, vote)
                .boxes()));
        task.setVariableLocal("lastRoundOutcome", ballotRounds.lastOutcome(electionId, vote)
                .map(RoundOutcome::explanation).orElse(""));
        show(task, "candidateOptions", view.options(ballot.candidateIds().stream().map(people::get)
                .filter(Objects::nonNull).toList()));
        String header = ballot.candidateIds().stream()
                .map(id -> people.containsKey(id) ? id + " " + people.get(id).name() : id)
                .collect(Collectors.joining(",", "", ",无效")) + "\n";
        // a ballot whose header alone is longer than the form may carry (e.g. 348 candidates) is entered as a file
        task.setVariableLocal(TaskDecisions.TYPED_BALLOTS, header.length() <= TaskDecisions.MAX_TYPED_BALLOTS ? header
                : "");
    }

    /**
     * A report or objection arrives as a message carrying only its id ({@code reportId}, transient; see
     * {@link CandidateReportIntake}). The id is kept in the scope of this verification, and what the report says
     * and whom it names are shown on this task only (task-local), for the bodies that verify it.
     */
    private void receiveReport(DelegateTask task, RegistryReads reads) {
        CandidateReports.Entry report = reports.get(((Number) task.getVariable("reportId")).longValue());
        task.getExecution().setVariableLocal("reportId", report.id());
        task.setVariableLocal("candidateId", report.candidateId());
        task.setVariableLocal("report", report.report());
        reads.findByIds(List.of(report.candidateId())).stream().findFirst()
                .ifPresent(person -> task.setVariableLocal("candidateName", person.name()));
    }

    /**
     * A correction arrives as a message carrying its id ({@code correctionId}, see {@link CorrectionIntake}); the
     * review's task shows the person, the reason and each field's value before and after.
     */
    private void receiveCorrection(DelegateTask task, long electionId) {
        Corrections.Correction correction = corrections.get(electionId,
                ((Number) task.getVariable("correctionId")).longValue());
        task.setVariableLocal("candidateId", correction.candidateId());
        task.setVariableLocal("candidateName", correction.name());
        task.setVariableLocal("requestedBy", correction.requestedBy());
        task.setVariableLocal("correctionReason", correction.reason());
        task.setVariableLocal("correctionChanges", "| 项目 | 更正前 | 更正后 |\n|---|---|---|\n" + correction.fields()
                .stream().map(field -> "| " + field.label() + " | " + field.before() + " | " + field.after() + " |")
                .collect(Collectors.joining("\n")));
    }

    private static void show(DelegateTask task, String name, List<?> rows) {
        task.setVariableLocal(name, SpinValues.jsonValue(InputValues.toJson(rows)));
    }

    /**
     * How people are shown: ages on the election's reference date, recommending units by name; lists grouped by
     * recommending unit in the order the election lists its units (by code), each unit's people in the stroke order
     * of their names.
     */
    private record View(LocalDate ageDate, Map<String, RecommendingUnit> units, List<String> unitOrder) {

        View(LocalDate ageDate, List<RecommendingUnit> units) {
            this(ageDate, units.stream().collect(Collectors.toMap(RecommendingUnit::code, ru -> ru)),
                    units.stream().map(RecommendingUnit::code).toList());
        }

        Comparator<Candidate> byUnitThenStrokes() {
            return Comparator.<Candidate>comparingInt(c -> unitOrder.indexOf(c.recommendingUnit()) < 0
                            ? Integer.MAX_VALUE : unitOrder.indexOf(c.recommendingUnit()))
                    .thenComparing(Candidate::name, StrokeOrder.NAMES);
        }

        List<Map<String, String>> options(List<Candidate> people) {
            return people.stream().map(c -> Map.of("value", c.id(), "label", c.name() + " · " + c.gender().label()
                    + " · " + c.ethnicity() + " · " + c.ageOn(ageDate) + "岁 · " + c.identity() + " · " + unit(c)))
                    .toList();
        }

        Map<String, Object> row(Candidate c) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", c.id());
            row.put("name", c.name());
            row.put("gender", c.gender().label());
            row.put("ethnicity", c.ethnicity());
            row.put("age", c.ageOn(ageDate));
            row.put("category", c.identity());
            row.put("unit", unit(c));
            return row;
        }

        /** A person's support as the forms' table shows it: one row, the registry id or "未入库". */
        Map<String, Object> supportRow(Support s) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("rank", s.rank());
            row.put("name", s.name());
            row.put("id", s.registered() ? s.candidateId() : "未入库（" + (s.birthDate() != null ? s.birthDate()
                    + "出生" : s.workplace()) + "）");
            row.put("unit", units.containsKey(s.unitCode()) ? units.get(s.unitCode()).name() : s.unitCode());
            row.put("branches", s.branches());
            row.put("votes", s.votes());
            row.put("share", s.share() == null ? "" : s.share() + "%");
            return row;
        }

        private String unit(Candidate c) {
            RecommendingUnit unit = c.centreNominee() ? null : units.get(c.recommendingUnit());
            return unit == null ? c.recommendedBy(Map.of()) : unit.name();
        }
    }
}
