package org.delegateelection.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
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
    void everyCheckpointHasRulesAndEveryKindIsUsed() {
        assertThat(Checkpoint.values()).allSatisfy(c -> assertThat(defaults.at(c)).as(c.id()).isNotEmpty());
        assertThat(defaults.all()).extracting(QuotaRule::kind).containsAll(Arrays.asList(RuleKind.values()));
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
                {"competitiveElection": {"minSurplus": 0.2}, "workersShare": {"blocking": false, "tolerancePoints": 3}}
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
    void anUnknownRuleIsNamed() {
        assertThat(problems("{\"womenQuota\": {\"blocking\": false}}"))
                .extracting(Problem::field).containsExactly("ruleOverrides.womenQuota");
    }

    @Test
    void anUnknownOrFixedFieldIsNamed() {
        assertThat(problems("{\"competitiveElection\": {\"maxShare\": 0.5, \"label\": \"x\"}}"))
                .extracting(Problem::field)
                .containsExactly("ruleOverrides.competitiveElection.maxShare",
                        "ruleOverrides.competitiveElection.label");
    }

    @Test
    void badValuesAreNamedWithWhatIsExpected() {
        var problems = problems("""
                {"competitiveElection": {"minSurplus": 1.5},
                 "workersShare": {"blocking": "no", "tolerancePoints": "2"},
                 "farmersShare": {"frontlineKind": "MINER"},
                 "frontlineBelowCadreLevels": {"cadreLevels": []},
                 "under55Share": {"minShare": null}}
                """);

        assertThat(problems).extracting(Problem::field).containsExactlyInAnyOrder(
                "ruleOverrides.competitiveElection.minSurplus",
                "ruleOverrides.workersShare.blocking",
                "ruleOverrides.workersShare.tolerancePoints",
                "ruleOverrides.farmersShare.frontlineKind",
                "ruleOverrides.frontlineBelowCadreLevels.cadreLevels",
                "ruleOverrides.under55Share.minShare");
        assertThat(problems).filteredOn(p -> p.field().endsWith("minSurplus")).singleElement()
                .extracting(Problem::reason).asString().contains("0 到 1 之间的小数");
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
