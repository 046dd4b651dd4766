package org.delegateelection.quota;

import org.delegateelection.election.ElectionRepository;
import org.springframework.stereotype.Component;

/** Builds the {@link QuotaChecker} of a registered election from its unit and its saved quota rules. */
@Component
public class QuotaCheckers {

    private final ElectionRepository elections;
    private final QuotaRuleRepository rules;

    public QuotaCheckers(ElectionRepository elections, QuotaRuleRepository rules) {
        this.elections = elections;
        this.rules = rules;
    }

    /**
     * The checker of the election with this id.
     *
     * @throws ElectionNotFoundException for an unknown election
     * @throws IllegalStateException     when the election has no saved rules (every registered election has)
     */
    public QuotaChecker of(long electionId) {
        return new QuotaChecker(elections.get(electionId), rules.load(electionId)
                .orElseThrow(() -> new IllegalStateException("选举 " + electionId + " 没有保存结构比例规则")));
    }
}
