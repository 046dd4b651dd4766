package org.delegateelection.quota;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores the effective quota rules of each election (table {@code quota_rule}, one JSON row per rule). */
@Repository
public class QuotaRuleRepository {

    private final JdbcClient jdbc;

    /** A repository on the application's database. */
    public QuotaRuleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the rules of the election, replacing any stored before, in their order. */
    public void save(long electionId, QuotaRules rules) {
        jdbc.sql("delete from quota_rule where election_id = :election").param("election", electionId).update();
        int position = 0;
        for (QuotaRule rule : rules.all()) {
            jdbc.sql("insert into quota_rule (election_id, position, rule_id, rule) "
                            + "values (:election, :position, :ruleId, :rule)")
                    .param("election", electionId)
                    .param("position", position++)
                    .param("ruleId", rule.id())
                    .param("rule", QuotaRules.toJson(rule))
                    .update();
        }
    }

    /**
     * The rules stored for the election, in their order.
     *
     * @return empty when none are stored
     * @throws IllegalStateException when a stored rule cannot be read or is invalid
     */
    public Optional<QuotaRules> load(long electionId) {
        List<String> stored = jdbc.sql("select rule from quota_rule where election_id = :election order by position")
                .param("election", electionId).query(String.class).list();
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        List<QuotaRule> rules = new ArrayList<>();
        try {
            for (String json : stored) {
                rules.add(QuotaRules.fromJson(json));
            }
            return Optional.of(new QuotaRules(rules));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("选举 " + electionId + " 保存的结构比例规则无法读取：" + e.getMessage(), e);
        }
    }
}
