package org.delegateelection.quota;

import static org.delegateelection.report.Shares.fractionAsPercent;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.delegateelection.candidate.Candidate;
import org.delegateelection.candidate.Category;
import org.delegateelection.candidate.FrontlineKind;
import org.delegateelection.election.ElectionUnit;
import org.delegateelection.election.RecommendingUnit;
import org.delegateelection.nomination.Participation;
import org.delegateelection.report.Shares;
import org.delegateelection.system.InvalidInputException;

/**
 * Checks the structural quotas of one election unit at each checkpoint of the procedure (the gateways after steps 1,
 * 2, 5, 7, 8, 12, 13, 16/18, 20 and 23), with the unit's rules. Every entry point evaluates the rules that apply at its
 * checkpoint and returns a {@link QuotaReport}; it never throws because a quota is not met. Ages are counted on
 * {@link ElectionUnit#ageReferenceDate()}; shares are printed as percent with one decimal, rounded half up.
 * Pure: no database, no engine.
 */
public final class QuotaChecker {

    private static final int AGE_LIMIT = 55;

    private final ElectionUnit unit;
    private final QuotaRules rules;

    /** A checker for the unit with the rules in force for its election. */
    public QuotaChecker(ElectionUnit unit, QuotaRules rules) {
        this.unit = unit;
        this.rules = rules;
    }

    /** Step 1: seats, nominee quota, least preliminary count and the women members' share allow the procedure. */
    public QuotaReport allocation() {
        return check(Subject.of(Checkpoint.ALLOCATION, List.of()));
    }

    /**
     * Step 2: the recommending units' quotas ({@link ElectionUnit#recommendingUnits()}) and the structure targets of
     * the implementation plan.
     */
    public QuotaReport plan() {
        return check(Subject.of(Checkpoint.PLAN, List.of()));
    }

    /** Step 5: the branch recommendation of one recommending unit; the report gives the participation rate. */
    public QuotaReport participation(Participation participation) {
        return check(new Subject(Checkpoint.PARTICIPATION, List.of(), null, participation, 0, 0));
    }

    /**
     * Step 7: the nominees one recommending unit decided.
     *
     * @param unitCode the recommending unit's code
     * @throws InvalidInputException (field "unitCode") when the election unit has no recommending unit of that code
     */
    public QuotaReport unitNominees(String unitCode, List<Candidate> nominees) {
        quotaOf(unitCode);
        return check(new Subject(Checkpoint.UNIT_NOMINEES, nominees, unitCode, null, 0, 0));
    }

    /** Step 8: the list of people to inspect (the nominee pool) against the plan's targets. */
    public QuotaReport inspection(List<Candidate> pool) {
        return check(Subject.of(Checkpoint.INSPECTION, pool));
    }

    /** Step 12: the identity determined for each person inspected. */
    public QuotaReport identity(List<Candidate> people) {
        return check(Subject.of(Checkpoint.IDENTITY, people));
    }

    /** Step 13: the people kept after inspection still leave room for competitive inspection. */
    public QuotaReport inspected(List<Candidate> kept) {
        return check(Subject.of(Checkpoint.INSPECTED, kept));
    }

    /**
     * Steps 16 and 18: the preliminary candidates.
     *
     * @param inspectedCount how many people were inspected (the list of step 8, less those removed since)
     */
    public QuotaReport preliminary(List<Candidate> preliminary, int inspectedCount) {
        return check(new Subject(Checkpoint.PRELIMINARY, preliminary, null, null, inspectedCount, 0));
    }

    /** Step 20: the prospective candidates, including the competitive-election surplus over the seats. */
    public QuotaReport prospective(List<Candidate> prospective) {
        return check(Subject.of(Checkpoint.PROSPECTIVE, prospective));
    }

    /**
     * Step 21, before the ballot is printed: the candidates on the ballot against the seats it fills.
     *
     * @param seats the seats, plus the candidates nominated by the Centre when they come in addition
     */
    public QuotaReport ballot(List<Candidate> ballot, int seats) {
        return check(new Subject(Checkpoint.BALLOT, ballot, null, null, 0, seats));
    }

    /**
     * The fewest candidates a ballot for the given seats may carry and still pass the competitive-election rule of
     * the ballot check: more than seats × (1 + surplus), or with an authorised exception at least seats × (1 +
     * allowed surplus) rounded up; the seats when the rule does not apply at that check. A preliminary election's
     * formal list is this long.
     */
    public int leastCompetitiveBallot(int seats) {
        return rules.at(Checkpoint.BALLOT).stream().filter(rule -> rule.kind() == RuleKind.COMPETITIVE_ELECTION)
                .findFirst()
                .map(rule -> rule.exception() != null
                        ? BigDecimal.valueOf(seats).multiply(BigDecimal.ONE.add(rule.exception().allowedSurplus()))
                                .setScale(0, RoundingMode.CEILING).intValueExact()
                        : BigDecimal.valueOf(seats).multiply(BigDecimal.ONE.add(rule.minSurplus()))
                                .setScale(0, RoundingMode.FLOOR).intValueExact() + 1)
                .orElse(seats);
    }

    /**
     * Step 23: the elected delegates.
     *
     * @param expectedCount the seats, plus the candidates nominated by the Centre when they come in addition
     */
    public QuotaReport elected(List<Candidate> elected, int expectedCount) {
        return check(new Subject(Checkpoint.ELECTED, elected, null, null, 0, expectedCount));
    }

    /** What one check looks at; the fields a checkpoint does not use are null or 0. */
    private record Subject(Checkpoint checkpoint, List<Candidate> people, String unitCode,
                           Participation participation, int inspectedCount, int expectedCount) {

        static Subject of(Checkpoint checkpoint, List<Candidate> people) {
            return new Subject(checkpoint, people, null, null, 0, 0);
        }

        int size() {
            return people.size();
        }

        long count(Predicate<Candidate> predicate) {
            return people.stream().filter(predicate).count();
        }

        String listText() {
            return checkpoint.listNoun() + " " + size() + " 名";
        }
    }

    private QuotaReport check(Subject subject) {
        return QuotaReport.of(subject.checkpoint(),
                rules.at(subject.checkpoint()).stream().map(rule -> evaluate(rule, subject)).toList());
    }

    private QuotaReport.RuleResult evaluate(QuotaRule rule, Subject s) {
        return switch (rule.kind()) {
            case SEATS_ALLOCATED -> result(rule, "至少 1 名", "代表名额 " + unit.seats() + " 名", unit.seats() >= 1);
            case NOMINEES_COVER_PRELIMINARY -> result(rule, "不少于初步人选最低数 " + unit.minPreliminary() + " 名",
                    "推荐提名人选名额 " + unit.nomineeQuota() + " 名", unit.nomineeQuota() >= unit.minPreliminary());
            case WOMEN_MEMBER_SHARE_VALID -> result(rule, "大于 0、小于 100%",
                    "本单位党员中女性比例 " + fractionAsPercent(unit.womenMemberShare()),
                    unit.womenMemberShare().signum() > 0 && unit.womenMemberShare().compareTo(BigDecimal.ONE) < 0);
            case TARGETS_FIT_NOMINEE_QUOTA -> targetsFit(rule);
            case COMPETITIVE_ELECTION -> competitiveElection(rule, s);
            case UNIT_QUOTAS_ADD_UP -> unitQuotasAddUp(rule);
            case UNIT_QUOTAS_POSITIVE -> unitQuotasPositive(rule);
            case CATEGORY_TARGETS_ADD_UP -> result(rule, "合计等于推荐提名人选名额 " + unit.nomineeQuota() + " 名",
                    "党员领导干部目标 " + unit.leadingCadreTarget() + " 名、第一线目标 " + unit.frontlineTarget()
                            + " 名，合计 " + (unit.leadingCadreTarget() + unit.frontlineTarget()) + " 名",
                    unit.leadingCadreTarget() + unit.frontlineTarget() == unit.nomineeQuota());
            case LEADING_CADRE_MAX_SHARE -> categoryShare(rule, s, Category.LEADING_CADRE);
            case FRONTLINE_MIN_SHARE -> categoryShare(rule, s, Category.FRONTLINE);
            case PARTICIPATION_CONSISTENT -> participationConsistent(rule, s.participation());
            case PARTICIPATION_MAJORITY -> participationMajority(rule, s.participation());
            case LIST_COUNT -> listCount(rule, s);
            case NOMINEES_OF_UNIT -> people(rule, s.people(), s.checkpoint().listNoun(),
                    c -> !s.unitCode().equals(c.recommendingUnit()), "其他单位推荐的",
                    "均由本单位（" + s.unitCode() + "）推荐", Candidate::recommendingUnit);
            case FULL_MEMBERS -> people(rule, s.people(), s.checkpoint().listNoun(), c -> !c.fullMember(),
                    "预备党员", "均为正式党员", null);
            case LEADING_CADRE_TARGET -> atMost(rule, Category.LEADING_CADRE.label(),
                    s.count(c -> c.category() == Category.LEADING_CADRE),
                    "实施方案目标", unit.leadingCadreTarget());
            case FRONTLINE_TARGET -> atLeast(rule, Category.FRONTLINE.label(), s.count(Candidate::frontline),
                    "实施方案目标", unit.frontlineTarget());
            case WOMEN_TARGET -> atLeast(rule, "女性", s.count(Candidate::woman), "实施方案目标",
                    unit.minWomenNominees());
            case UNDER_55_TARGET -> atLeast(rule, AGE_LIMIT + "岁以下", s.count(this::under55), "实施方案目标",
                    unit.minUnder55Nominees());
            case MINORITIES_MIN_COUNT -> atLeast(rule, "少数民族", s.count(Candidate::minority), "",
                    unit.minMinorities());
            case MINORITIES_MIN_SHARE -> result(rule, "不少于 " + fractionAsPercent(rule.minShare()),
                    "少数民族 " + shareText(s.count(Candidate::minority), s.size()),
                    compare(s.count(Candidate::minority), rule.minShare(), s.size()) >= 0);
            case NPC_CPPCC_OVERLAP -> overlap(rule, s);
            case ONE_CATEGORY -> people(rule, s.people(), s.checkpoint().listNoun(), c -> c.category() == null,
                    "未认定身份的", "均认定为党员领导干部或生产和工作第一线之一", null);
            case FRONTLINE_KIND_CONSISTENT -> people(rule, s.people(), s.checkpoint().listNoun(),
                    c -> (c.frontlineKind() == null) == c.frontline(), "类别认定有误的",
                    "均按身份认定类别（第一线人选认定为工人、农民、专业技术人员或其他，党员领导干部不认定）",
                    c -> c.frontline() ? "第一线人选未认定类别" : "非第一线人选认定了第一线类别");
            case MIGRANT_WORKER_IS_WORKER -> people(rule,
                    s.people().stream().filter(Candidate::migrantWorker).toList(), "农民工",
                    c -> c.frontlineKind() != FrontlineKind.WORKER || !c.frontline(), "未认定为工人的农民工",
                    "均认定为第一线工人", null);
            case FRONTLINE_BELOW_CADRE_LEVELS -> people(rule,
                    s.people().stream().filter(Candidate::frontline).toList(), "第一线人选",
                    c -> c.level() != null && rule.cadreLevels().contains(c.level().strip()),
                    "担任" + String.join("、", rule.cadreLevels()) + "职务的第一线人选",
                    "均不是" + String.join("、", rule.cadreLevels()) + "干部（防止“顶帽子”）", Candidate::level);
            case COMPETITIVE_INSPECTION -> competitiveInspection(rule, s);
            case WOMEN_ABOVE_MEMBER_SHARE -> result(rule,
                    "高于本单位党员中女性比例 " + fractionAsPercent(unit.womenMemberShare()),
                    "女性 " + shareText(s.count(Candidate::woman), s.size()),
                    compare(s.count(Candidate::woman), unit.womenMemberShare(), s.size()) > 0);
            case UNDER_55_MIN_SHARE -> result(rule, "不少于 " + fractionAsPercent(rule.minShare()),
                    AGE_LIMIT + "岁以下 " + shareText(s.count(this::under55), s.size()),
                    compare(s.count(this::under55), rule.minShare(), s.size()) >= 0);
            case FRONTLINE_KIND_NEAR_REFERENCE -> nearReference(rule, s);
        };
    }

    private QuotaReport.RuleResult targetsFit(QuotaRule rule) {
        Map<String, Integer> targets = new LinkedHashMap<>();
        targets.put("少数民族", unit.minMinorities());
        targets.put("女性（高于党员中女性比例 " + fractionAsPercent(unit.womenMemberShare()) + "）", womenNeeded());
        if (unit.minWomenNominees() > 0) {
            targets.put("女性目标", unit.minWomenNominees());
        }
        if (unit.minUnder55Nominees() > 0) {
            targets.put(AGE_LIMIT + "岁以下目标", unit.minUnder55Nominees());
        }
        String actual = targets.entrySet().stream().map(t -> t.getKey() + "至少 " + t.getValue() + " 名")
                .collect(Collectors.joining("、"));
        return result(rule, "均不超过推荐提名人选名额 " + unit.nomineeQuota() + " 名", actual,
                targets.values().stream().allMatch(t -> t <= unit.nomineeQuota()));
    }

    /** The least number of women whose share of the nominee quota is above the women members' share. */
    private int womenNeeded() {
        return unit.womenMemberShare().multiply(BigDecimal.valueOf(unit.nomineeQuota()))
                .setScale(0, RoundingMode.FLOOR).intValueExact() + 1;
    }

    private QuotaReport.RuleResult competitiveElection(QuotaRule rule, Subject s) {
        boolean allocation = s.checkpoint() == Checkpoint.ALLOCATION;
        int count = allocation ? unit.minPreliminary() : s.size();
        int seats = s.checkpoint() == Checkpoint.BALLOT ? s.expectedCount() : unit.seats();
        String noun = allocation ? "初步人选最低数" : s.checkpoint().listNoun();
        String actual = noun + " " + count + " 名，" + (s.checkpoint() == Checkpoint.BALLOT ? "应选" : "代表名额") + " "
                + seats + " 名" + (count > seats ? "，多出 " + Shares.percent(count - seats, seats) + "%" : "");
        QuotaRule.AuthorisedException exception = rule.exception();
        if (exception != null) {
            int least = BigDecimal.valueOf(seats).multiply(BigDecimal.ONE.add(exception.allowedSurplus()))
                    .setScale(0, RoundingMode.CEILING).intValueExact();
            return result(rule, "不少于 " + least + " 名（经" + exception.authorisedBy() + "批准（"
                    + exception.documentReference() + "），差额比例不低于 " + fractionAsPercent(exception.allowedSurplus())
                    + "）", actual, count >= least);
        }
        BigDecimal limit = BigDecimal.valueOf(seats).multiply(BigDecimal.ONE.add(rule.minSurplus()));
        return result(rule, "多于 " + limit.stripTrailingZeros().toPlainString() + " 名（差额比例超过 "
                + fractionAsPercent(rule.minSurplus()) + "）", actual, BigDecimal.valueOf(count).compareTo(limit) > 0);
    }

    private QuotaReport.RuleResult unitQuotasAddUp(QuotaRule rule) {
        int sum = unit.recommendingUnits().stream().mapToInt(RecommendingUnit::nomineeQuota).sum();
        return result(rule, "等于推荐提名人选名额 " + unit.nomineeQuota() + " 名",
                unit.recommendingUnits().size() + " 个推荐单位名额合计 " + sum + " 名", sum == unit.nomineeQuota());
    }

    private QuotaReport.RuleResult unitQuotasPositive(QuotaRule rule) {
        List<RecommendingUnit> units = unit.recommendingUnits();
        if (units.isEmpty()) {
            return result(rule, "至少 1 个推荐单位、每个至少 1 名", "尚未分配推荐单位名额", false);
        }
        List<RecommendingUnit> belowOne = units.stream().filter(u -> u.nomineeQuota() < 1).toList();
        String actual = belowOne.isEmpty()
                ? units.size() + " 个推荐单位中名额最少的 "
                        + units.stream().mapToInt(RecommendingUnit::nomineeQuota).min().orElseThrow() + " 名"
                : belowOne.stream().map(u -> "推荐单位" + u.name() + "（" + u.code() + "）名额 " + u.nomineeQuota() + " 名")
                        .collect(Collectors.joining("、"));
        return result(rule, "至少 1 名", actual, belowOne.isEmpty());
    }

    private QuotaReport.RuleResult categoryShare(QuotaRule rule, Subject s, Category category) {
        boolean plan = s.checkpoint() == Checkpoint.PLAN;
        boolean leading = category == Category.LEADING_CADRE;
        long count = plan ? (leading ? unit.leadingCadreTarget() : unit.frontlineTarget())
                : s.count(c -> c.category() == category);
        int size = plan ? unit.nomineeQuota() : s.size();
        String actual = category.label() + (plan ? "目标 " : " ") + shareText(count, size);
        String of = plan ? "推荐提名人选名额的 " : " ";
        return leading
                ? result(rule, "不超过" + of + fractionAsPercent(rule.maxShare()), actual,
                        compare(count, rule.maxShare(), size) <= 0)
                : result(rule, "不少于" + of + fractionAsPercent(rule.minShare()), actual,
                        compare(count, rule.minShare(), size) >= 0);
    }

    private QuotaReport.RuleResult participationConsistent(QuotaRule rule, Participation p) {
        boolean consistent = p.branchesTotal() >= 1 && p.membersTotal() >= 1
                && p.branchesRecommending() >= 0 && p.branchesRecommending() <= p.branchesTotal()
                && p.membersParticipating() >= 0 && p.membersParticipating() <= p.membersTotal();
        return result(rule, "党支部和党员总数至少为 1，推荐和参加的数目不超过总数",
                "党支部 " + p.branchesTotal() + " 个中 " + p.branchesRecommending() + " 个推荐，党员 "
                        + p.membersTotal() + " 名中 " + p.membersParticipating() + " 名参加", consistent);
    }

    private QuotaReport.RuleResult participationMajority(QuotaRule rule, Participation p) {
        BigDecimal rate = Shares.percent(p.membersParticipating(), p.membersTotal());
        return result(rule, "超过党员总数的 " + fractionAsPercent(rule.aboveShare()),
                "参加推荐的党员 " + p.membersParticipating() + " 名，党员总数 " + p.membersTotal() + " 名"
                        + (rate == null ? "" : "，参与率 " + rate + "%"),
                p.membersTotal() > 0 && compare(p.membersParticipating(), rule.aboveShare(), p.membersTotal()) > 0);
    }

    private QuotaReport.RuleResult listCount(QuotaRule rule, Subject s) {
        int n = s.size();
        return switch (s.checkpoint()) {
            case UNIT_NOMINEES -> {
                int quota = quotaOf(s.unitCode());
                yield result(rule, "不少于 1 名、不超过本单位推荐名额 " + quota + " 名", s.listText(),
                        n >= 1 && n <= quota);
            }
            case INSPECTION -> result(rule, "等于推荐提名人选名额 " + unit.nomineeQuota() + " 名", s.listText(),
                    n == unit.nomineeQuota());
            case PRELIMINARY -> result(rule, "不少于 " + unit.minPreliminary() + " 名", s.listText(),
                    n >= unit.minPreliminary());
            case ELECTED -> result(rule, "等于应选人数 " + s.expectedCount() + " 名", s.listText(),
                    n == s.expectedCount());
            default -> throw new IllegalStateException("规则类型 LIST_COUNT 不能用于检查点 " + s.checkpoint().id());
        };
    }

    private QuotaReport.RuleResult competitiveInspection(QuotaRule rule, Subject s) {
        if (s.checkpoint() == Checkpoint.INSPECTED) {
            return result(rule, "多于初步人选最低数 " + unit.minPreliminary() + " 名", s.listText(),
                    s.size() > unit.minPreliminary());
        }
        return result(rule, "多于初步人选 " + s.size() + " 名", "考察 " + s.inspectedCount() + " 名",
                s.inspectedCount() > s.size());
    }

    private QuotaReport.RuleResult overlap(QuotaRule rule, Subject s) {
        String actual = "同时是人大代表或政协委员的 " + shareText(s.count(c -> c.npcDeputy() || c.cppccMember()), s.size());
        return new QuotaReport.RuleResult(rule.id(), rule.label(), "尽量少", actual, true, rule.blocking(),
                actual + "，应尽量减少，仅作报告");
    }

    private QuotaReport.RuleResult nearReference(QuotaRule rule, Subject s) {
        FrontlineKind kind = rule.frontlineKind();
        long count = s.count(c -> c.frontline() && c.frontlineKind() == kind);
        BigDecimal share = Shares.percent(count, s.size());
        BigDecimal reference = rule.referenceShare().movePointRight(2);
        boolean near = share != null && share.subtract(reference).abs().compareTo(rule.tolerancePoints()) <= 0;
        return result(rule, "与上届 " + fractionAsPercent(rule.referenceShare()) + " 基本持平（相差不超过 "
                + rule.tolerancePoints().toPlainString() + " 个百分点）", kind.label() + " " + shareText(count, s.size()),
                near);
    }

    private QuotaReport.RuleResult atLeast(QuotaRule rule, String noun, long count, String what, int least) {
        return result(rule, "不少于" + what + " " + least + " 名", noun + " " + count + " 名", count >= least);
    }

    private QuotaReport.RuleResult atMost(QuotaRule rule, String noun, long count, String what, int most) {
        return result(rule, "不超过" + what + " " + most + " 名", noun + " " + count + " 名", count <= most);
    }

    /**
     * A rule that every person of a population must meet; the people who do not are named.
     *
     * @param detail what to add after a person's id, or {@code null}
     */
    private QuotaReport.RuleResult people(QuotaRule rule, List<Candidate> population, String populationNoun,
                                          Predicate<Candidate> offends, String offenderNoun, String required,
                                          Function<Candidate, String> detail) {
        List<Candidate> offenders = population.stream().filter(offends).toList();
        String actual = offenders.isEmpty()
                ? populationNoun + " " + population.size() + " 名"
                : offenderNoun + " " + offenders.size() + " 名：" + offenders.stream()
                        .map(c -> c.name() + "（" + c.id() + (detail == null ? "" : "，" + detail.apply(c)) + "）")
                        .collect(Collectors.joining("、"));
        return result(rule, required, actual, offenders.isEmpty());
    }

    private static QuotaReport.RuleResult result(QuotaRule rule, String required, String actual, boolean passed) {
        String verdict = passed ? "符合要求" : rule.blocking() ? "不符合要求" : "不符合要求（仅提示，不影响通过）";
        return new QuotaReport.RuleResult(rule.id(), rule.label(), required, actual, passed, rule.blocking(),
                actual + "，" + (passed ? "" : "应") + required + "，" + verdict);
    }

    /** "25 名，占 27.8%", or "0 名" when there is nobody to take a share of. */
    private static String shareText(long count, int size) {
        return Shares.describe(count, Shares.percent(count, size));
    }

    /** Compares count with fraction × size exactly: negative, zero or positive. */
    private static int compare(long count, BigDecimal fraction, int size) {
        return BigDecimal.valueOf(count).compareTo(fraction.multiply(BigDecimal.valueOf(size)));
    }

    private boolean under55(Candidate candidate) {
        return candidate.ageOn(unit.ageReferenceDate()) < AGE_LIMIT;
    }

    private int quotaOf(String unitCode) {
        return unit.recommendingUnits().stream().filter(u -> u.code().equals(unitCode)).findFirst()
                .map(RecommendingUnit::nomineeQuota)
                .orElseThrow(() -> InvalidInputException.field("unitCode",
                        "选举单位" + unit.name() + "没有代码为 " + unitCode + " 的推荐单位"));
    }
}
