package org.delegateelection.election;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

import org.delegateelection.system.InvalidInputException;
import org.delegateelection.system.PlainText;
import org.delegateelection.system.Problem;

/**
 * An election unit's configuration as given to {@code POST /api/elections} or to the start form in Tasklist.
 * Counts are whole people; {@code womenMemberSharePercent} is a percentage (29.0 for 29.0 %).
 * Feasibility (do the targets fit the seats?) is not checked here but at step 1's gateway, where the
 * organization department can correct it.
 *
 * @param ruleOverrides       changes to the shipped quota rules and rules of the election's own: rule id → the fields
 *                            to set (kind, label, regulation, threshold, checkpoints, blocking, exception), as
 *                            {@code PUT /api/elections/{id}/rules/{ruleId}} takes them; may be {@code null}
 * @param preliminaryElection whether a preliminary election (预选) comes before the formal one; {@code null} is off
 */
public record ElectionRequest(
        String code,
        String name,
        Integer seats,
        Integer nomineeQuota,
        Integer minPreliminary,
        BigDecimal womenMemberSharePercent,
        Integer minMinorities,
        Integer leadingCadreTarget,
        Integer frontlineTarget,
        Integer minWomenNominees,
        Integer minUnder55Nominees,
        LocalDate ageReferenceDate,
        Boolean centreNomineesInAddition,
        List<RecommendingUnit> recommendingUnits,
        Map<String, Map<String, Object>> ruleOverrides,
        Boolean preliminaryElection) {

    /** Codes of election units: lower-case letters, digits and hyphens, 1–64 long. */
    public static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    /**
     * Codes of recommending units: as {@link #CODE}, 1–61 long, so that the unit's group {@code ru-<code>} fits the
     * engine's group ids (at most 64 characters).
     */
    public static final Pattern UNIT_CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,60}");

    /** The request that registers this election unit as it is, with no rule overrides. */
    public static ElectionRequest of(ElectionUnit unit) {
        return new ElectionRequest(unit.code(), unit.name(), unit.seats(), unit.nomineeQuota(), unit.minPreliminary(),
                unit.womenMemberShare().multiply(BigDecimal.valueOf(100)), unit.minMinorities(),
                unit.leadingCadreTarget(), unit.frontlineTarget(), unit.minWomenNominees(), unit.minUnder55Nominees(),
                unit.ageReferenceDate(), unit.centreNomineesInAddition(), unit.recommendingUnits(), null,
                unit.preliminaryElection());
    }

    /** The same request with these rule overrides ({@code null} for none). */
    public ElectionRequest withRuleOverrides(Map<String, Map<String, Object>> overrides) {
        return new ElectionRequest(code, name, seats, nomineeQuota, minPreliminary, womenMemberSharePercent,
                minMinorities, leadingCadreTarget, frontlineTarget, minWomenNominees, minUnder55Nominees,
                ageReferenceDate, centreNomineesInAddition, recommendingUnits, overrides, preliminaryElection);
    }

    /**
     * Checks every field and returns the election unit to store (id 0).
     *
     * @param today     the date used when no age reference date is given (Asia/Shanghai)
     * @param printable whether the documents can print a character (the PDF font's {@code canPrint}): the names of
     *                  the unit and of its recommending units are printed in them
     * @throws InvalidInputException naming every field at fault
     */
    public ElectionUnit validate(LocalDate today, IntPredicate printable) {
        List<Problem> problems = new ArrayList<>();
        if (code == null || !CODE.matcher(code).matches()) {
            problems.add(new Problem(null, "code", "选举单位代码须为1至64位小写字母、数字或连字符"));
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            problems.add(new Problem(null, "name", "选举单位名称不能为空，且不超过200字"));
        } else if (PlainText.problem(name, printable) != null) {
            problems.add(new Problem(null, "name", PlainText.problem(name, printable)));
        }
        positive(problems, "seats", seats);
        positive(problems, "nomineeQuota", nomineeQuota);
        positive(problems, "minPreliminary", minPreliminary);
        notNegative(problems, "minMinorities", minMinorities);
        notNegative(problems, "leadingCadreTarget", leadingCadreTarget);
        notNegative(problems, "frontlineTarget", frontlineTarget);
        notNegative(problems, "minWomenNominees", minWomenNominees);
        notNegative(problems, "minUnder55Nominees", minUnder55Nominees);
        if (womenMemberSharePercent == null || womenMemberSharePercent.signum() <= 0
                || womenMemberSharePercent.compareTo(BigDecimal.valueOf(100)) >= 0) {
            problems.add(new Problem(null, "womenMemberSharePercent", "党员中女性比例须大于0且小于100（百分数）"));
        }
        if (recommendingUnits == null || recommendingUnits.isEmpty()) {
            problems.add(new Problem(null, "recommendingUnits", "至少需要一个推荐单位"));
        } else {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < recommendingUnits.size(); i++) {
                RecommendingUnit unit = recommendingUnits.get(i);
                String field = "recommendingUnits[" + i + "]";
                if (unit == null || unit.code() == null || !UNIT_CODE.matcher(unit.code()).matches()) {
                    problems.add(new Problem(null, field + ".code",
                            "推荐单位代码须为1至61位小写字母、数字或连字符（其用户组 ru-代码 至多 64 个字符）"));
                    continue;
                }
                if (!seen.add(unit.code())) {
                    problems.add(new Problem(null, field + ".code", "推荐单位代码 " + unit.code() + " 重复"));
                }
                if (unit.name() == null || unit.name().isBlank() || unit.name().length() > 200) {
                    problems.add(new Problem(null, field + ".name", "推荐单位名称不能为空，且不超过200字"));
                } else if (PlainText.problem(unit.name(), printable) != null) {
                    problems.add(new Problem(null, field + ".name", PlainText.problem(unit.name(), printable)));
                }
                if (unit.nomineeQuota() < 1) {
                    problems.add(new Problem(null, field + ".nomineeQuota", "推荐名额须至少为1"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("选举单位配置有误", problems);
        }
        return new ElectionUnit(0, code, name.strip(), seats, nomineeQuota, minPreliminary,
                womenMemberSharePercent.divide(BigDecimal.valueOf(100), 4, RoundingMode.HALF_UP), minMinorities,
                leadingCadreTarget, frontlineTarget, minWomenNominees, minUnder55Nominees,
                ageReferenceDate == null ? today : ageReferenceDate,
                centreNomineesInAddition == null || centreNomineesInAddition,
                List.copyOf(recommendingUnits), Boolean.TRUE.equals(preliminaryElection), 1);
    }

    private static void positive(List<Problem> problems, String field, Integer value) {
        if (value == null || value < 1) {
            problems.add(new Problem(null, field, "须为正整数"));
        }
    }

    private static void notNegative(List<Problem> problems, String field, Integer value) {
        if (value == null || value < 0) {
            problems.add(new Problem(null, field, "须为非负整数"));
        }
    }
}
