package org.delegateelection.procedure;

import static org.delegateelection.candidate.CandidateList.BALLOT;
import static org.delegateelection.candidate.CandidateList.CLEARED_ARCHIVES;
import static org.delegateelection.candidate.CandidateList.CLEARED_DISCIPLINE;
import static org.delegateelection.candidate.CandidateList.CLEARED_PERSONAL_MATTERS;
import static org.delegateelection.candidate.CandidateList.CLEARED_PETITIONS;
import static org.delegateelection.candidate.CandidateList.CONFIRMED;
import static org.delegateelection.candidate.CandidateList.ELECTED;
import static org.delegateelection.candidate.CandidateList.INSPECTION;
import static org.delegateelection.candidate.CandidateList.NOMINEES;
import static org.delegateelection.candidate.CandidateList.PRELIMINARY;
import static org.delegateelection.candidate.CandidateList.PROSPECTIVE;
import static org.delegateelection.candidate.CandidateList.SUITABLE;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.delegateelection.candidate.CandidateList;
import org.delegateelection.quota.Checkpoint;
import org.delegateelection.vote.Vote;

/**
 * The catalogue of the procedure's steps (DESIGN §2): every user task of {@code delegate-election} and
 * {@code unit-nomination}, and the national procedure's ({@code national-election}, without a number or stage), with its number, stage, deciding group, quota checkpoint, the lists it shows and decides,
 * its documents, its form and the variables its completion may submit. The process glue (decisions, forms,
 * documents), the driver and the guard of the engine's REST API read it; {@code StepCatalogueTest} checks it against
 * the diagrams and the forms' headings.
 */
public final class Steps {

    /** The candidate group of a recommending unit's steps, as {@code unit-nomination} writes it. */
    public static final String UNIT_GROUP = "ru-${unitCode}";

    /** Key of the start form's entry in {@link #declared(String)}. */
    public static final String START_FORM = "delegate-election:start";

    private static final String ORG_DEPT = "org-dept";
    private static final String STANDING_COMMITTEE = "standing-committee";
    private static final String PLENARY_COMMITTEE = "plenary-committee";
    private static final String DISCIPLINE_COMMISSION = "discipline-commission";
    private static final String INSPECTION_TEAM = "inspection-team";
    private static final String CENTRAL_ORG_DEPT = "central-org-dept";
    private static final String CONGRESS_SECRETARIAT = "congress-secretariat";
    private static final String CREDENTIALS_COMMITTEE = "credentials-committee";

    private static final Set<String> RECORD = Set.of("completedOn", "note");
    private static final Set<String> APPROVAL = Set.of("approved", "comment");
    private static final Set<String> LIST_DECISION = Set.of("selectedCandidateIds");
    /** A list decided from the branch recommendation's support, with the reason for departing from it. */
    private static final Set<String> SUPPORTED_DECISION = Set.of("selectedCandidateIds", "supportReason");
    private static final Set<String> TALLY = Set.of("electorsDueToAttend", "electorsPresent", "ballotsIssued",
            "ballotBatchId", "ballotsText");
    private static final Set<String> VERIFICATION = Set.of("confirmed", "finding");

    private static final Set<String> START_VARIABLES = Set.of("electionUnitCode", "electionName", "seats",
            "nomineeQuota", "minPreliminary", "womenMemberSharePercent", "minMinorities", "leadingCadreTarget",
            "frontlineTarget", "minWomenNominees", "minUnder55Nominees", "ageReferenceDate", "centreNomineesInAddition",
            "preliminaryElection", "unitsText");

    private static final Map<String, Step> STEPS = catalogue();

    private Steps() {
    }

    /** Every step, in the order of the procedure (the verification of a report last). */
    public static List<Step> all() {
        return List.copyOf(STEPS.values());
    }

    /** The step of a task definition key, if the catalogue has it. */
    public static Optional<Step> find(String key) {
        return Optional.ofNullable(STEPS.get(key));
    }

    /**
     * The step of a task definition key.
     *
     * @throws IllegalArgumentException for a key the catalogue lacks (a task added to a diagram but not here)
     */
    public static Step of(String key) {
        Step step = STEPS.get(key);
        if (step == null) {
            throw new IllegalArgumentException("步骤目录中没有任务 " + key + "：请在 Steps 中登记该任务");
        }
        return step;
    }

    /**
     * The names a submission of this step may carry; empty for an unknown key, which therefore takes no variables.
     *
     * @param key a task definition key, or {@link #START_FORM} for the start form of {@code delegate-election}
     */
    public static Set<String> declared(String key) {
        if (START_FORM.equals(key)) {
            return START_VARIABLES;
        }
        Step step = STEPS.get(key);
        return step == null ? Set.of() : step.variables();
    }

    private static Map<String, Step> catalogue() {
        List<Step> steps = new ArrayList<>();
        // stage 1
        steps.add(step("registerAllocation", 1, Stage.LAUNCH, "登记代表名额和结构要求", ORG_DEPT, StepFamily.FIGURES)
                .checkpoint(Checkpoint.ALLOCATION)
                .variables("seats", "nomineeQuota", "minPreliminary", "minMinorities", "womenMemberSharePercent")
                .build());
        steps.add(step("draftImplementationPlan", 2, Stage.LAUNCH, "制定实施方案并分配推荐名额", ORG_DEPT,
                StepFamily.FIGURES).checkpoint(Checkpoint.PLAN)
                .variables("leadingCadreTarget", "frontlineTarget", "minWomenNominees", "minUnder55Nominees",
                        "consultationRounds", "unitQuotas", "unitQuotasText")
                .build());
        steps.add(step("approveImplementationPlan", 3, Stage.LAUNCH, "常委会审批实施方案", STANDING_COMMITTEE,
                StepFamily.APPROVAL).checkpoint(Checkpoint.PLAN).variables(APPROVAL).build());
        steps.add(step("mobilizeAndEducate", 4, Stage.LAUNCH, "宣传动员和纪律教育", ORG_DEPT, StepFamily.RECORD)
                .variables(RECORD).build());
        // stage 2: steps 5-7 once per recommending unit (unit-nomination)
        // the branches' tallies are uploaded before step 5 completes (POST /api/elections/{id}/recommendations)
        steps.add(step("branchRecommendation", 5, Stage.NOMINATION, "汇总党支部推荐情况", UNIT_GROUP,
                StepFamily.FIGURES).checkpoint(Checkpoint.PARTICIPATION).documents(StepDocument.support()).build());
        steps.add(step("grassrootsSelection", 6, Stage.NOMINATION, "基层党委遴选并上报", UNIT_GROUP, StepFamily.RECORD)
                .documents(StepDocument.support()).variables(RECORD).build());
        steps.add(step("recommendingUnitDecision", 7, Stage.NOMINATION, "推荐单位党委确定推荐人选", UNIT_GROUP,
                StepFamily.LIST).checkpoint(Checkpoint.UNIT_NOMINEES).showsOwnUnit().decides(NOMINEES)
                .documents(StepDocument.support()).variables(SUPPORTED_DECISION).build());
        steps.add(listDecision("proposeInspectionList", 8, Stage.NOMINATION, "常委会提出考察对象名单",
                STANDING_COMMITTEE, NOMINEES, INSPECTION).checkpoint(Checkpoint.INSPECTION)
                .documents(StepDocument.support(), StepDocument.composition(NOMINEES))
                .variables(SUPPORTED_DECISION).build());
        // stage 3
        steps.add(step("announceInspection", 9, Stage.INSPECTION, "发布考察预告", ORG_DEPT, StepFamily.RECORD)
                .variables(RECORD).build());
        steps.add(step("conductInspection", 10, Stage.INSPECTION, "开展民主测评和个别谈话", INSPECTION_TEAM,
                StepFamily.RECORD).variables(RECORD).build());
        // the four checks of step 11 ("四必") work on the list of people to inspect
        steps.add(listDecision("checkArchives", 11, Stage.INSPECTION, "审核干部人事档案", ORG_DEPT, INSPECTION,
                CLEARED_ARCHIVES).checkpoint(Checkpoint.INSPECTION).build());
        steps.add(listDecision("verifyPersonalMatters", 11, Stage.INSPECTION, "查核个人有关事项报告", ORG_DEPT,
                INSPECTION, CLEARED_PERSONAL_MATTERS).checkpoint(Checkpoint.INSPECTION).build());
        steps.add(listDecision("hearDisciplineCommission", 11, Stage.INSPECTION, "听取纪检监察机关意见",
                DISCIPLINE_COMMISSION, INSPECTION, CLEARED_DISCIPLINE).checkpoint(Checkpoint.INSPECTION).build());
        steps.add(listDecision("investigatePetitions", 11, Stage.INSPECTION, "核查信访举报", DISCIPLINE_COMMISSION,
                INSPECTION, CLEARED_PETITIONS).checkpoint(Checkpoint.INSPECTION).build());
        steps.add(step("verifyIdentity", 12, Stage.INSPECTION, "认定人选身份", ORG_DEPT, StepFamily.RECORD)
                .checkpoint(Checkpoint.IDENTITY).shows(INSPECTION).variables(RECORD).build());
        steps.add(listDecision("inspectionReport", 13, Stage.INSPECTION, "形成考察报告并调整人选", INSPECTION_TEAM,
                INSPECTION, SUITABLE).checkpoint(Checkpoint.INSPECTED).build());
        // stage 4
        steps.add(step("consultDisciplineCommission", 14, Stage.PRELIMINARY, "征求纪检监察机关意见（双签字）",
                DISCIPLINE_COMMISSION, StepFamily.APPROVAL).shows(SUITABLE)
                .variables("partySecretarySigned", "disciplineChiefSigned", "opinion").build());
        steps.add(step("consultRegulators", 15, Stage.PRELIMINARY, "征求执法和行业监管部门意见", ORG_DEPT,
                StepFamily.RECORD).shows(SUITABLE).variables(RECORD).build());
        steps.add(listDecision("proposePreliminaryList", 16, Stage.PRELIMINARY, "常委会提出代表候选人初步人选",
                STANDING_COMMITTEE, SUITABLE, PRELIMINARY).checkpoint(Checkpoint.PRELIMINARY)
                .documents(StepDocument.composition(INSPECTION)).build());
        steps.add(step("consultCentralOrganization", 17, Stage.PRELIMINARY, "与中央组织部沟通初步人选",
                CENTRAL_ORG_DEPT, StepFamily.APPROVAL).checkpoint(Checkpoint.PRELIMINARY).shows(PRELIMINARY)
                .variables(APPROVAL).build());
        steps.add(step("verifyObjection", 18, Stage.PRELIMINARY, "核实公示期间反映的问题", ORG_DEPT,
                StepFamily.VERIFICATION).variables(VERIFICATION).build());
        // stage 5
        steps.add(step("plenaryDeliberation", 19, Stage.PROSPECTIVE, "全委会酝酿初步人选", PLENARY_COMMITTEE,
                StepFamily.RECORD).shows(PRELIMINARY).variables("completedOn", "note", "prospectiveCount").build());
        steps.add(tally("plenaryVote", 20, Stage.PROSPECTIVE, "全委会表决确定预备人选", PLENARY_COMMITTEE, Vote.PLENARY)
                .checkpoint(Checkpoint.PROSPECTIVE).shows(PRELIMINARY).decides(PROSPECTIVE)
                .documents(StepDocument.ballotPaper("plenary"), StepDocument.composition(PRELIMINARY)).build());
        steps.add(step("centralReview", 21, Stage.PROSPECTIVE, "中央组织部审查预备人选", CENTRAL_ORG_DEPT,
                StepFamily.APPROVAL).checkpoint(Checkpoint.PROSPECTIVE).shows(PROSPECTIVE).decides(BALLOT)
                .documents(StepDocument.roster(), StepDocument.composition(PROSPECTIVE))
                .variables("approved", "returnTo", "comment", "centreNomineeIds").build());
        // stage 6
        steps.add(step("congressDeliberation", 22, Stage.ELECTION, "代表酝酿代表候选人名单", CONGRESS_SECRETARIAT,
                StepFamily.RECORD).shows(BALLOT).documents(StepDocument.ballotPaper("congress"),
                        StepDocument.ballotPaper("preliminary")).variables(RECORD).build());
        steps.add(tally("preliminaryBallot", 23, Stage.ELECTION, "预选投票并计票", CONGRESS_SECRETARIAT, Vote.CONGRESS)
                .checkpoint(Checkpoint.BALLOT).documents(StepDocument.ballotPaper("preliminary")).build());
        steps.add(tally("ballotAndCount", 23, Stage.ELECTION, "无记名投票并计票", CONGRESS_SECRETARIAT, Vote.CONGRESS)
                .checkpoint(Checkpoint.ELECTED).decides(ELECTED).documents(StepDocument.ballotPaper("congress"))
                .build());
        steps.add(step("presidiumDecision", null, Stage.ELECTION, "主席团决定是否另行选举", CONGRESS_SECRETARIAT,
                StepFamily.APPROVAL).variables("anotherRound", "comment").build());
        // stage 7
        steps.add(step("reportResults", 24, Stage.CONFIRMATION, "向党中央报告选举结果", ORG_DEPT, StepFamily.RECORD)
                .documents(StepDocument.result(), StepDocument.composition(ELECTED)).variables(RECORD).build());
        steps.add(listDecision("credentialsReview", 25, Stage.CONFIRMATION, "代表资格审查委员会确认代表资格",
                CREDENTIALS_COMMITTEE, ELECTED, CONFIRMED).checkpoint(Checkpoint.ELECTED)
                .documents(StepDocument.result(), StepDocument.composition(ELECTED))
                .variables("selectedCandidateIds", "invalidDelegatesText").build());
        // at any time from stage 2 to stage 6 (event sub-process candidateReport)
        steps.add(step("verifyReport", null, null, "核实对候选人的举报", ORG_DEPT + "," + DISCIPLINE_COMMISSION,
                StepFamily.VERIFICATION).variables(VERIFICATION).build());
        // once the ballot is printed, until the election closes (event sub-process candidateCorrection)
        steps.add(step("reviewCorrection", null, null, "审核纠错申请", ORG_DEPT, StepFamily.CORRECTION)
                .variables("approved", "finding").build());
        // the national procedure (national-election)
        steps.add(step("allocateSeats", null, null, "分配各选举单位代表名额", CENTRAL_ORG_DEPT, StepFamily.NATIONAL)
                .variables("allocationText").build());
        steps.add(step("remindUnit", null, null, "催办选举单位", CENTRAL_ORG_DEPT, StepFamily.NATIONAL)
                .variables("reminderNote").build());
        steps.add(step("confirmCredentials", null, null, "审查确认各选举单位代表资格", CREDENTIALS_COMMITTEE,
                StepFamily.NATIONAL).variables("unitCodesText", "invalidDelegatesText").build());
        Map<String, Step> byKey = new LinkedHashMap<>();
        steps.forEach(step -> byKey.put(step.key(), step));
        return byKey;
    }

    private static Builder step(String key, Integer number, Stage stage, String title, String groups,
            StepFamily family) {
        return new Builder(key, number, stage, title, groups, family);
    }

    private static Builder listDecision(String key, int number, Stage stage, String title, String groups,
            CandidateList from, CandidateList decided) {
        return step(key, number, stage, title, groups, StepFamily.LIST).shows(from).decides(decided)
                .variables(LIST_DECISION);
    }

    private static Builder tally(String key, int number, Stage stage, String title, String groups, Vote vote) {
        Builder builder = step(key, number, stage, title, groups, StepFamily.TALLY).variables(TALLY);
        builder.vote = vote;
        return builder;
    }

    /** Collects one step's facts; the form key is the key in kebab case, as every form of {@code forms/} is named. */
    private static final class Builder {
        private final String key;
        private final Integer number;
        private final Stage stage;
        private final String title;
        private final String groups;
        private final StepFamily family;
        private Checkpoint checkpoint;
        private CandidateList shows;
        private boolean showsOwnUnit;
        private CandidateList decides;
        private Vote vote;
        private List<StepDocument> documents = List.of();
        private Set<String> variables = Set.of();

        Builder(String key, Integer number, Stage stage, String title, String groups, StepFamily family) {
            this.key = key;
            this.number = number;
            this.stage = stage;
            this.title = title;
            this.groups = groups;
            this.family = family;
        }

        Builder checkpoint(Checkpoint value) {
            checkpoint = value;
            return this;
        }

        Builder shows(CandidateList value) {
            shows = value;
            return this;
        }

        Builder showsOwnUnit() {
            showsOwnUnit = true;
            return this;
        }

        Builder decides(CandidateList value) {
            decides = value;
            return this;
        }

        Builder documents(StepDocument... value) {
            documents = List.of(value);
            return this;
        }

        Builder variables(String... value) {
            variables = Set.of(value);
            return this;
        }

        Builder variables(Set<String> value) {
            variables = value;
            return this;
        }

        Step build() {
            return new Step(key, number, stage, title, groups, family, checkpoint, shows, showsOwnUnit, decides, vote,
                    documents, key.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT), variables);
        }
    }
}
