package org.delegateelection.quota;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * One rule in force for an election as {@code GET /api/elections/{id}/rules} gives it: the rule and where it comes
 * from.
 *
 * @param id          the rule's id, e.g. "minoritiesShare"
 * @param kind        what it checks
 * @param label       what it requires, in Chinese
 * @param threshold   the thresholds of its kind by name, e.g. {@code {"minShare": 0.4}}: shares as fractions (0.4 for
 *                    40 %), tolerances in percentage points; empty for a kind without thresholds
 * @param checkpoints where it applies
 * @param blocking    true: a failure fails the check; false: reported only
 * @param exception   a competitive election's authorised exception, or {@code null}
 * @param regulation  the regulation, notice or plan it comes from, in Chinese
 * @param source      shipped with the application, or changed or added for the election, by whom and when
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EffectiveRule(String id, RuleKind kind, String label, Map<String, Object> threshold,
        List<Checkpoint> checkpoints, boolean blocking, QuotaRule.AuthorisedException exception, String regulation,
        Source source) {

    /**
     * Where a rule in force comes from.
     *
     * @param origin    "shipped" (the application's rule as it ships), "changed" (a shipped rule the election
     *                  changed) or "added" (a rule of the election's own)
     * @param changedBy the engine user who made the last change; {@code null} for a shipped rule
     * @param changedAt when, in Asia/Shanghai; {@code null} for a shipped rule
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(String origin, String changedBy, OffsetDateTime changedAt) {

        /** The source of a rule as the application ships it. */
        public static final Source SHIPPED = new Source("shipped", null, null);
    }

    /** The rule in force with its source. */
    static EffectiveRule of(QuotaRule rule, Source source) {
        return new EffectiveRule(rule.id(), rule.kind(), rule.label(), rule.threshold(), rule.checkpoints(),
                rule.blocking(), rule.exception(), rule.source(), source);
    }
}
