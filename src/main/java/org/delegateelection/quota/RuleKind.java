package org.delegateelection.quota;

import static org.delegateelection.quota.Checkpoint.ALLOCATION;
import static org.delegateelection.quota.Checkpoint.BALLOT;
import static org.delegateelection.quota.Checkpoint.ELECTED;
import static org.delegateelection.quota.Checkpoint.INSPECTED;
import static org.delegateelection.quota.Checkpoint.INSPECTION;
import static org.delegateelection.quota.Checkpoint.PARTICIPATION;
import static org.delegateelection.quota.Checkpoint.PLAN;
import static org.delegateelection.quota.Checkpoint.PRELIMINARY;
import static org.delegateelection.quota.Checkpoint.PROSPECTIVE;
import static org.delegateelection.quota.Checkpoint.UNIT_NOMINEES;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a {@link QuotaRule} checks: the vocabulary that rules as data are written in. Each kind names the thresholds it
 * reads from the rule (its {@link #parameters()}) and the checkpoints it can be applied at; the figures it compares
 * them with come from the election unit and the list checked. "Share" thresholds are fractions (0.6667), compared
 * exactly with count / list size.
 */
public enum RuleKind {
    /** At least one delegate seat is allocated. */
    SEATS_ALLOCATED(List.of(), EnumSet.of(ALLOCATION)),
    /** The nominee quota is not below the least number of preliminary candidates. */
    NOMINEES_COVER_PRELIMINARY(List.of(), EnumSet.of(ALLOCATION)),
    /** The women's share among the unit's party members lies strictly between 0 and 1. */
    WOMEN_MEMBER_SHARE_VALID(List.of(), EnumSet.of(ALLOCATION)),
    /**
     * Every count target (minorities, the women needed to exceed the members' share, the plan's women and under-55
     * targets) fits in the nominee quota.
     */
    TARGETS_FIT_NOMINEE_QUOTA(List.of(), EnumSet.of(ALLOCATION, PLAN)),
    /**
     * Competitive election: more than seats × (1 + {@code minSurplus}) people; at allocation the least number of
     * preliminary candidates, at the prospective list the list itself. 《中国共产党地方组织选举工作条例》 art. 4;
     * the surplus of more than 15 % is set by the Central Committee's notice on the 20th Congress's delegates (2021).
     */
    COMPETITIVE_ELECTION(List.of("minSurplus"), EnumSet.of(ALLOCATION, PROSPECTIVE, BALLOT)),
    /** The recommending units' quotas add up to the nominee quota. */
    UNIT_QUOTAS_ADD_UP(List.of(), EnumSet.of(PLAN)),
    /** Every recommending unit has a quota of at least 1, and there is at least one unit. */
    UNIT_QUOTAS_POSITIVE(List.of(), EnumSet.of(PLAN)),
    /** The leading-cadre and frontline targets add up to the nominee quota. */
    CATEGORY_TARGETS_ADD_UP(List.of(), EnumSet.of(PLAN)),
    /** Leading cadres at most {@code maxShare} (of the nominee quota for the plan's target, else of the list). */
    LEADING_CADRE_MAX_SHARE(List.of("maxShare"), withLists(PLAN)),
    /** Frontline people at least {@code minShare} (of the nominee quota for the plan's target, else of the list). */
    FRONTLINE_MIN_SHARE(List.of("minShare"), withLists(PLAN)),
    /** Branch and member figures are consistent: totals at least 1, parts not above totals. */
    PARTICIPATION_CONSISTENT(List.of(), EnumSet.of(PARTICIPATION)),
    /** Members taking part in the recommendation: more than {@code aboveShare} of the members. */
    PARTICIPATION_MAJORITY(List.of("aboveShare"), EnumSet.of(PARTICIPATION)),
    /**
     * The size of the list as its step requires: a unit's nominees 1 to its quota; the nominee pool equal to the
     * nominee quota; the preliminary list at least the least number; the elected equal to the expected count.
     */
    LIST_COUNT(List.of(), EnumSet.of(UNIT_NOMINEES, INSPECTION, PRELIMINARY, ELECTED)),
    /** Everyone on a unit's list was recommended by that unit. */
    NOMINEES_OF_UNIT(List.of(), EnumSet.of(UNIT_NOMINEES)),
    /** Everyone is a full party member: probationary members cannot be elected (《中国共产党章程》 art. 7). */
    FULL_MEMBERS(List.of(), withLists()),
    /** Leading cadres in the nominee pool not above the plan's leading-cadre target. */
    LEADING_CADRE_TARGET(List.of(), EnumSet.of(INSPECTION)),
    /** Frontline people in the nominee pool not below the plan's frontline target. */
    FRONTLINE_TARGET(List.of(), EnumSet.of(INSPECTION)),
    /** Women in the nominee pool not below the plan's target. */
    WOMEN_TARGET(List.of(), EnumSet.of(INSPECTION)),
    /** People under 55 in the nominee pool not below the plan's target. */
    UNDER_55_TARGET(List.of(), EnumSet.of(INSPECTION)),
    /** Ethnic minorities not below the unit's least number. */
    MINORITIES_MIN_COUNT(List.of(), withLists()),
    /**
     * Ethnic minorities at least {@code minShare} of the list: an election unit's own rule (e.g. an autonomous
     * region's), beside the notice's "a certain number".
     */
    MINORITIES_MIN_SHARE(List.of("minShare"), withLists()),
    /** People who are also NPC deputies or CPPCC members: counted and reported, never failing. */
    NPC_CPPCC_OVERLAP(List.of(), withLists()),
    /** Everyone has an identity: leading cadre or frontline. */
    ONE_CATEGORY(List.of(), withLists()),
    /** A frontline person has a frontline kind, a leading cadre has none. */
    FRONTLINE_KIND_CONSISTENT(List.of(), withLists()),
    /** A migrant worker is counted as a worker. */
    MIGRANT_WORKER_IS_WORKER(List.of(), withLists()),
    /** No frontline person holds one of the {@code cadreLevels} (no "顶帽子"). */
    FRONTLINE_BELOW_CADRE_LEVELS(List.of("cadreLevels"), withLists()),
    /**
     * Competitive inspection: after inspection more people are kept than the least number of preliminary
     * candidates; at the preliminary list more people were inspected than are on it.
     */
    COMPETITIVE_INSPECTION(List.of(), EnumSet.of(INSPECTED, PRELIMINARY)),
    /** Women's share of the list strictly above the women's share of the unit's party members. */
    WOMEN_ABOVE_MEMBER_SHARE(List.of(), withLists()),
    /** People under 55 at least {@code minShare} of the list. */
    UNDER_55_MIN_SHARE(List.of("minShare"), withLists()),
    /**
     * People of {@code frontlineKind} roughly as many as at the last congress: their share, as printed (one decimal,
     * half up), within {@code tolerancePoints} percentage points of {@code referenceShare}.
     */
    FRONTLINE_KIND_NEAR_REFERENCE(List.of("frontlineKind", "referenceShare", "tolerancePoints"), withLists());

    private final List<String> parameters;
    private final Set<Checkpoint> checkpoints;

    RuleKind(List<String> parameters, Set<Checkpoint> checkpoints) {
        this.parameters = parameters;
        this.checkpoints = checkpoints;
    }

    /** The names of the {@link QuotaRule} threshold fields this kind reads; a rule of this kind sets all of them. */
    public List<String> parameters() {
        return parameters;
    }

    /** True when a rule of this kind can be applied at the checkpoint. */
    public boolean appliesAt(Checkpoint checkpoint) {
        return checkpoints.contains(checkpoint);
    }

    /** The checkpoints a rule of this kind can be applied at, in the order of the procedure. */
    public Set<Checkpoint> checkpoints() {
        return Collections.unmodifiableSet(checkpoints);
    }

    private static Set<Checkpoint> withLists(Checkpoint... others) {
        Set<Checkpoint> set = EnumSet.noneOf(Checkpoint.class);
        set.addAll(Arrays.asList(others));
        Arrays.stream(Checkpoint.values()).filter(Checkpoint::checksList).forEach(set::add);
        return set;
    }
}
