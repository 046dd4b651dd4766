package org.delegateelection.process;

import static org.delegateelection.system.InputValues.bool;
import static org.delegateelection.system.InputValues.integer;
import static org.delegateelection.system.InputValues.strings;
import static org.delegateelection.system.InputValues.text;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.spin.plugin.variable.SpinValues;
import org.delegateelection.candidate.Candidate;
import org.delegateelection.candidate.CandidateList;
import org.delegateelection.candidate.CandidateReports;
import org.delegateelection.candidate.CandidateRepository;
import org.delegateelection.candidate.CandidateStatus;
import org.delegateelection.election.ElectionRepository;
import org.delegateelection.election.RecommendingUnit;
import org.delegateelection.nomination.NominationRepository;
import org.delegateelection.quota.QuotaCheckers;
import org.delegateelection.quota.QuotaReport;
import org.delegateelection.security.CurrentUser;
import org.delegateelection.system.InputValues;
import org.delegateelection.system.InvalidInputException;
import org.delegateelection.system.Problem;
import org.delegateelection.system.TableFile;
import org.delegateelection.vote.BallotRounds;
import org.delegateelection.vote.Tally;
import org.delegateelection.vote.Vote;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The server side of every task completion: which values each step takes, their validation, and where the decision
 * is recorded. A bad or missing value throws {@link InvalidInputException} naming the field; the engine then rolls
 * the completion back, so nothing changes. Called by the listeners {@link TaskCompletionPlugin} adds to every user
 * task; the steps are those of the procedure (task definition keys = activity ids).
 */
@Component
public class TaskDecisions {

    /**
     * The variable of the ballots typed into the form of steps 20 and 23 (CSV text): read once as a batch, never kept
     * ({@link TypedBallotsHistoryPlugin} keeps it out of the history).
     */
    static final String TYPED_BALLOTS = "ballotsText";

    /** Keys a completion sets that would otherwise be seen again by the next task of the same kind. */
    static final List<String> DECISION_KEYS = List.of("approved", "comment", "returnTo", "centreNomineeIds",
            "selectedCandidateIds", "confirmed", "finding", "tally", "partySecretarySigned", "disciplineChiefSigned",
            "opinion", "completedOn", "note", "branchesTotal", "branchesRecommending", "membersTotal",
            "membersParticipating", "electorsDueToAttend", "electorsPresent", "ballotsIssued", "ballotBatchId",
            TYPED_BALLOTS, "anotherRound", "unitQuotas", "unitQuotasText", "prospectiveCount");

    private static final Set<String> RECORD_STEPS = Set.of("mobilizeAndEducate", "grassrootsSelection",
            "announceInspection", "conductInspection", "verifyIdentity", "consultRegulators", "congressDeliberation");

    /** The most characters of ballots typed into the form: the engine keeps a text variable of up to 4,000. */
    static final int MAX_TYPED_BALLOTS = 4000;

    /** String: why the last approval sent a decision back, shown where it was sent back to. */
    static final String RETURNED_WITH = "returnedWith";

    /** List decisions: the list a step chooses from, and the list it decides. */
    private static final Map<String, CandidateList[]> LIST_STEPS = Map.of(
            "proposeInspectionList", new CandidateList[] {CandidateList.NOMINEES, CandidateList.INSPECTION},
            "checkArchives", new CandidateList[] {CandidateList.INSPECTION, CandidateList.CLEARED_ARCHIVES},
            "verifyPersonalMatters",
            new CandidateList[] {CandidateList.INSPECTION, CandidateList.CLEARED_PERSONAL_MATTERS},
            "hearDisciplineCommission", new CandidateList[] {CandidateList.INSPECTION, CandidateList.CLEARED_DISCIPLINE},
            "investigatePetitions", new CandidateList[] {CandidateList.INSPECTION, CandidateList.CLEARED_PETITIONS},
            "inspectionReport", new CandidateList[] {CandidateList.INSPECTION, CandidateList.SUITABLE},
            "proposePreliminaryList", new CandidateList[] {CandidateList.SUITABLE, CandidateList.PRELIMINARY},
            "credentialsReview", new CandidateList[] {CandidateList.ELECTED, CandidateList.CONFIRMED});

    private final ElectionRepository elections;
    private final CandidateRepository candidates;
    private final NominationRepository nominations;
    private final CandidateReports reports;
    private final BallotRounds ballotRounds;
    private final QuotaCheckers quotaCheckers;
    private final CurrentUser currentUser;

    public TaskDecisions(ElectionRepository elections, CandidateRepository candidates,
            NominationRepository nominations, CandidateReports reports, BallotRounds ballotRounds,
            QuotaCheckers quotaCheckers, CurrentUser currentUser) {
        this.currentUser = currentUser;
        this.quotaCheckers = quotaCheckers;
        this.elections = elections;
        this.candidates = candidates;
        this.nominations = nominations;
        this.reports = reports;
        this.ballotRounds = ballotRounds;
    }

    /** On create: a task starts with no decision, so a completion cannot pass on an earlier task's values. */
    public void clearPrevious(DelegateTask task) {
        DelegateExecution execution = task.getExecution();
        for (String key : DECISION_KEYS) {
            while (execution.hasVariable(key)) {
                execution.removeVariable(key);
            }
        }
    }

    /**
     * On complete: validates the values of the task's step and records the decision.
     *
     * @throws InvalidInputException naming the field at fault
     */
    public void validateAndRecord(DelegateTask task) {
        long electionId = ProcessVariables.electionId(task);
        String step = task.getTaskDefinitionKey();
        switch (step) {
            case "registerAllocation" -> registerAllocation(task, electionId);
            case "draftImplementationPlan" -> draftPlan(task, electionId);
            case "approveImplementationPlan", "consultCentralOrganization" -> approval(task);
            case "centralReview" -> centralReview(task, electionId);
            case "branchRecommendation" -> branchRecommendation(task, electionId);
            case "recommendingUnitDecision" -> unitNominees(task, electionId);
            case "proposeInspectionList", "checkArchives", "verifyPersonalMatters", "hearDisciplineCommission",
                    "investigatePetitions", "credentialsReview" -> listDecision(task, electionId);
            case "inspectionReport" -> inspectionReport(task, electionId);
            case "proposePreliminaryList" -> {
                listDecision(task, electionId);
                task.getExecution().getProcessInstance().setVariable("centralReviewReturned", false);
            }
            case "consultDisciplineCommission" -> doubleSignature(task);
            case "verifyReport", "verifyObjection" -> verification(task);
            case "plenaryDeliberation" -> {
                record(task);
                ballotRounds.planPlenaryVote(electionId,
                        integer("prospectiveCount", task.getVariable("prospectiveCount"), 1, 10_000));
            }
            case "plenaryVote" -> tally(task, electionId, Vote.PLENARY);
            case "reportResults" -> {
                record(task);
                ballotRounds.admitWriteIns(electionId, currentUser.id());
            }
            case "ballotAndCount", "preliminaryBallot" -> tally(task, electionId, Vote.CONGRESS);
            case "presidiumDecision" -> presidiumDecision(task, electionId);
            default -> {
                if (!RECORD_STEPS.contains(step)) {
                    throw new IllegalStateException("没有为任务 " + step + " 定义服务端校验");
                }
                record(task);
            }
        }
    }

    private void registerAllocation(DelegateTask task, long electionId) {
        int seats = integer("seats", task.getVariable("seats"), 1, 10_000);
        int nomineeQuota = integer("nomineeQuota", task.getVariable("nomineeQuota"), 1, 10_000);
        int minPreliminary = integer("minPreliminary", task.getVariable("minPreliminary"), 1, 10_000);
        int minMinorities = integer("minMinorities", task.getVariable("minMinorities"), 0, 10_000);
        BigDecimal percent = InputValues.number("womenMemberSharePercent",
                task.getVariable("womenMemberSharePercent"));
        if (percent.signum() <= 0 || percent.compareTo(BigDecimal.valueOf(100)) >= 0) {
            throw InvalidInputException.field("womenMemberSharePercent", "须大于0且小于100（百分数）");
        }
        elections.updateAllocation(electionId, seats, nomineeQuota, minPreliminary, minMinorities,
                percent.divide(BigDecimal.valueOf(100), 4, RoundingMode.HALF_UP));
    }

    private void draftPlan(DelegateTask task, long electionId) {
        int leadingCadres = integer("leadingCadreTarget", task.getVariable("leadingCadreTarget"), 0, 10_000);
        int frontline = integer("frontlineTarget", task.getVariable("frontlineTarget"), 0, 10_000);
        int women = integer("minWomenNominees", task.getVariable("minWomenNominees"), 0, 10_000);
        int under55 = integer("minUnder55Nominees", task.getVariable("minUnder55Nominees"), 0, 10_000);
        Set<String> known = elections.get(electionId).recommendingUnits().stream()
                .map(RecommendingUnit::code).collect(Collectors.toSet());
        Map<String, Integer> quotas = new LinkedHashMap<>();
        Object submitted = task.getExecution().getVariable("unitQuotas");
        if (submitted != null) {
            JsonNode list = InputValues.json("unitQuotas", submitted);
            if (!list.isArray()) {
                throw InvalidInputException.field("unitQuotas", "须为数组，每项为 {code, quota}");
            }
            for (int i = 0; i < list.size(); i++) {
                String field = "unitQuotas[" + i + "]";
                unitQuota(quotas, known, field + ".code", list.get(i).path("code").asText(""),
                        integer(field + ".quota", list.get(i).path("quota").numberValue(), 1, 10_000));
            }
        } else if (task.getVariableLocal("unitQuotasText") != null) {
            for (List<String> line : InputValues.lines("unitQuotasText", task.getVariableLocal("unitQuotasText"),
                    2, 3)) {
                unitQuota(quotas, known, "unitQuotasText", line.get(0),
                        integer("unitQuotasText", line.get(line.size() - 1), 1, 10_000));
            }
        }
        elections.updatePlan(electionId, leadingCadres, frontline, women, under55, quotas);
        task.getExecution().getProcessInstance().setVariable(ProcessVariables.UNIT_QUOTA_TABLE,
                ProcessVariables.unitQuotaTable(elections.get(electionId)));
    }

    private static void unitQuota(Map<String, Integer> quotas, Set<String> known, String field, String code,
            int quota) {
        if (!known.contains(code)) {
            throw InvalidInputException.field(field, "不是本选举单位的推荐单位：" + code);
        }
        if (quotas.put(code, quota) != null) {
            throw InvalidInputException.field(field, "推荐单位重复：" + code);
        }
    }

    private void approval(DelegateTask task) {
        boolean approved = bool("approved", task.getVariable("approved"));
        String comment = approved ? null : text("comment", task.getVariable("comment"), 2000);
        returnedWith(task, comment);
        keepForGateway(task, "approved", approved);
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

    private void centralReview(DelegateTask task, long electionId) {
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
            Set<String> prospective = idSet(candidates.list(electionId, CandidateList.PROSPECTIVE.key()));
            List<Candidate> centre = existing(electionId, "centreNomineeIds", added);
            for (Candidate person : centre) {
                if (prospective.contains(person.id())) {
                    throw InvalidInputException.field("centreNomineeIds", person.name() + "（" + person.id()
                            + "）已在预备人选名单中");
                }
            }
            Set<String> ballot = new LinkedHashSet<>(prospective);
            ballot.addAll(added);
            candidates.replaceList(electionId, CandidateList.BALLOT.key(), List.copyOf(ballot));
            competitiveBallot(electionId);
        } else if (!added.isEmpty()) {
            throw InvalidInputException.field("centreNomineeIds", "退回时不能增加中央提名人选");
        }
        keepForGateway(task, "approved", approved);
        keepForGateway(task, "returnTo", returnTo);
        task.getExecution().getProcessInstance()
                .setVariable("centralReviewReturned", "proposePreliminaryList".equals(returnTo));
    }

    /**
     * Before the ballot is printed: the candidates on it exceed the seats by the unit's competitive ratio, or by the
     * ratio of the exception authorised for the unit (《中国共产党地方组织选举工作条例》 art. 4).
     */
    private void competitiveBallot(long electionId) {
        QuotaReport report = quotaCheckers.of(electionId).ballot(candidates.list(electionId, CandidateList.BALLOT.key()),
                ballotRounds.fullBallot(electionId).seats());
        report.results().stream().filter(r -> r.blocking() && !r.passed()).findFirst().ifPresent(r -> {
            throw InvalidInputException.field("approved", "选票不符合差额选举要求，不能同意：" + r.sentence());
        });
    }

    private void branchRecommendation(DelegateTask task, long electionId) {
        int branches = integer("branchesTotal", task.getVariable("branchesTotal"), 1, 1_000_000);
        int recommending = integer("branchesRecommending", task.getVariable("branchesRecommending"), 0, 1_000_000);
        int members = integer("membersTotal", task.getVariable("membersTotal"), 1, 100_000_000);
        int participating = integer("membersParticipating", task.getVariable("membersParticipating"), 0,
                100_000_000);
        if (recommending > branches) {
            throw InvalidInputException.field("branchesRecommending", "参加推荐的党支部数不能多于党支部总数 " + branches);
        }
        if (participating > members) {
            throw InvalidInputException.field("membersParticipating", "参加推荐的党员人数不能多于党员总数 " + members);
        }
        String unit = (String) task.getVariable(ProcessVariables.UNIT_CODE);
        nominations.save(electionId, unit, branches, recommending, members, participating);
    }

    private void unitNominees(DelegateTask task, long electionId) {
        String unit = (String) task.getVariable(ProcessVariables.UNIT_CODE);
        List<Candidate> chosen = selected(task, electionId);
        Set<String> allowed = idSet(pool(task.getTaskDefinitionKey(), electionId, unit, candidates));
        for (Candidate person : chosen) {
            if (!allowed.contains(person.id())) {
                throw InvalidInputException.field("selectedCandidateIds", person.name() + "（" + person.id()
                        + "）不在本单位的推荐人选中");
            }
        }
        candidates.decide(electionId, CandidateList.NOMINEES, ids(chosen), unit, currentUser.id());
    }

    private void inspectionReport(DelegateTask task, long electionId) {
        Set<String> eligible = idSet(candidates.list(electionId, CandidateList.INSPECTION.key()));
        for (CandidateList check : List.of(CandidateList.CLEARED_ARCHIVES, CandidateList.CLEARED_PERSONAL_MATTERS,
                CandidateList.CLEARED_DISCIPLINE, CandidateList.CLEARED_PETITIONS)) {
            eligible.retainAll(idSet(candidates.list(electionId, check.key())));
        }
        List<Candidate> chosen = selected(task, electionId);
        for (Candidate person : chosen) {
            if (!eligible.contains(person.id()) || !person.fullMember()) {
                throw InvalidInputException.field("selectedCandidateIds", person.name() + "（" + person.id()
                        + "）未通过“四必”核查或不是正式党员，不能确定为考察合格人选");
            }
        }
        store(electionId, CandidateList.SUITABLE, ids(chosen));
    }

    /**
     * The people a list decision chooses from: for a recommending unit its own people in the registry, otherwise
     * the list decided at the step before; {@code null} for a step that decides on no list.
     */
    static List<Candidate> pool(String step, long electionId, String unitCode, CandidateRepository candidates) {
        if ("recommendingUnitDecision".equals(step)) {
            return candidates.findAll(electionId).stream()
                    .filter(c -> unitCode.equals(c.recommendingUnit()) && c.status() != CandidateStatus.REMOVED)
                    .toList();
        }
        CandidateList[] lists = LIST_STEPS.get(step);
        return lists == null ? null : candidates.list(electionId, lists[0].key());
    }

    private void listDecision(DelegateTask task, long electionId) {
        String step = task.getTaskDefinitionKey();
        CandidateList decided = LIST_STEPS.get(step)[1];
        Set<String> allowed = idSet(pool(step, electionId, null, candidates));
        List<Candidate> chosen = selected(task, electionId);
        for (Candidate person : chosen) {
            if (!allowed.contains(person.id())) {
                throw InvalidInputException.field("selectedCandidateIds",
                        person.name() + "（" + person.id() + "）不在上一环节确定的名单中");
            }
        }
        store(electionId, decided, ids(chosen));
    }

    private void doubleSignature(DelegateTask task) {
        if (!bool("partySecretarySigned", task.getVariable("partySecretarySigned"))) {
            throw InvalidInputException.field("partySecretarySigned", "廉洁意见须由党委书记签字");
        }
        if (!bool("disciplineChiefSigned", task.getVariable("disciplineChiefSigned"))) {
            throw InvalidInputException.field("disciplineChiefSigned", "廉洁意见须由纪委书记签字");
        }
        text("opinion", task.getVariable("opinion"), 4000);
    }

    private void verification(DelegateTask task) {
        boolean confirmed = bool("confirmed", task.getVariable("confirmed"));
        String finding = text("finding", task.getVariable("finding"), 4000);
        reports.recordFinding(((Number) task.getVariable("reportId")).longValue(), confirmed, finding);
        keepForGateway(task, "confirmed", confirmed);
    }

    /**
     * Step 20, step 23 and the preliminary round before it: the attendance ({@code electorsDueToAttend},
     * {@code electorsPresent}, {@code ballotsIssued}) and the ballots of the vote's round — either
     * {@code ballotBatchId}, a batch entered before (REST upload), or, when that is empty, {@code ballotsText} from
     * Tasklist's form, the ballots as CSV text, entered here as a batch. The ballots' text is kept neither as a
     * variable nor in the history. The round's tally (counts only) is left in {@code tally} for the counting that
     * follows.
     */
    private void tally(DelegateTask task, long electionId, Vote vote) {
        DelegateExecution instance = task.getExecution().getProcessInstance();
        Object batchId = task.getVariable("ballotBatchId");
        // the form's entry as submitted: a REST completion sets it on the execution, Tasklist on the task, where the
        // header shown (task-local) also lives
        Object text = task.getExecution().hasVariable(TYPED_BALLOTS) ? task.getExecution().getVariable(TYPED_BALLOTS)
                : task.getVariable(TYPED_BALLOTS);
        if (batchId == null || String.valueOf(batchId).isBlank()) {
            if (text == null || String.valueOf(text).isBlank()) {
                throw InvalidInputException.field("ballotBatchId", "请上传选票文件并填写选票批次编号，或在表单中录入选票");
            }
            if (String.valueOf(text).length() > MAX_TYPED_BALLOTS) {
                throw InvalidInputException.field(TYPED_BALLOTS, "表单中录入的选票不能超过 " + MAX_TYPED_BALLOTS
                        + " 字；票数较多时请上传选票文件（POST /api/elections/" + electionId + "/" + vote.ballotsResource()
                        + "），再填写选票批次编号");
            }
            try {
                batchId = ballotRounds.enter(electionId, vote, TableFile.Format.CSV,
                        String.valueOf(text).getBytes(StandardCharsets.UTF_8)).batchId();
            } catch (InvalidInputException e) {
                // the typed ballots are the form's field: a problem of the whole text names it
                throw e.restated("表单中录入的选票有误，未保存任何选票",
                        p -> p.field() == null ? new Problem(p.row(), TYPED_BALLOTS, p.reason()) : p);
            }
        }
        instance.removeVariable(TYPED_BALLOTS);
        Integer due = nullableInteger("electorsDueToAttend", task.getVariable("electorsDueToAttend"));
        Integer present = nullableInteger("electorsPresent", task.getVariable("electorsPresent"));
        Integer issued = nullableInteger("ballotsIssued", task.getVariable("ballotsIssued"));
        Tally tally = ballotRounds.tally(electionId, vote, String.valueOf(batchId), due, present, issued);
        instance.setVariable("ballotBatchId", String.valueOf(batchId));
        instance.setVariable("tally", SpinValues.jsonValue(InputValues.toJson(tally)).create());
    }

    /**
     * After a shortfall the presidium decides ({@code anotherRound}, Boolean) to fill the missing seats in another
     * round, or to elect no more when the number elected is close to the seats ({@code comment} then required).
     */
    private void presidiumDecision(DelegateTask task, long electionId) {
        boolean another = bool("anotherRound", task.getVariable("anotherRound"));
        if (!another) {
            text("comment", task.getVariable("comment"), 2000);
            ballotRounds.closeSeries(electionId, Vote.CONGRESS);
        }
        keepForGateway(task, "anotherRound", another);
    }

    private static Integer nullableInteger(String field, Object value) {
        return value == null ? null : integer(field, value, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    private void record(DelegateTask task) {
        Object value = task.getVariable("completedOn");
        LocalDate date;
        try {
            date = LocalDate.parse(String.valueOf(value).substring(0, Math.min(10, String.valueOf(value).length())));
        } catch (DateTimeParseException e) {
            throw InvalidInputException.field("completedOn", "须为日期 yyyy-MM-dd");
        }
        if (date.isAfter(LocalDate.now(ElectionService.ZONE))) {
            throw InvalidInputException.field("completedOn", "完成日期 " + date + " 晚于今天");
        }
        text("note", task.getVariable("note"), 4000);
    }

    /** The people a list decision selected: at least one, every id in the registry and not removed. */
    private List<Candidate> selected(DelegateTask task, long electionId) {
        List<String> ids = strings("selectedCandidateIds", task.getVariable("selectedCandidateIds"));
        if (ids.isEmpty()) {
            throw InvalidInputException.field("selectedCandidateIds", "至少选择一人");
        }
        return existing(electionId, "selectedCandidateIds", ids);
    }

    private List<Candidate> existing(long electionId, String field, List<String> ids) {
        Map<String, Candidate> found = candidates.findByIds(electionId, ids).stream()
                .collect(Collectors.toMap(Candidate::id, c -> c));
        List<Candidate> result = new ArrayList<>();
        for (String id : ids) {
            Candidate person = found.get(id);
            if (person == null) {
                throw InvalidInputException.field(field, "人选库中没有编号 " + id);
            }
            if (person.status() == CandidateStatus.REMOVED) {
                throw InvalidInputException.field(field, person.name() + "（" + id + "）已被调整出人选");
            }
            result.add(person);
        }
        return result;
    }

    private void store(long electionId, CandidateList list, List<String> chosen) {
        candidates.decide(electionId, list, chosen, null, currentUser.id());
    }

    /**
     * A value the gateway after the task routes on stays in the task's scope only, so that a concurrent task of the
     * same kind (two reports verified at once) cannot complete on it.
     */
    private static void keepForGateway(DelegateTask task, String key, Object value) {
        DelegateExecution execution = task.getExecution();
        DelegateExecution instance = execution.getProcessInstance();
        if (!execution.getId().equals(instance.getId())) {
            instance.removeVariableLocal(key);
        }
        execution.setVariableLocal(key, value);
    }

    private static List<String> ids(List<Candidate> people) {
        return people.stream().map(Candidate::id).toList();
    }

    private static Set<String> idSet(List<Candidate> people) {
        return people.stream().map(Candidate::id).collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
