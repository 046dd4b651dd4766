package org.delegateelection.candidate;

/**
 * A column of an import file: the field name of {@link Candidate} or the header an organization department would
 * write in Chinese. Both name the same column; {@code status} is no column, the procedure sets it.
 */
enum CandidateColumn {
    ID("id", "编号", true),
    NAME("name", "姓名", true),
    GENDER("gender", "性别", true),
    ETHNICITY("ethnicity", "民族", true),
    BIRTH_DATE("birthDate", "出生日期", true),
    JOINED_PARTY_ON("joinedPartyOn", "入党时间", true),
    FULL_MEMBER("fullMember", "正式党员", true),
    EDUCATION("education", "学历", true),
    CATEGORY("category", "类别", true),
    FRONTLINE_KIND("frontlineKind", "一线类型", false),
    MIGRANT_WORKER("migrantWorker", "农民工", false),
    SECTOR("sector", "领域", false),
    LEVEL("level", "层级", false),
    RECOMMENDING_UNIT("recommendingUnit", "推荐单位", true),
    NPC_DEPUTY("npcDeputy", "人大代表", false),
    CPPCC_MEMBER("cppccMember", "政协委员", false),
    PROVINCIAL_HONOUR("provincialHonour", "省部级以上表彰", false);

    private final String english;
    private final String chinese;
    private final boolean required;

    CandidateColumn(String english, String chinese, boolean required) {
        this.english = english;
        this.chinese = chinese;
        this.required = required;
    }

    /** The column a header or JSON key names (English names in any case), or {@code null} for an unknown name. */
    static CandidateColumn named(String name) {
        for (CandidateColumn column : values()) {
            if (column.chinese.equals(name) || column.english.equalsIgnoreCase(name)) {
                return column;
            }
        }
        return null;
    }

    /** True for the status column, which is refused with its own reason. */
    static boolean isStatus(String name) {
        return "status".equalsIgnoreCase(name) || "状态".equals(name);
    }

    String english() {
        return english;
    }

    String chinese() {
        return chinese;
    }

    /** A value is required in every row; the flags and the columns that depend on the category are not. */
    boolean required() {
        return required;
    }
}
