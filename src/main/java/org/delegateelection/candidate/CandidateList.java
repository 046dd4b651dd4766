package org.delegateelection.candidate;

import java.util.stream.Stream;
import org.delegateelection.system.InvalidInputException;

/**
 * The lists a person can be on, each decided at a step of the procedure and stored under {@link #key()}.
 * A list decided again is a new decision, in force from then on; the earlier one stays stored.
 */
public enum CandidateList {
    /** Step 7: nominees of the recommending units (推荐提名人选). */
    NOMINEES("nominees", CandidateStatus.NOMINATED, "推荐提名人选"),
    /** Step 8: people to inspect (考察对象). */
    INSPECTION("inspection", CandidateStatus.INSPECTED, "考察对象"),
    /** Step 11: cleared by the review of the personnel archives (干部人事档案审核). */
    CLEARED_ARCHIVES("cleared-archives", null, "干部人事档案审核通过"),
    /** Step 11: cleared by the check of the personal-matters report (个人有关事项报告查核). */
    CLEARED_PERSONAL_MATTERS("cleared-personal-matters", null, "个人有关事项报告查核通过"),
    /** Step 11: cleared by the discipline commission's opinion (纪检监察机关意见). */
    CLEARED_DISCIPLINE("cleared-discipline", null, "纪检监察机关意见通过"),
    /** Step 11: cleared by the investigation of petitions (信访举报核查). */
    CLEARED_PETITIONS("cleared-petitions", null, "信访举报核查通过"),
    /** Step 13: kept after the inspection report (考察合格人选). */
    SUITABLE("suitable", null, "考察合格人选"),
    /** Step 16: preliminary candidates (代表候选人初步人选). */
    PRELIMINARY("preliminary", CandidateStatus.PRELIMINARY, "代表候选人初步人选"),
    /** Step 20: prospective candidates (代表候选人预备人选). */
    PROSPECTIVE("prospective", CandidateStatus.PROSPECTIVE, "代表候选人预备人选"),
    /** Step 21: the candidates on the ballot: the prospective ones plus those nominated by the Centre. */
    BALLOT("ballot", null, "选票上的代表候选人"),
    /** Step 23: elected delegates (当选代表). */
    ELECTED("elected", CandidateStatus.ELECTED, "当选代表"),
    /** Step 25: delegates confirmed by the credentials committee (资格确认). */
    CONFIRMED("confirmed", CandidateStatus.CONFIRMED, "资格确认的代表");

    private final String key;
    private final CandidateStatus status;
    private final String label;

    CandidateList(String key, CandidateStatus status, String label) {
        this.key = key;
        this.status = status;
        this.label = label;
    }

    /** The list's name in Chinese, e.g. "代表候选人初步人选". */
    public String label() {
        return label;
    }

    /** The stored name of the list, e.g. "preliminary"; also the value of {@code ?list=} in the REST API. */
    public String key() {
        return key;
    }

    /** The status a person on this list reaches, or {@code null} when the list is not a stage of its own. */
    public CandidateStatus status() {
        return status;
    }

    /** The list stored under this key; {@link IllegalArgumentException} for an unknown key. */
    public static CandidateList ofKey(String key) {
        for (CandidateList list : values()) {
            if (list.key.equals(key)) {
                return list;
            }
        }
        throw new IllegalArgumentException("未知的名单：" + key);
    }

    /**
     * The list named by {@code ?list=} of a composition report or document: a list that is a stage of the procedure.
     *
     * @throws InvalidInputException (field {@code list}) for any other name
     */
    public static CandidateList ofComposition(String key) {
        return Stream.of(NOMINEES, INSPECTION, PRELIMINARY, PROSPECTIVE, ELECTED).filter(list -> list.key.equals(key))
                .findFirst().orElseThrow(() -> InvalidInputException.field("list",
                        "须为 nominees、inspection、preliminary、prospective 或 elected"));
    }
}
