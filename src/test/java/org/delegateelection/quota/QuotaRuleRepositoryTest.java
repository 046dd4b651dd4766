package org.delegateelection.quota;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

@JdbcTest
@Import(QuotaRuleRepository.class)
class QuotaRuleRepositoryTest {

    /** Keeps the application class, which enables the process engine, out of this database slice. */
    @SpringBootConfiguration
    static class DatabaseOnly {
    }

    @Autowired
    private QuotaRuleRepository repository;

    @Autowired
    private JdbcClient jdbc;

    private long electionId;

    @BeforeEach
    void anElection() {
        jdbc.sql("""
                insert into election (code, name, seats, nominee_quota, min_preliminary, women_member_share,
                    min_minorities, leading_cadre_target, frontline_target, min_women_nominees, min_under55_nominees,
                    age_reference_date, centre_nominees_in_addition)
                values ('handbook', '手册示例省', 69, 90, 80, 0.2900, 2, 51, 39, 27, 45, date '2022-06-30', false)
                """).update();
        electionId = jdbc.sql("select id from election where code = 'handbook'").query(Long.class).single();
    }

    @Test
    void theRulesOfAnElectionReadBackInTheirOrder() throws Exception {
        QuotaRules rules = QuotaRules.defaults().withOverrides(new ObjectMapper().readTree(
                "{\"competitiveElection\": {\"threshold\": {\"minSurplus\": 0.2}}, \"workersShare\": {\"blocking\": false}}"));

        repository.save(electionId, rules);

        assertThat(repository.load(electionId)).hasValueSatisfying(loaded -> assertThat(loaded.all())
                .isEqualTo(rules.all()));
    }

    @Test
    void savingAgainReplacesTheRules() {
        QuotaRules defaults = QuotaRules.defaults();
        QuotaRules fewer = new QuotaRules(defaults.all().subList(0, 3));
        repository.save(electionId, defaults);

        repository.save(electionId, fewer);

        assertThat(repository.load(electionId)).hasValueSatisfying(loaded -> assertThat(loaded.all())
                .isEqualTo(fewer.all()));
    }

    @Test
    void aRuleUpdatedReplacesItsRowAndANewOneComesLast() throws Exception {
        QuotaRules defaults = QuotaRules.defaults();
        repository.save(electionId, defaults);
        QuotaRules changed = defaults.withChange("womenShare", new ObjectMapper().readTree("{\"blocking\": false}"))
                .withChange("minoritiesShare", new ObjectMapper().readTree("""
                        {"kind": "MINORITIES_MIN_SHARE", "label": "少数民族人选比例不低于 40%", "regulation": "本自治区实施方案",
                         "threshold": {"minShare": 0.4}, "checkpoints": ["prospective", "elected"]}"""));

        repository.update(electionId, changed.rule("womenShare").orElseThrow());
        repository.update(electionId, changed.rule("minoritiesShare").orElseThrow());

        assertThat(repository.load(electionId)).hasValueSatisfying(loaded -> assertThat(loaded.all())
                .isEqualTo(changed.all()));
    }

    @Test
    void theHistoryOfChangesIsAppendedAndReadOldestFirst() {
        QuotaRule shipped = QuotaRules.defaults().rule("womenShare").orElseThrow();
        QuotaRule lenient = new QuotaRule(shipped.id(), shipped.kind(), shipped.checkpoints(), false, shipped.label(),
                shipped.source(), null, null, null, null, null, null, null, null, null);
        OffsetDateTime at = OffsetDateTime.parse("2026-12-01T09:30:00+08:00");

        repository.recordChange(electionId, shipped, lenient, "zhangwei", at);
        repository.recordChange(electionId, null, lenient, "zhangwei", at.plusHours(1));

        assertThat(repository.changes(electionId)).containsExactly(
                new QuotaRuleRepository.RuleChange("womenShare", false, "zhangwei", at),
                new QuotaRuleRepository.RuleChange("womenShare", true, "zhangwei", at.plusHours(1)));
        assertThat(jdbc.sql("select old_rule from quota_rule_change order by id").query(String.class).list())
                .first().asString().contains("\"blocking\":true");
    }

    @Test
    void anElectionWithoutRulesHasNone() {
        assertThat(repository.load(electionId)).isEmpty();
    }
}
