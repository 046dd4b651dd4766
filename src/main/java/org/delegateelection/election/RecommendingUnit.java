package org.delegateelection.election;

/**
 * A recommending unit (推荐单位) of an election unit: a city, the provincial organs, the universities, …
 * Its tasks go to the candidate group {@link #groupId()}.
 *
 * @param code         short code, lower-case letters, digits and hyphens (e.g. "city01")
 * @param name         name in Chinese
 * @param nomineeQuota how many nominees it may decide (推荐提名名额)
 */
public record RecommendingUnit(String code, String name, int nomineeQuota) {

    /** Prefix of the candidate group of a recommending unit. */
    public static final String GROUP_PREFIX = "ru-";

    /** The candidate group whose members decide for this unit, e.g. "ru-city01". */
    public String groupId() {
        return GROUP_PREFIX + code;
    }
}
