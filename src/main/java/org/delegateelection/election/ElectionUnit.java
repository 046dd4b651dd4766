package org.delegateelection.election;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The configuration of one election unit's delegate election (选举单位), as registered at step 1 and split at
 * step 2.
 *
 * @param id                       database id
 * @param code                     the unit's code; the business key of its process instance
 * @param name                     name in Chinese
 * @param seats                    delegate seats allocated to the unit (代表名额), 69 in the handbook's province
 * @param nomineeQuota             nominees over all recommending units (推荐提名人选), 90 in the handbook
 * @param minPreliminary           least number of preliminary candidates (初步人选), 80 in the handbook
 * @param womenMemberShare         women's share of the unit's party members, a fraction (0.290 for 29.0 %)
 * @param minMinorities            least number of ethnic minorities, for every list
 * @param leadingCadreTarget       most leading cadres in the nominee pool (51 in the handbook)
 * @param frontlineTarget          least frontline people in the nominee pool (39 in the handbook)
 * @param minWomenNominees         least women in the nominee pool (27 in the handbook)
 * @param minUnder55Nominees       least people under 55 in the nominee pool (45 in the handbook)
 * @param ageReferenceDate         the date ages are counted on
 * @param centreNomineesInAddition whether candidates nominated by the Centre come in addition to the seats
 * @param recommendingUnits        the recommending units with their nominee quotas
 * @param preliminaryElection      whether a preliminary election (预选) produces the formal candidate list before the
 *                                 formal election (《中国共产党地方组织选举工作条例》 art. 7); off by default
 * @param consultationRounds       the consultation rounds of the recommendation (三上三下), 1 to 3, set in the
 *                                 implementation plan (step 2); 1 until then
 */
public record ElectionUnit(
        long id,
        String code,
        String name,
        int seats,
        int nomineeQuota,
        int minPreliminary,
        BigDecimal womenMemberShare,
        int minMinorities,
        int leadingCadreTarget,
        int frontlineTarget,
        int minWomenNominees,
        int minUnder55Nominees,
        LocalDate ageReferenceDate,
        boolean centreNomineesInAddition,
        List<RecommendingUnit> recommendingUnits,
        boolean preliminaryElection,
        int consultationRounds) {

    /** The most consultation rounds: "三上三下", 中共中央《关于党的二十大代表选举工作的通知》（2021年11月）. */
    public static final int MAX_CONSULTATION_ROUNDS = 3;
}
