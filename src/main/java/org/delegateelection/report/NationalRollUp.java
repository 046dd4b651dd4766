package org.delegateelection.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.delegateelection.candidate.Candidate;
import org.delegateelection.candidate.Category;
import org.delegateelection.national.SeatAllocation;

/**
 * The delegates of every electoral unit together (全国汇总): their composition in the form of the Organization
 * Department's published figures ({@link CompositionReport}, e.g. of the 20th Congress's 2,296 delegates), and per
 * unit the requirements the Centre states across units (中共中央《关于党的二十大代表选举工作的通知》, November
 * 2021), each for the kinds of unit it names: the women's share of the delegates above the women's share of the
 * unit's party members (provinces, regions and municipalities); frontline delegates at least one third and leading
 * cadres at most two thirds (provinces, the central financial and the central enterprise system); delegates under
 * 55 at least half (every unit). Each unit that misses a requirement is named under it. Shares are percent with one
 * decimal, half up; the requirements are compared exactly (771 of 2,313 is one third).
 *
 * @param units         electoral units
 * @param unitsReported of them, units whose list is decided (its delegates counted here)
 * @param seats         seats of all units
 * @param composition   the composition of the delegates of the units reported
 * @param unitFigures   per unit, in the order given
 * @param missing       per requirement (its Chinese wording), the names of the units that miss it, in the order given;
 *                      every requirement is present, with an empty list when every unit meets it
 */
public record NationalRollUp(int units, int unitsReported, int seats, CompositionReport composition,
        List<UnitFigures> unitFigures, Map<String, List<String>> missing) {

    /** A requirement the Centre states across units, for the kinds of unit it names. */
    public enum Requirement {
        /** 女党员代表所占比例高于女党员占本地区党员总数的比例. */
        WOMEN_ABOVE_MEMBERS("女代表比例高于本地区女党员比例"),
        /** 生产和工作第一线代表不少于三分之一. */
        FRONTLINE_ONE_THIRD("生产和工作第一线代表不少于三分之一"),
        /** 党员领导干部代表不超过三分之二. */
        LEADING_CADRES_TWO_THIRDS("党员领导干部代表不超过三分之二"),
        /** 55岁以下代表不少于一半. */
        UNDER_55_HALF("55岁以下代表不少于一半");

        private final String label;

        Requirement(String label) {
            this.label = label;
        }

        /** The requirement in Chinese. */
        public String label() {
            return label;
        }

        /** Whether the requirement applies to a unit of this kind. */
        public boolean appliesTo(SeatAllocation.Kind kind) {
            return switch (this) {
                case WOMEN_ABOVE_MEMBERS -> kind.womenAboveMembersRequired();
                case FRONTLINE_ONE_THIRD, LEADING_CADRES_TWO_THIRDS -> kind.frontlineRequired();
                case UNDER_55_HALF -> true;
            };
        }
    }

    /**
     * One electoral unit as the roll-up reads it.
     *
     * @param code             the unit's code
     * @param name             its name, e.g. 示例省
     * @param seats            its seats
     * @param kind             its kind, which decides the requirements that apply to it
     * @param womenMemberShare the women's share of its party members, a fraction (0.29); read only where the women's
     *                         requirement applies
     * @param delegates        its delegates on the list rolled up; {@code null} when the list is not decided yet
     */
    public record Unit(String code, String name, int seats, SeatAllocation.Kind kind, BigDecimal womenMemberShare,
            List<Candidate> delegates) {
    }

    /**
     * The figures of one unit.
     *
     * @param code                    the unit's code
     * @param name                    its name
     * @param seats                   its seats
     * @param kind                    its kind in Chinese, e.g. 省区市
     * @param reported                whether its list is decided; when not, the counts are 0 and nothing is checked
     * @param delegates               its delegates
     * @param women                   women among them
     * @param womenMemberSharePercent the women's share of its party members, percent (29.0); {@code null} where the
     *                                women's requirement does not apply
     * @param frontline               frontline delegates
     * @param leadingCadres           leading cadres
     * @param under55                 delegates under 55
     * @param requirements            the requirements that apply to it, in Chinese
     * @param missed                  the requirements it misses, in Chinese, e.g. "女代表比例 25.0%，未高于本地区女党员比例 29.0%"
     */
    public record UnitFigures(String code, String name, int seats, String kind, boolean reported, int delegates,
            CompositionReport.Figure women, BigDecimal womenMemberSharePercent, CompositionReport.Figure frontline,
            CompositionReport.Figure leadingCadres, CompositionReport.Figure under55, List<String> requirements,
            List<String> missed) {
    }

    /** Rolls up the units' delegates, ages counted on {@code ageOn} (Asia/Shanghai). */
    public static NationalRollUp of(List<Unit> units, LocalDate ageOn) {
        List<Candidate> everyone = new ArrayList<>();
        List<UnitFigures> figures = new ArrayList<>();
        Map<String, List<String>> missing = new LinkedHashMap<>();
        for (Requirement requirement : Requirement.values()) {
            missing.put(requirement.label(), new ArrayList<>());
        }
        int reported = 0;
        int seats = 0;
        for (Unit unit : units) {
            seats += unit.seats();
            List<Candidate> people = unit.delegates() == null ? List.of() : unit.delegates();
            if (unit.delegates() != null) {
                reported++;
                everyone.addAll(people);
            }
            int n = people.size();
            long women = people.stream().filter(Candidate::woman).count();
            long frontline = people.stream().filter(Candidate::frontline).count();
            long cadres = people.stream().filter(c -> c.category() == Category.LEADING_CADRE).count();
            long under55 = people.stream().filter(c -> c.ageOn(ageOn) < 55).count();
            boolean womenApply = Requirement.WOMEN_ABOVE_MEMBERS.appliesTo(unit.kind());
            boolean frontlineApply = Requirement.FRONTLINE_ONE_THIRD.appliesTo(unit.kind());
            BigDecimal memberShare = womenApply
                    ? unit.womenMemberShare().movePointRight(2).setScale(1, RoundingMode.HALF_UP) : null;
            List<String> missed = new ArrayList<>();
            if (unit.delegates() != null) {
                if (womenApply && BigDecimal.valueOf(women).compareTo(unit.womenMemberShare().multiply(BigDecimal.valueOf(n))) <= 0) {
                    missed.add(miss(missing, unit, Requirement.WOMEN_ABOVE_MEMBERS, "女代表比例 "
                            + Shares.percent(women, n) + "%，未高于本地区女党员比例 " + memberShare + "%"));
                }
                if (frontlineApply && frontline * 3 < n) {
                    missed.add(miss(missing, unit, Requirement.FRONTLINE_ONE_THIRD, "生产和工作第一线代表 "
                            + Shares.describe(frontline, Shares.percent(frontline, n)) + "，少于三分之一"));
                }
                if (frontlineApply && cadres * 3 > 2L * n) {
                    missed.add(miss(missing, unit, Requirement.LEADING_CADRES_TWO_THIRDS, "党员领导干部代表 "
                            + Shares.describe(cadres, Shares.percent(cadres, n)) + "，超过三分之二"));
                }
                if (under55 * 2 < n) {
                    missed.add(miss(missing, unit, Requirement.UNDER_55_HALF, "55岁以下代表 "
                            + Shares.describe(under55, Shares.percent(under55, n)) + "，少于一半"));
                }
            }
            List<String> requirements = Arrays.stream(Requirement.values()).filter(r -> r.appliesTo(unit.kind()))
                    .map(Requirement::label).toList();
            figures.add(new UnitFigures(unit.code(), unit.name(), unit.seats(), unit.kind().label(),
                    unit.delegates() != null, n,
                    CompositionReport.Figure.of(women, n), memberShare, CompositionReport.Figure.of(frontline, n),
                    CompositionReport.Figure.of(cadres, n), CompositionReport.Figure.of(under55, n), requirements,
                    List.copyOf(missed)));
        }
        missing.replaceAll((requirement, names) -> List.copyOf(names));
        return new NationalRollUp(units.size(), reported, seats, CompositionReport.of(everyone, ageOn),
                List.copyOf(figures), Collections.unmodifiableMap(missing));
    }

    private static String miss(Map<String, List<String>> missing, Unit unit, Requirement requirement, String text) {
        missing.get(requirement.label()).add(unit.name());
        return text;
    }
}
