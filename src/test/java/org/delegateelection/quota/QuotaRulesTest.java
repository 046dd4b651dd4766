package org.delegateelection.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.delegateelection.system.InvalidInputException;
import org.delegateelection.system.Problem;
import org.junit.jupiter.api.Test;

class QuotaRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final QuotaRules defaults = QuotaRules.defaults();

    @Test
    void everyDefaultRuleHasAChineseLabelAndASource() {
        assertThat(defaults.all()).isNotEmpty().allSatisfy(rule -> {
            assertThat(rule.problems()).as(rule.id()).isEmpty();
            assertThat(rule.label()).as(rule.id()).containsPattern("\\p{IsHan}");
            assertThat(rule.source()).as(rule.id()).containsPattern("《.+》");
        });
    }

    @Test
    void everyCheckpointHasRulesAndEveryKindButTheElectionsOwnMinoritiesShareIsUsed() {
        assertThat(Checkpoint.values()).allSatisfy(c -> assertThat(defaults.at(c)).as(c.id()).isNotEmpty());
        assertThat(defaults.all()).extracting(QuotaRule::kind).containsAll(Arrays.stream(RuleKind.values())
                .filter(kind -> kind != RuleKind.MINORITIES_MIN_SHARE).toList());
    }

    @Test
    void theProcedureDocumentListsEveryKindAndEveryShippedRuleWithItsThresholdAndSource() throws Exception {
        String procedure = Files.readString(Path.of("docs/procedure.md"), StandardCharsets.UTF_8);

        assertThat(Arrays.stream(RuleKind.values())).allSatisfy(kind -> assertThat(procedure)
                .contains("| " + kind.name() + " | "));
        assertThat(defaults.all()).allSatisfy(rule -> assertThat(procedure).containsPattern("\\| `" + rule.id()
                + "` \\| " + rule.kind() + " \\| [^\\n]*" + Pattern.quote(rule.source()) + " \\|"));
        assertThat(procedure).contains("| `minoritiesCount` |", "| `leadingCadreMaxShare` | LEADING_CADRE_MAX_SHARE | "
                + "`maxShare` 0.6667 |");
    }

    @Test
    void defaultsCarryTheNoticesThresholds() {
        assertThat(rule(defaults, "leadingCadreMaxShare").maxShare()).isEqualByComparingTo("0.6667");
        assertThat(rule(defaults, "frontlineMinShare").minShare()).isEqualByComparingTo("0.3333");
        assertThat(rule(defaults, "under55Share").minShare()).isEqualByComparingTo("0.5");
        assertThat(rule(defaults, "competitiveElection").minSurplus()).isEqualByComparingTo("0.15");
        assertThat(rule(defaults, "workersShare").referenceShare()).isEqualByComparingTo("0.087");
        assertThat(rule(defaults, "farmersShare").referenceShare()).isEqualByComparingTo("0.038");
        assertThat(rule(defaults, "techniciansShare").referenceShare()).isEqualByComparingTo("0.124");
        assertThat(rule(defaults, "frontlineBelowCadreLevels").cadreLevels()).containsExactly("省部级", "厅局级", "县处级");
        assertThat(rule(defaults, "npcCppccOverlap").blocking()).isFalse();
    }

    @Test
    void overridesChangeOnlyTheNamedFields() throws Exception {
        QuotaRules merged = defaults.withOverrides(json("""
                {"competitiveElection": {"threshold": {"minSurplus": 0.2}},
                 "workersShare": {"blocking": false, "threshold": {"tolerancePoints": 3}}}
                """));

        assertThat(rule(merged, "competitiveElection").minSurplus()).isEqualByComparingTo("0.2");
        assertThat(rule(merged, "competitiveElection").label())
                .isEqualTo(rule(defaults, "competitiveElection").label());
        assertThat(rule(merged, "workersShare").blocking()).isFalse();
        assertThat(rule(merged, "workersShare").tolerancePoints()).isEqualByComparingTo("3");
        assertThat(rule(merged, "workersShare").referenceShare()).isEqualByComparingTo("0.087");
        assertThat(rule(defaults, "workersShare").blocking()).as("defaults unchanged").isTrue();
        assertThat(merged.all()).extracting(QuotaRule::id).containsExactlyElementsOf(
                defaults.all().stream().map(QuotaRule::id).toList());
    }

    @Test
    void noOverridesLeaveTheDefaults() {
        assertThat(defaults.withOverrides(null).all()).isEqualTo(defaults.all());
        assertThat(defaults.withOverrides(JSON.nullNode()).all()).isEqualTo(defaults.all());
    }

    @Test
    void anUnknownRuleWithoutAKindIsNamed() {
        assertThat(problems("{\"womenQuota\": {\"blocking\": false}}"))
                .extracting(Problem::field).containsExactly("ruleOverrides.womenQuota.kind");
    }

    @Test
    void anUnknownOrFixedFieldIsNamed() {
        assertThat(problems("""
                {"competitiveElection": {"minSurplus": 0.2, "threshold": {"maxShare": 0.5}, "label": "x"}}"""))
                .extracting(Problem::field)
                .containsExactly("ruleOverrides.competitiveElection.minSurplus",
                        "ruleOverrides.competitiveElection.threshold.maxShare",
                        "ruleOverrides.competitiveElection.label");
    }

    @Test
    void badValuesAreNamedWithWhatIsExpected() {
        var problems = problems("""
                {"competitiveElection": {"threshold": {"minSurplus": 1.5}},
                 "workersShare": {"blocking": "no", "threshold": {"tolerancePoints": "2"}},
                 "farmersShare": {"threshold": {"frontlineKind": "MINER"}},
                 "frontlineBelowCadreLevels": {"threshold": {"cadreLevels": []}},
                 "under55Share": {"threshold": {"minShare": null}}}
                """);

        assertThat(problems).extracting(Problem::field).containsExactlyInAnyOrder(
                "ruleOverrides.competitiveElection.threshold.minSurplus",
                "ruleOverrides.workersShare.blocking",
                "ruleOverrides.workersShare.threshold.tolerancePoints",
                "ruleOverrides.farmersShare.threshold.frontlineKind",
                "ruleOverrides.frontlineBelowCadreLevels.threshold.cadreLevels",
                "ruleOverrides.under55Share.threshold.minShare");
        assertThat(problems).filteredOn(p -> p.field().endsWith("minSurplus")).singleElement()
                .extracting(Problem::reason).asString().contains("0 到 1 之间的小数", "0 到 100%");
    }

    @Test
    void anAuthorisedExceptionIsRecordedWholeAndOnlyForTheCompetitiveElection() {
        assertThat(problems("""
                {"competitiveElection": {"exception": {"authorisedBy": "中共中央组织部", "allowedSurplus": 0}},
                 "workersShare": {"exception": {"authorisedBy": "中共中央组织部", "documentReference": "1号",
                  "allowedSurplus": 0}}}
                """)).extracting(Problem::field).containsExactly(
                "ruleOverrides.competitiveElection.exception", "ruleOverrides.workersShare.exception");
        assertThat(problems("""
                {"competitiveElection": {"exception": {"authorisedBy": "中共中央组织部", "documentReference": "1号",
                 "allowedSurplus": 1.5}}}
                """)).extracting(Problem::field).containsExactly("ruleOverrides.competitiveElection.exception");
    }

    @Test
    void overridesMustBeAnObjectOfObjects() {
        assertThat(problems("[1]")).extracting(Problem::field).containsExactly("ruleOverrides");
        assertThat(problems("{\"workersShare\": false}")).extracting(Problem::field)
                .containsExactly("ruleOverrides.workersShare");
    }

    @Test
    void aRuleWhoseKindCannotApplyAtACheckpointIsRejected() {
        QuotaRule misplaced = new QuotaRule("x", RuleKind.PARTICIPATION_MAJORITY, List.of(Checkpoint.ELECTED),
                true, "标签", "《依据》", null, null, new BigDecimal("0.5"), null, null, null, null, null, null);

        assertThat(misplaced.problems()).containsKey("checkpoints");
        assertThatThrownBy(() -> new QuotaRules(List.of(misplaced)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x");
    }

    /** The region's rule of issue 15: at least 40 % minorities among the prospective candidates and the elected. */
    private static final String MINORITIES_40 = """
            {"kind": "MINORITIES_MIN_SHARE", "label": "少数民族人选比例不低于 40%",
             "regulation": "本自治区党的二十大代表选举工作实施方案", "threshold": {"minShare": 0.4},
             "checkpoints": ["prospective", "elected"]}""";

    @Test
    void anElectionAddsARuleOfAKnownKindUnderANewIdLastInTheReports() throws Exception {
        QuotaRules added = defaults.withChange("minoritiesShare", json(MINORITIES_40));

        QuotaRule rule = rule(added, "minoritiesShare");
        assertThat(rule.kind()).isEqualTo(RuleKind.MINORITIES_MIN_SHARE);
        assertThat(rule.minShare()).isEqualByComparingTo("0.4");
        assertThat(rule.checkpoints()).containsExactly(Checkpoint.PROSPECTIVE, Checkpoint.ELECTED);
        assertThat(rule.blocking()).as("blocking unless said otherwise").isTrue();
        assertThat(rule.source()).isEqualTo("本自治区党的二十大代表选举工作实施方案");
        assertThat(rule.threshold()).containsOnlyKeys("minShare");
        assertThat(added.all()).last().isEqualTo(rule);
        assertThat(defaults.rule("minoritiesShare")).as("defaults unchanged").isEmpty();
        assertThat(added.at(Checkpoint.PROSPECTIVE)).contains(rule);
        assertThat(added.at(Checkpoint.PRELIMINARY)).doesNotContain(rule);
    }

    @Test
    void aShippedRuleChangesItsThresholdCheckpointsAndBlockingButKeepsItsKindLabelAndRegulation() throws Exception {
        QuotaRules changed = defaults.withChange("leadingCadreMaxShare", json("""
                {"threshold": {"maxShare": 0.6}, "checkpoints": ["prospective", "elected"], "blocking": false}"""));

        QuotaRule rule = rule(changed, "leadingCadreMaxShare");
        assertThat(rule.maxShare()).isEqualByComparingTo("0.6");
        assertThat(rule.checkpoints()).containsExactly(Checkpoint.PROSPECTIVE, Checkpoint.ELECTED);
        assertThat(rule.blocking()).isFalse();
        assertThat(rule.label()).isEqualTo(rule(defaults, "leadingCadreMaxShare").label());

        assertThat(changeProblems("leadingCadreMaxShare", """
                {"kind": "FRONTLINE_MIN_SHARE", "label": "别的要求", "regulation": "别的依据"}"""))
                .extracting(Problem::field).containsExactly("kind");
        assertThat(changeProblems("leadingCadreMaxShare", "{\"label\": \"别的要求\", \"regulation\": \"别的依据\"}"))
                .extracting(Problem::field).containsExactly("label", "regulation");
    }

    @Test
    void aRuleOfAnUnknownKindIsRefusedNamingKindWithTheKindsThereAre() {
        List<Problem> problems = changeProblems("minoritiesShare",
                MINORITIES_40.replace("MINORITIES_MIN_SHARE", "MINORITIES_QUOTA"));

        assertThat(problems).extracting(Problem::field).containsExactly("kind");
        assertThat(problems.get(0).reason()).contains("MINORITIES_QUOTA", "MINORITIES_MIN_SHARE", "LEADING_CADRE_MAX_SHARE");
        assertThat(changeProblems("minoritiesShare", "{\"threshold\": {\"minShare\": 0.4}}"))
                .extracting(Problem::field).containsExactly("kind");
    }

    @Test
    void aThresholdOutsideZeroToAHundredPercentIsRefusedNamingIt() {
        for (String share : List.of("1.4", "-0.1", "40", "\"0.4\"")) {
            List<Problem> problems = changeProblems("minoritiesShare", MINORITIES_40.replace("0.4}", share + "}"));
            assertThat(problems).as(share).extracting(Problem::field).containsExactly("threshold.minShare");
            assertThat(problems.get(0).reason()).as(share).contains("0 到 100%");
        }
        assertThat(changeProblems("minoritiesShare", MINORITIES_40.replace("minShare", "maxShare")))
                .extracting(Problem::field).containsExactly("threshold.maxShare", "threshold.minShare");
    }

    @Test
    void anUnknownCheckpointOrOneTheKindCannotCheckIsRefusedWithTheAllowedOnes() {
        List<Problem> unknown = changeProblems("minoritiesShare", MINORITIES_40.replace("\"elected\"", "\"congress\""));
        assertThat(unknown).extracting(Problem::field).containsExactly("checkpoints");
        assertThat(unknown.get(0).reason()).contains("congress", "prospective", "elected", "allocation");

        List<Problem> unsupported = changeProblems("minoritiesShare", MINORITIES_40.replace("\"elected\"", "\"plan\""));
        assertThat(unsupported).extracting(Problem::field).containsExactly("checkpoints");
        assertThat(unsupported.get(0).reason()).contains("plan", "可用于", "elected");
        assertThat(changeProblems("minoritiesShare", MINORITIES_40.replace("\"elected\"", "\"prospective\"")))
                .extracting(Problem::field).containsExactly("checkpoints");
    }

    @Test
    void aNewRuleNeedsItsLabelRegulationThresholdCheckpointsAndACamelCaseId() {
        assertThat(changeProblems("minoritiesShare", "{\"kind\": \"MINORITIES_MIN_SHARE\"}"))
                .extracting(Problem::field)
                .containsExactlyInAnyOrder("label", "regulation", "checkpoints", "threshold.minShare");
        assertThat(changeProblems("Minorities share", MINORITIES_40)).extracting(Problem::field)
                .containsExactly("ruleId");
        assertThat(changeProblems("minoritiesShare", MINORITIES_40.replace("\"kind\"", "\"type\"")))
                .extracting(Problem::field).contains("type", "kind");
    }

    @Test
    void overridesAtRegistrationAddRulesAsTheRestApiDoes() throws Exception {
        QuotaRules registered = defaults.withOverrides(json("{\"minoritiesShare\": " + MINORITIES_40 + "}"));

        assertThat(registered.all()).last().isEqualTo(rule(defaults.withChange("minoritiesShare", json(MINORITIES_40)),
                "minoritiesShare"));
        assertThat(problems("{\"minoritiesShare\": " + MINORITIES_40.replace("0.4}", "1.4}") + "}"))
                .extracting(Problem::field).containsExactly("ruleOverrides.minoritiesShare.threshold.minShare");
    }

    private List<Problem> changeProblems(String ruleId, String change) {
        try {
            defaults.withChange(ruleId, json(change));
        } catch (InvalidInputException e) {
            return e.problems();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("change accepted: " + change);
    }

    private List<Problem> problems(String overrides) {
        try {
            defaults.withOverrides(json(overrides));
        } catch (InvalidInputException e) {
            return e.problems();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("overrides accepted: " + overrides);
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    static QuotaRule rule(QuotaRules rules, String id) {
        return rules.all().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }
}
