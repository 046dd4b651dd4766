package org.delegateelection.procedure;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The variables a submission may carry, per user task (task definition key = activity id) and for the start form
 * of {@code delegate-election}: what the step's form asks and its REST-only alternatives (docs/rest-api.md).
 * A completion naming anything else — the variables that steer the procedure ({@code electionId}, {@code unitCode},
 * {@code quotaPassed}, …) above all — is refused before it reaches the engine. {@code FormsTest} checks that every
 * form's fields are declared here for the steps that use the form.
 */
public final class StepVariables {

    /** Key of the start form's entry in {@link #declared(String)}. */
    public static final String START_FORM = "delegate-election:start";

    private static final Set<String> RECORD = Set.of("completedOn", "note");
    private static final Set<String> APPROVAL = Set.of("approved", "comment");
    private static final Set<String> LIST_DECISION = Set.of("selectedCandidateIds");
    private static final Set<String> TALLY = Set.of("electorsDueToAttend", "electorsPresent", "ballotsIssued",
            "ballotBatchId", "ballotsText");
    private static final Set<String> VERIFICATION = Set.of("confirmed", "finding");

    private static final Map<String, Set<String>> DECLARED = declare();

    private StepVariables() {
    }

    /**
     * The names a submission of this step may carry; empty for an unknown key (which therefore takes no variables).
     *
     * @param step a task definition key, or {@link #START_FORM}
     */
    public static Set<String> declared(String step) {
        return DECLARED.getOrDefault(step, Set.of());
    }

    private static Map<String, Set<String>> declare() {
        Map<String, Set<String>> steps = new HashMap<>();
        steps.put(START_FORM, Set.of("electionUnitCode", "electionName", "seats", "nomineeQuota", "minPreliminary",
                "womenMemberSharePercent", "minMinorities", "leadingCadreTarget", "frontlineTarget",
                "minWomenNominees", "minUnder55Nominees", "ageReferenceDate", "centreNomineesInAddition",
                "preliminaryElection", "unitsText"));
        steps.put("registerAllocation", Set.of("seats", "nomineeQuota", "minPreliminary", "minMinorities",
                "womenMemberSharePercent"));
        steps.put("draftImplementationPlan", Set.of("leadingCadreTarget", "frontlineTarget", "minWomenNominees",
                "minUnder55Nominees", "unitQuotas", "unitQuotasText"));
        List.of("approveImplementationPlan", "consultCentralOrganization").forEach(s -> steps.put(s, APPROVAL));
        steps.put("centralReview", Set.of("approved", "returnTo", "comment", "centreNomineeIds"));
        steps.put("branchRecommendation", Set.of("branchesTotal", "branchesRecommending", "membersTotal",
                "membersParticipating"));
        List.of("recommendingUnitDecision", "proposeInspectionList", "checkArchives", "verifyPersonalMatters",
                "hearDisciplineCommission", "investigatePetitions", "inspectionReport", "proposePreliminaryList",
                "credentialsReview").forEach(s -> steps.put(s, LIST_DECISION));
        steps.put("consultDisciplineCommission", Set.of("partySecretarySigned", "disciplineChiefSigned", "opinion"));
        List.of("verifyReport", "verifyObjection").forEach(s -> steps.put(s, VERIFICATION));
        steps.put("plenaryDeliberation", Set.of("completedOn", "note", "prospectiveCount"));
        List.of("plenaryVote", "ballotAndCount", "preliminaryBallot").forEach(s -> steps.put(s, TALLY));
        steps.put("presidiumDecision", Set.of("anotherRound", "comment"));
        List.of("mobilizeAndEducate", "grassrootsSelection", "announceInspection", "conductInspection",
                "verifyIdentity", "consultRegulators", "congressDeliberation", "reportResults")
                .forEach(s -> steps.put(s, RECORD));
        return Map.copyOf(steps);
    }
}
