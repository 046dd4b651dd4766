package org.delegateelection.quota;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.delegateelection.election.ElectionUnit;
import org.delegateelection.election.RecommendingUnit;

/**
 * The handbook's province for tests: 69 seats, 90 nominees over 17 recommending units (13 cities of 5, provincial
 * organs 8, universities 6, provincial enterprises 6, directly-affiliated units 5), at least 80 preliminary
 * candidates, 51 leading cadres and 39 frontline, at least 27 women, 2 minorities and 45 under 55, women 29.0 % of
 * the members. Any figure can be changed before {@link #build()}.
 */
final class Handbook {

    int seats = 69;
    int nomineeQuota = 90;
    int minPreliminary = 80;
    BigDecimal womenMemberShare = new BigDecimal("0.290");
    int minMinorities = 2;
    int leadingCadreTarget = 51;
    int frontlineTarget = 39;
    int minWomenNominees = 27;
    int minUnder55Nominees = 45;
    List<RecommendingUnit> units = new ArrayList<>();

    Handbook() {
        for (int i = 1; i <= 13; i++) {
            units.add(new RecommendingUnit(String.format("city%02d", i), "第" + i + "市", 5));
        }
        units.add(new RecommendingUnit("organs", "省直机关", 8));
        units.add(new RecommendingUnit("universities", "高校", 6));
        units.add(new RecommendingUnit("enterprises", "省属企业", 6));
        units.add(new RecommendingUnit("affiliated", "省直属单位", 5));
    }

    static ElectionUnit unit() {
        return new Handbook().build();
    }

    ElectionUnit build() {
        return new ElectionUnit(1L, "handbook", "手册示例省", seats, nomineeQuota, minPreliminary, womenMemberShare,
                minMinorities, leadingCadreTarget, frontlineTarget, minWomenNominees, minUnder55Nominees,
                People.REFERENCE_DATE, false, List.copyOf(units), false, 1);
    }
}
