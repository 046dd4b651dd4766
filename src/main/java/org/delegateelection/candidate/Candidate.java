package org.delegateelection.candidate;

import java.time.LocalDate;
import java.time.Period;
import java.util.Map;

/**
 * A person in an election unit's candidate registry (人选库).
 *
 * @param id               the id given by the election unit, unique within the election (e.g. "HB-0001")
 * @param name             full name in Chinese
 * @param ethnicity        ethnic group in Chinese, e.g. "汉族", "回族"; anything but 汉族 is an ethnic minority
 * @param birthDate        date of birth
 * @param joinedPartyOn    date of joining the party (入党时间)
 * @param fullMember       full member (正式党员) rather than probationary
 * @param frontlineKind    for a frontline person, the kind; {@code null} for a leading cadre
 * @param migrantWorker    a worker who is a migrant worker (农民工)
 * @param sector           sector, free text in Chinese (e.g. "金融", "企业", "教育")
 * @param level            rank, free text in Chinese (e.g. "厅局级", "县处级", "无")
 * @param recommendingUnit code of the recommending unit (推荐单位); {@code null} for a person the Central Committee
 *                         nominates (中央提名), registered under no unit of the electoral unit
 * @param npcDeputy        a deputy to a people's congress (人大代表)
 * @param cppccMember      a member of a CPPCC committee (政协委员)
 * @param provincialHonour an honour at provincial level or above (省部级以上表彰)
 * @param status           how far the person got in the procedure
 */
public record Candidate(
        String id,
        String name,
        Gender gender,
        String ethnicity,
        LocalDate birthDate,
        LocalDate joinedPartyOn,
        boolean fullMember,
        Education education,
        Category category,
        FrontlineKind frontlineKind,
        boolean migrantWorker,
        String sector,
        String level,
        String recommendingUnit,
        boolean npcDeputy,
        boolean cppccMember,
        boolean provincialHonour,
        CandidateStatus status) {

    /** The majority ethnic group; everyone else counts as an ethnic minority (少数民族). */
    public static final String HAN = "汉族";

    /** How a person the Central Committee nominates is named where a recommending unit would be (import, documents). */
    public static final String CENTRE_NOMINEE = "中央提名";

    /** Age in whole years on the given date. */
    public int ageOn(LocalDate date) {
        return Period.between(birthDate, date).getYears();
    }

    /** True for a person the Central Committee nominates (中央提名): no recommending unit. */
    public boolean centreNominee() {
        return recommendingUnit == null;
    }

    /** Who recommended the person: the unit's name (its code when the map has none), or {@value #CENTRE_NOMINEE}. */
    public String recommendedBy(Map<String, String> unitNames) {
        return recommendingUnit == null ? CENTRE_NOMINEE : unitNames.getOrDefault(recommendingUnit, recommendingUnit);
    }

    /** True for anyone whose ethnicity is not 汉族. */
    public boolean minority() {
        return !HAN.equals(ethnicity);
    }

    /** True for a woman. */
    public boolean woman() {
        return gender == Gender.FEMALE;
    }

    /** True for a frontline person. */
    public boolean frontline() {
        return category == Category.FRONTLINE;
    }

    /** The identity in Chinese: "党员领导干部", or for a frontline person with its kind "生产和工作第一线（工人）". */
    public String identity() {
        return frontlineKind == null ? category.label() : category.label() + "（" + frontlineKind.label() + "）";
    }

    /** The same person with another status. */
    public Candidate withStatus(CandidateStatus newStatus) {
        return new Candidate(id, name, gender, ethnicity, birthDate, joinedPartyOn, fullMember, education, category,
                frontlineKind, migrantWorker, sector, level, recommendingUnit, npcDeputy, cppccMember,
                provincialHonour, newStatus);
    }
}
