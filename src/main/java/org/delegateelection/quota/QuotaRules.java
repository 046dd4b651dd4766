package org.delegateelection.quota;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.delegateelection.system.InvalidInputException;
import org.delegateelection.system.Problem;

/**
 * The structural rules in force for one election: the defaults for provinces, the central financial system and the
 * central enterprise system (from 中共中央《关于党的二十大代表选举工作的通知》, 2021), with the unit's overrides merged
 * at election creation. Immutable; the order of the rules is the order of the reports.
 */
public final class QuotaRules {

    /** Classpath resource of the default rules. */
    public static final String DEFAULTS = "quota/province-rules.yaml";

    private static final ObjectMapper JSON = strict(JsonMapper.builder());
    private static final ObjectMapper YAML = strict(YAMLMapper.builder());

    private final List<QuotaRule> rules;

    /**
     * A rule set.
     *
     * @throws IllegalArgumentException when two rules share an id or a rule is invalid ({@link QuotaRule#problems()})
     */
    public QuotaRules(List<QuotaRule> rules) {
        Set<String> ids = new HashSet<>();
        for (QuotaRule rule : rules) {
            if (!rule.problems().isEmpty()) {
                throw new IllegalArgumentException("结构比例规则 " + rule.id() + " 有误：" + rule.problems());
            }
            if (!ids.add(rule.id())) {
                throw new IllegalArgumentException("结构比例规则编号重复：" + rule.id());
            }
        }
        this.rules = List.copyOf(rules);
    }

    /**
     * The default rules, read from {@link #DEFAULTS}.
     *
     * @throws IllegalStateException when the resource is missing or unreadable
     */
    public static QuotaRules defaults() {
        try (InputStream in = QuotaRules.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException("缺少默认结构比例规则文件 " + DEFAULTS);
            }
            return new QuotaRules(YAML.readValue(in, new TypeReference<List<QuotaRule>>() { }));
        } catch (IOException e) {
            throw new IllegalStateException("默认结构比例规则文件 " + DEFAULTS + " 无法读取：" + e.getMessage(), e);
        }
    }

    /** Every rule, in report order. */
    public List<QuotaRule> all() {
        return rules;
    }

    /** The rules that apply at the checkpoint, in report order. */
    public List<QuotaRule> at(Checkpoint checkpoint) {
        return rules.stream().filter(rule -> rule.appliesAt(checkpoint)).toList();
    }

    /**
     * These rules with a unit's overrides merged: a JSON object rule id → changed fields, e.g.
     * {@code {"competitiveElection": {"minSurplus": 0.15}, "workersShare": {"blocking": false}}}. A rule's
     * {@code blocking} and the thresholds of its kind can be changed; id, kind, checkpoints, label and source cannot.
     *
     * @param overrides the JSON object; {@code null} or JSON null leaves the rules as they are
     * @throws InvalidInputException naming every field at fault as "ruleOverrides.&lt;rule&gt;.&lt;field&gt;" (or
     *                               "ruleOverrides.&lt;rule&gt;" for an unknown rule): an unknown rule or field, a
     *                               value of the wrong type or out of range
     */
    public QuotaRules withOverrides(JsonNode overrides) {
        if (overrides == null || overrides.isNull()) {
            return this;
        }
        if (!overrides.isObject()) {
            throw InvalidInputException.field("ruleOverrides", "应为 JSON 对象：规则编号 → 要调整的字段");
        }
        List<QuotaRule> merged = new ArrayList<>(rules);
        List<Problem> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> override : overrides.properties()) {
            String path = "ruleOverrides." + override.getKey();
            int index = indexOf(override.getKey());
            if (index < 0) {
                problems.add(problem(path, "没有编号为 " + override.getKey() + " 的规则"));
            } else if (!override.getValue().isObject()) {
                problems.add(problem(path, "应为 JSON 对象：字段 → 新取值"));
            } else {
                merged.set(index, merge(merged.get(index), override.getValue(), path, problems));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("结构比例规则的调整有误", problems);
        }
        return new QuotaRules(merged);
    }

    /** A rule as JSON, as stored. */
    static String toJson(QuotaRule rule) {
        try {
            return JSON.writeValueAsString(rule);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A rule read from its stored JSON; the caller validates it by building a {@link QuotaRules}. */
    static QuotaRule fromJson(String json) throws JsonProcessingException {
        return JSON.readValue(json, QuotaRule.class);
    }

    private QuotaRule merge(QuotaRule rule, JsonNode changes, String path, List<Problem> problems) {
        List<String> changeable = new ArrayList<>(rule.kind().parameters());
        changeable.add(QuotaRule.BLOCKING);
        if (rule.kind() == RuleKind.COMPETITIVE_ELECTION) {
            changeable.add(QuotaRule.EXCEPTION);
        }
        ObjectNode tree = JSON.valueToTree(rule);
        QuotaRule changed = rule;
        for (Map.Entry<String, JsonNode> change : changes.properties()) {
            String field = change.getKey();
            if (!changeable.contains(field)) {
                problems.add(problem(path + "." + field, "规则 " + rule.id() + " 没有可调整的字段 " + field
                        + "（可调整：" + String.join("、", changeable) + "）"));
                continue;
            }
            ObjectNode candidate = tree.deepCopy();
            candidate.set(field, change.getValue());
            try {
                changed = JSON.treeToValue(candidate, QuotaRule.class);
                tree = candidate;
            } catch (JsonProcessingException | IllegalArgumentException e) {
                problems.add(problem(path + "." + field, "应为" + QuotaRule.expected(field)));
            }
        }
        changed.problems().forEach((field, reason) -> problems.add(problem(path + "." + field, reason)));
        return changed;
    }

    private int indexOf(String id) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private static Problem problem(String field, String reason) {
        return new Problem(null, field, reason);
    }

    private static <B extends MapperBuilder<?, B>> ObjectMapper strict(B builder) {
        return builder.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
    }
}
