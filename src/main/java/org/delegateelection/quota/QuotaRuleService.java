package org.delegateelection.quota;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.delegateelection.candidate.CandidateRepository;
import org.delegateelection.election.ElectionRepository;
import org.delegateelection.system.InvalidInputException;
import org.delegateelection.system.Problem;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The quota rules of an election as it goes: fixed at registration, changed or added later until the lists they check
 * are decided, every change kept in the history.
 */
@Service
public class QuotaRuleService {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final ElectionRepository elections;
    private final QuotaRuleRepository rules;
    private final CandidateRepository candidates;
    private final QuotaReportRepository reports;

    public QuotaRuleService(ElectionRepository elections, QuotaRuleRepository rules, CandidateRepository candidates,
            QuotaReportRepository reports) {
        this.elections = elections;
        this.rules = rules;
        this.candidates = candidates;
        this.reports = reports;
    }

    /**
     * Stores the rules of a newly registered election and records, as changes by the registering user, every rule
     * that differs from the shipped ones ({@code ruleOverrides}).
     */
    @Transactional
    public void register(long electionId, QuotaRules effective, String changedBy) {
        rules.save(electionId, effective);
        QuotaRules shipped = QuotaRules.defaults();
        OffsetDateTime now = OffsetDateTime.now(ZONE);
        for (QuotaRule rule : effective.all()) {
            QuotaRule before = shipped.rule(rule.id()).orElse(null);
            if (!rule.equals(before)) {
                rules.recordChange(electionId, before, rule, changedBy, now);
            }
        }
    }

    /**
     * The rules in force for the election, in report order, each with its source.
     *
     * @throws org.delegateelection.election.ElectionNotFoundException for an unknown election
     */
    public List<EffectiveRule> effective(long electionId) {
        elections.get(electionId);
        Map<String, EffectiveRule.Source> sources = new HashMap<>();
        Set<String> added = new LinkedHashSet<>();
        for (QuotaRuleRepository.RuleChange change : rules.changes(electionId)) {
            if (change.added()) {
                added.add(change.ruleId());
            }
            sources.put(change.ruleId(), new EffectiveRule.Source(added.contains(change.ruleId()) ? "added" : "changed",
                    change.changedBy(), change.changedAt()));
        }
        return load(electionId).all().stream()
                .map(rule -> EffectiveRule.of(rule, sources.getOrDefault(rule.id(), EffectiveRule.Source.SHIPPED)))
                .toList();
    }

    /**
     * Changes or adds one rule of the election ({@link QuotaRules#withChange}) and records the change; a change that
     * changes nothing stores nothing.
     *
     * @return the rule in force after the change
     * @throws org.delegateelection.election.ElectionNotFoundException for an unknown election
     * @throws InvalidInputException naming the field at fault, or {@code checkpoints} when the rule applies (before or
     *                               after the change) at a checkpoint whose list was already decided or that was
     *                               already checked; nothing is stored then
     */
    @Transactional
    public EffectiveRule change(long electionId, String ruleId, JsonNode change, String changedBy) {
        elections.get(electionId);
        QuotaRules current = load(electionId);
        QuotaRule after = current.withChange(ruleId, change).rule(ruleId).orElseThrow();
        QuotaRule before = current.rule(ruleId).orElse(null);
        if (!after.equals(before)) {
            refuseWhereDecided(electionId, before, after);
            rules.update(electionId, after);
            rules.recordChange(electionId, before, after, changedBy, OffsetDateTime.now(ZONE));
        }
        return effective(electionId).stream().filter(rule -> rule.id().equals(ruleId)).findFirst().orElseThrow();
    }

    /**
     * A rule is the election's to change until its lists are decided: refused when one of its checkpoints, before or
     * after the change, has its list decided ({@link Checkpoint#list()}) or a quota report stored (the checkpoints
     * without a list: allocation, plan, participation).
     */
    private void refuseWhereDecided(long electionId, QuotaRule before, QuotaRule after) {
        Set<Checkpoint> touched = new LinkedHashSet<>(after.checkpoints());
        if (before != null) {
            touched.addAll(before.checkpoints());
        }
        List<Problem> problems = new ArrayList<>();
        for (Checkpoint checkpoint : touched) {
            if (checkpoint.list() != null && candidates.isDecided(electionId, checkpoint.list())) {
                problems.add(new Problem(null, "checkpoints", "规则 " + after.id() + " 适用于检查点 " + checkpoint.id()
                        + "（" + checkpoint.title() + "），其名单“" + checkpoint.listNoun()
                        + "”已经确定，不能再调整适用于该检查点的规则"));
            } else if (reports.anyAt(electionId, checkpoint)) {
                problems.add(new Problem(null, "checkpoints", "规则 " + after.id() + " 适用于检查点 " + checkpoint.id()
                        + "（" + checkpoint.title() + "），该检查已经进行，不能再调整适用于该检查点的规则"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("结构比例规则的调整有误", problems);
        }
    }

    private QuotaRules load(long electionId) {
        return rules.load(electionId)
                .orElseThrow(() -> new IllegalStateException("选举 " + electionId + " 没有保存结构比例规则"));
    }
}
