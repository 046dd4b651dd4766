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
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
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

    /** The fields of a change of one rule, in {@code ruleOverrides} and in the REST API. */
    private static final List<String> CHANGE_FIELDS = List.of("kind", "label", "regulation", "threshold",
            "checkpoints", "blocking", "exception");

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
     * These rules with a unit's changes made at registration ({@code ruleOverrides}): a JSON object rule id → the
     * change of that rule, each as {@link #withChange} takes it, e.g. {@code {"workersShare": {"blocking": false},
     * "minoritiesShare": {"kind": "MINORITIES_MIN_SHARE", …}}}.
     *
     * @param overrides the JSON object; {@code null} or JSON null leaves the rules as they are
     * @throws InvalidInputException naming every field at fault as "ruleOverrides.&lt;rule&gt;.&lt;field&gt;" (or
     *                               "ruleOverrides.&lt;rule&gt;" for the rule itself)
     */
    public QuotaRules withOverrides(JsonNode overrides) {
        if (overrides == null || overrides.isNull()) {
            return this;
        }
        if (!overrides.isObject()) {
            throw InvalidInputException.field("ruleOverrides", "应为 JSON 对象：规则编号 → 对该规则的调整");
        }
        QuotaRules merged = this;
        List<Problem> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> override : overrides.properties()) {
            merged = merged.apply(override.getKey(), override.getValue(), "ruleOverrides." + override.getKey(),
                    problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("结构比例规则的调整有误", problems);
        }
        return merged;
    }

    /**
     * These rules with one rule changed or added. The change is a JSON object of the fields to set: {@code kind}
     * (a {@link RuleKind}; required for a new rule, unchangeable for an existing one), {@code label} and
     * {@code regulation} (the Chinese requirement and its source; required for a new rule, fixed for a rule of
     * {@link #DEFAULTS}), {@code threshold} (an object of the kind's {@link RuleKind#parameters()}, e.g.
     * {@code {"minShare": 0.4}}: shares as fractions 0–1, i.e. 0–100 %), {@code checkpoints} (ids of
     * {@link Checkpoint}s the kind supports), {@code blocking} (default true for a new rule) and, for a competitive
     * election, {@code exception}. Fields left out keep their value; a new rule comes last in the reports.
     *
     * @param ruleId the rule's id; an id not in these rules adds a rule
     * @throws InvalidInputException naming every field at fault ({@code kind}, {@code threshold.minShare},
     *                               {@code checkpoints}, …; {@code ruleId} for a bad new id) with the allowed values
     */
    public QuotaRules withChange(String ruleId, JsonNode change) {
        List<Problem> problems = new ArrayList<>();
        QuotaRules changed = apply(ruleId, change, null, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException("结构比例规则的调整有误", problems);
        }
        return changed;
    }

    /** The rule with this id, if any. */
    public Optional<QuotaRule> rule(String ruleId) {
        int index = indexOf(ruleId);
        return index < 0 ? Optional.empty() : Optional.of(rules.get(index));
    }

    /**
     * One change, problems collected; these rules unchanged when it has any.
     *
     * @param path the field that names the rule ("ruleOverrides.&lt;id&gt;"), or {@code null} when the fields are
     *             named bare and the rule's id is {@code ruleId} (the REST API)
     */
    private QuotaRules apply(String ruleId, JsonNode change, String path, List<Problem> problems) {
        String idField = path == null ? "ruleId" : path;
        String prefix = path == null ? "" : path + ".";
        if (change == null || !change.isObject()) {
            problems.add(problem(path, "应为 JSON 对象：字段 → 新取值（可设置：" + String.join("、", CHANGE_FIELDS) + "）"));
            return this;
        }
        int before = problems.size();
        change.fieldNames().forEachRemaining(field -> {
            if (!CHANGE_FIELDS.contains(field)) {
                problems.add(problem(prefix + field, "没有字段 " + field + "（可设置：" + String.join("、", CHANGE_FIELDS)
                        + "）"));
            }
        });
        QuotaRule current = rule(ruleId).orElse(null);
        RuleKind kind = kind(current, ruleId, change.get("kind"), prefix, problems);
        if (kind == null) {
            return this;
        }
        ObjectNode tree = current == null ? newRule(ruleId, kind) : JSON.valueToTree(current);
        boolean shipped = current != null && defaults().rule(ruleId).isPresent();
        Set<String> reported = new HashSet<>();
        for (Map.Entry<String, JsonNode> field : change.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            switch (name) {
                case "label", "regulation" -> {
                    String stored = "label".equals(name) ? "label" : "source";
                    if (shipped && !value.equals(tree.get(stored))) {
                        fault(problems, reported, prefix + name, "系统内置规则 " + ruleId + " 的名称和依据不能更改"
                                + "（可调整：threshold、checkpoints、blocking）");
                    } else {
                        tree = set(tree, stored, value, prefix + name, "文字", problems, reported);
                    }
                }
                case "blocking", "exception" -> tree = set(tree, name, value, prefix + name,
                        QuotaRule.expected(name), problems, reported);
                case "checkpoints" -> tree = checkpoints(tree, value, prefix + name, problems, reported);
                case "threshold" -> tree = threshold(tree, kind, value, prefix + name, problems, reported);
                default -> { }
            }
        }
        QuotaRule changed = treeToRule(tree);
        changed.problems().forEach((field, reason) -> {
            String named = switch (field) {
                case "id" -> idField;
                case "source" -> prefix + "regulation";
                case "blocking", "exception", "label", "kind", "checkpoints" -> prefix + field;
                default -> prefix + "threshold." + field;
            };
            fault(problems, reported, named, reason);
        });
        if (problems.size() > before) {
            return this;
        }
        List<QuotaRule> merged = new ArrayList<>(rules);
        if (current == null) {
            merged.add(changed);
        } else {
            merged.set(indexOf(ruleId), changed);
        }
        return new QuotaRules(merged);
    }

    /** The kind of the rule after the change; {@code null}, with a problem, when it cannot be known or changes. */
    private static RuleKind kind(QuotaRule current, String ruleId, JsonNode given, String prefix,
            List<Problem> problems) {
        String allowed = Arrays.stream(RuleKind.values()).map(Enum::name).collect(Collectors.joining("、"));
        if (given == null) {
            if (current == null) {
                problems.add(problem(prefix + "kind", "新增规则须给出规则类型，为以下之一：" + allowed));
            }
            return current == null ? null : current.kind();
        }
        RuleKind kind = Arrays.stream(RuleKind.values()).filter(k -> given.isTextual() && k.name().equals(given.asText()))
                .findFirst().orElse(null);
        if (kind == null) {
            problems.add(problem(prefix + "kind", "没有规则类型 " + given + "；规则类型为以下之一：" + allowed));
        } else if (current != null && kind != current.kind()) {
            problems.add(problem(prefix + "kind", "规则 " + ruleId + " 的类型为 " + current.kind()
                    + "，不能更改；另一类型的要求请以新的编号新增规则"));
            return null;
        }
        return kind;
    }

    /** A new rule before its fields are set: blocking, nothing else filled in. */
    private static ObjectNode newRule(String ruleId, RuleKind kind) {
        ObjectNode tree = JSON.createObjectNode();
        tree.put("id", ruleId).put("kind", kind.name()).put("blocking", true).put("label", "").put("source", "");
        tree.putArray("checkpoints");
        return tree;
    }

    private static ObjectNode checkpoints(ObjectNode tree, JsonNode value, String field, List<Problem> problems,
            Set<String> reported) {
        String allowed = Arrays.stream(Checkpoint.values()).map(Checkpoint::id).collect(Collectors.joining("、"));
        if (!value.isArray()) {
            fault(problems, reported, field, "应为检查点编号的数组，检查点为以下之一：" + allowed);
            return tree;
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode checkpoint : value) {
            boolean known = checkpoint.isTextual() && Arrays.stream(Checkpoint.values())
                    .anyMatch(c -> c.id().equals(checkpoint.asText()));
            if (!known) {
                fault(problems, reported, field, "没有检查点 " + checkpoint + "；检查点为以下之一：" + allowed);
                return tree;
            }
            if (!seen.add(checkpoint.asText())) {
                fault(problems, reported, field, "检查点 " + checkpoint.asText() + " 重复");
                return tree;
            }
        }
        return set(tree, "checkpoints", value, field, allowed, problems, reported);
    }

    private static ObjectNode threshold(ObjectNode tree, RuleKind kind, JsonNode value, String field,
            List<Problem> problems, Set<String> reported) {
        String parameters = kind.parameters().isEmpty() ? "无阈值" : "阈值：" + String.join("、", kind.parameters());
        if (!value.isObject()) {
            fault(problems, reported, field, "应为 JSON 对象：阈值名称 → 取值（规则类型 " + kind + " 的" + parameters + "）");
            return tree;
        }
        for (Map.Entry<String, JsonNode> parameter : value.properties()) {
            String name = parameter.getKey();
            if (!kind.parameters().contains(name)) {
                fault(problems, reported, field + "." + name, "规则类型 " + kind + " 没有阈值 " + name + "（" + parameters
                        + "）");
            } else {
                tree = set(tree, name, parameter.getValue(), field + "." + name, QuotaRule.expected(name), problems,
                        reported);
            }
        }
        return tree;
    }

    /** The tree with one field set, when the rule can still be read; else the tree as it was, and a problem. */
    private static ObjectNode set(ObjectNode tree, String stored, JsonNode value, String field, String expected,
            List<Problem> problems, Set<String> reported) {
        ObjectNode candidate = tree.deepCopy();
        candidate.set(stored, value);
        try {
            JSON.treeToValue(candidate, QuotaRule.class);
            return candidate;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            fault(problems, reported, field, "应为" + expected);
            return tree;
        }
    }

    private static QuotaRule treeToRule(ObjectNode tree) {
        try {
            return JSON.treeToValue(tree, QuotaRule.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("结构比例规则无法读取：" + e.getOriginalMessage(), e);
        }
    }

    /** Adds a problem unless the field has one already. */
    private static void fault(List<Problem> problems, Set<String> reported, String field, String reason) {
        if (reported.add(field)) {
            problems.add(problem(field, reason));
        }
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
