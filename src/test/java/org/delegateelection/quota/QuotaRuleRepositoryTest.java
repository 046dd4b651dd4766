package org.delegateelection.quota;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
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
    void anElectionWithoutRulesHasNone() {
        assertThat(repository.load(electionId)).isEmpty();
    }
}
