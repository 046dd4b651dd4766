package org.delegateelection.quota;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stores the effective quota rules of each election (table {@code quota_rule}, one JSON row per rule) and every change
 * of them (table {@code quota_rule_change}, append-only). Writes join the caller's transaction.
 */
@Repository
public class QuotaRuleRepository {

    /** Times of changes are given in this zone. */
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

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
     * Stores one rule of the election in force: replaces the rule of that id, or adds it after the others.
     */
    public void update(long electionId, QuotaRule rule) {
        int updated = jdbc.sql("update quota_rule set rule = :rule where election_id = :election and rule_id = :ruleId")
                .param("rule", QuotaRules.toJson(rule)).param("election", electionId).param("ruleId", rule.id())
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            insert into quota_rule (election_id, position, rule_id, rule)
                            select :election, coalesce(max(position) + 1, 0), :ruleId, :rule
                            from quota_rule where election_id = :election""")
                    .param("election", electionId).param("ruleId", rule.id()).param("rule", QuotaRules.toJson(rule))
                    .update();
        }
    }

    /**
     * Appends a change to the history of the election's rules; rows there are never changed.
     *
     * @param before the rule before, {@code null} for a rule the election added
     * @param after  the rule after
     */
    public void recordChange(long electionId, QuotaRule before, QuotaRule after, String changedBy,
            OffsetDateTime changedAt) {
        jdbc.sql("""
                        insert into quota_rule_change (election_id, rule_id, old_rule, new_rule, changed_by, changed_at)
                        values (:election, :ruleId, :before, :after, :by, :at)""")
                .param("election", electionId).param("ruleId", after.id())
                .param("before", before == null ? null : QuotaRules.toJson(before), Types.VARCHAR)
                .param("after", QuotaRules.toJson(after)).param("by", changedBy).param("at", changedAt)
                .update();
    }

    /**
     * One change of a rule as the history holds it.
     *
     * @param ruleId    the rule's id
     * @param added     true when the change added the rule (there was none before)
     * @param changedBy the engine user who made it
     * @param changedAt when, in Asia/Shanghai
     */
    public record RuleChange(String ruleId, boolean added, String changedBy, OffsetDateTime changedAt) {
    }

    /** The changes of the election's rules, oldest first. */
    public List<RuleChange> changes(long electionId) {
        return jdbc.sql("""
                        select rule_id, old_rule, changed_by, changed_at from quota_rule_change
                        where election_id = :election order by id""")
                .param("election", electionId)
                .query((row, n) -> new RuleChange(row.getString("rule_id"), row.getString("old_rule") == null,
                        row.getString("changed_by"), row.getObject("changed_at", OffsetDateTime.class)
                                .atZoneSameInstant(ZONE).toOffsetDateTime()))
                .list();
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
