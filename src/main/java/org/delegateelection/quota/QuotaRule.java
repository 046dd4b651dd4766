package org.delegateelection.quota;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.delegateelection.candidate.FrontlineKind;

/**
 * One structural rule as data: what it checks ({@link RuleKind}), where, with which thresholds, whether a failure
 * blocks the procedure, what a person reads, and the regulation or notice it comes from. Only the thresholds its kind
 * reads are set; the others are {@code null}. Validity is reported by {@link #problems()}, not enforced here, so that
 * a change can be checked field by field.
 *
 * @param id              camelCase id, unique in a rule set, e.g. "leadingCadreMaxShare"
 * @param kind            what the rule checks
 * @param checkpoints     where it applies (at least one, each supported by the kind)
 * @param blocking        true: a failure fails the check (hard rule); false: reported only
 * @param label           what the rule requires, in Chinese
 * @param source          the regulation or notice the rule comes from, in Chinese
 * @param maxShare        most share allowed, a fraction in [0, 1]
 * @param minShare        least share required, a fraction in [0, 1]
 * @param aboveShare      share to be exceeded strictly, a fraction in [0, 1]
 * @param minSurplus      surplus over the seats to be exceeded strictly, a fraction in [0, 1] (0.15 for "more than
 *                        15 %")
 * @param frontlineKind   the frontline kind counted
 * @param referenceShare  the share at the last congress, a fraction in [0, 1] (0.087 for 8.7 %)
 * @param tolerancePoints largest difference allowed from the reference, in percentage points, in [0, 100]
 * @param cadreLevels     ranks (as in {@code Candidate.level}) that a frontline person must not hold
 * @param exception       for a competitive election only, optional: the unit's own authorised exception to
 *                        {@code minSurplus}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QuotaRule(
        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) RuleKind kind,
        @JsonProperty(required = true) List<Checkpoint> checkpoints,
        @JsonProperty(required = true) boolean blocking,
        @JsonProperty(required = true) String label,
        @JsonProperty(required = true) String source,
        BigDecimal maxShare,
        BigDecimal minShare,
        BigDecimal aboveShare,
        BigDecimal minSurplus,
        FrontlineKind frontlineKind,
        BigDecimal referenceShare,
        BigDecimal tolerancePoints,
        List<String> cadreLevels,
        AuthorisedException exception) {

    /** The field that says whether a failure fails the check. */
    static final String BLOCKING = "blocking";

    /** The field of a competitive election's authorised exception. */
    static final String EXCEPTION = "exception";

    /**
     * An election unit's own exception to the competitive ratio, authorised by the Centre (for the 20th Congress two
     * units were authorised to elect with as many candidates as seats): the ballot then needs at least
     * seats × (1 + {@code allowedSurplus}) candidates, rounded up (进一法), instead of more than seats × (1 +
     * {@code minSurplus}).
     *
     * @param authorisedBy      who authorised it, e.g. 中共中央组织部
     * @param documentReference the document that authorised it, e.g. its number
     * @param allowedSurplus    the surplus allowed, a fraction in [0, 1]; 0 for as many candidates as seats
     */
    public record AuthorisedException(String authorisedBy, String documentReference, BigDecimal allowedSurplus) {
    }

    private static final String SHARE = "介于 0 到 1 之间的小数（即 0 到 100%），如 ";

    private static final Map<String, String> EXPECTED = Map.of(
            BLOCKING, "布尔值 true 或 false",
            "maxShare", SHARE + "0.6667",
            "minShare", SHARE + "0.4（40%）",
            "aboveShare", SHARE + "0.5",
            "minSurplus", SHARE + "0.15",
            "frontlineKind", "以下之一：WORKER、FARMER、PROFESSIONAL_TECHNICIAN、OTHER",
            "referenceShare", SHARE + "0.087",
            "tolerancePoints", "介于 0 到 100 之间的百分点数，如 2.0",
            "cadreLevels", "非空的职级名称数组，如 [\"省部级\", \"厅局级\", \"县处级\"]",
            EXCEPTION, "对象 {\"authorisedBy\": 批准机关, \"documentReference\": 批准文件, \"allowedSurplus\": 0 到 1 之间的小数}");

    /** Copies the lists so that a rule cannot change after it was made. */
    public QuotaRule {
        checkpoints = checkpoints == null ? null : List.copyOf(checkpoints);
        cadreLevels = cadreLevels == null ? null : List.copyOf(cadreLevels);
    }

    /** True when the rule applies at the checkpoint. */
    public boolean appliesAt(Checkpoint checkpoint) {
        return checkpoints.contains(checkpoint);
    }

    /**
     * Everything wrong with the rule, field name → reason in Chinese; empty when the rule is valid: id, kind, label
     * and source present, checkpoints supported by the kind, exactly the kind's thresholds set, each in its range.
     */
    public Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        if (id == null || !id.matches("[a-z][A-Za-z0-9]{0,63}")) {
            problems.put("id", "应为小驼峰英文编号（至多 64 个字符），如 leadingCadreMaxShare");
        }
        if (label == null || label.isBlank() || label.length() > 200) {
            problems.put("label", "应为规则要求的中文表述，不超过 200 字");
        }
        if (source == null || source.isBlank() || source.length() > 500) {
            problems.put("source", "应为规则的依据（法规、通知或本单位实施方案），不超过 500 字");
        }
        if (kind == null) {
            problems.put("kind", "缺少规则类型");
            return problems;
        }
        if (checkpoints == null || checkpoints.isEmpty()) {
            problems.put("checkpoints", "至少适用于一个检查点");
        } else {
            checkpoints.stream().filter(c -> !kind.appliesAt(c)).findFirst().ifPresent(c ->
                    problems.put("checkpoints", "规则类型 " + kind + " 不能用于检查点 " + c.id() + "（可用于："
                            + kind.checkpoints().stream().map(Checkpoint::id).collect(Collectors.joining("、")) + "）"));
        }
        if (exception != null) {
            if (kind != RuleKind.COMPETITIVE_ELECTION) {
                problems.put(EXCEPTION, "只有差额选举规则可以记录经批准的例外");
            } else if (blank(exception.authorisedBy()) || blank(exception.documentReference())
                    || exception.allowedSurplus() == null || !inRange("allowedSurplus", exception.allowedSurplus())) {
                problems.put(EXCEPTION, "应为" + EXPECTED.get(EXCEPTION) + "，批准机关和批准文件均须填写");
            }
        }
        thresholds().forEach((name, value) -> {
            boolean used = kind.parameters().contains(name);
            if (used && (value == null || !inRange(name, value))) {
                problems.put(name, "应为" + EXPECTED.get(name));
            } else if (!used && value != null) {
                problems.put(name, "规则类型 " + kind + " 不使用此字段");
            }
        });
        return problems;
    }

    /**
     * The thresholds of the rule's kind by name, in the kind's order, e.g. {@code {"minShare": 0.4}}; empty for a
     * kind without thresholds.
     */
    public Map<String, Object> threshold() {
        Map<String, Object> threshold = new LinkedHashMap<>();
        thresholds().forEach((name, value) -> {
            if (kind.parameters().contains(name)) {
                threshold.put(name, value);
            }
        });
        return threshold;
    }

    /** What a field should hold, in Chinese, for a message about a bad value. */
    static String expected(String field) {
        return EXPECTED.getOrDefault(field, "有效的取值");
    }

    private Map<String, Object> thresholds() {
        Map<String, Object> thresholds = new LinkedHashMap<>();
        thresholds.put("maxShare", maxShare);
        thresholds.put("minShare", minShare);
        thresholds.put("aboveShare", aboveShare);
        thresholds.put("minSurplus", minSurplus);
        thresholds.put("frontlineKind", frontlineKind);
        thresholds.put("referenceShare", referenceShare);
        thresholds.put("tolerancePoints", tolerancePoints);
        thresholds.put("cadreLevels", cadreLevels);
        return thresholds;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank() || text.length() > 200;
    }

    private static boolean inRange(String name, Object value) {
        if (value instanceof BigDecimal number) {
            BigDecimal max = "tolerancePoints".equals(name) ? BigDecimal.valueOf(100) : BigDecimal.ONE;
            return number.signum() >= 0 && number.compareTo(max) <= 0;
        }
        if (value instanceof List<?> levels) {
            return !levels.isEmpty() && levels.stream().allMatch(l -> l instanceof String s && !s.isBlank());
        }
        return true;
    }
}
