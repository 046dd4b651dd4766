package org.delegateelection.candidate;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A column of an import file: the field name of {@link Candidate} or the header an organization department would
 * write in Chinese. Both name the same column; {@code status} is no column, the procedure sets it.
 */
enum CandidateColumn {
    ID("id", "编号", true, Candidate::id),
    NAME("name", "姓名", true, Candidate::name),
    GENDER("gender", "性别", true, Candidate::gender),
    ETHNICITY("ethnicity", "民族", true, Candidate::ethnicity),
    BIRTH_DATE("birthDate", "出生日期", true, Candidate::birthDate),
    JOINED_PARTY_ON("joinedPartyOn", "入党时间", true, Candidate::joinedPartyOn),
    FULL_MEMBER("fullMember", "正式党员", true, Candidate::fullMember),
    EDUCATION("education", "学历", true, Candidate::education),
    CATEGORY("category", "类别", true, Candidate::category),
    FRONTLINE_KIND("frontlineKind", "一线类型", false, Candidate::frontlineKind),
    MIGRANT_WORKER("migrantWorker", "农民工", false, Candidate::migrantWorker),
    SECTOR("sector", "领域", false, Candidate::sector),
    LEVEL("level", "层级", false, Candidate::level),
    RECOMMENDING_UNIT("recommendingUnit", "推荐单位", true, Candidate::recommendingUnit),
    NPC_DEPUTY("npcDeputy", "人大代表", false, Candidate::npcDeputy),
    CPPCC_MEMBER("cppccMember", "政协委员", false, Candidate::cppccMember),
    PROVINCIAL_HONOUR("provincialHonour", "省部级以上表彰", false, Candidate::provincialHonour);

    private final String english;
    private final String chinese;
    private final boolean required;
    private final Function<Candidate, Object> value;

    CandidateColumn(String english, String chinese, boolean required, Function<Candidate, Object> value) {
        this.english = english;
        this.chinese = chinese;
        this.required = required;
        this.value = value;
    }

    /** The fields in which two versions of a person differ, in the order of the columns, values as text. */
    static List<RegistryChange.FieldChange> differences(Candidate before, Candidate after) {
        return Stream.of(values()).filter(column -> !Objects.equals(column.valueOf(before), column.valueOf(after)))
                .map(column -> new RegistryChange.FieldChange(column.english, column.chinese,
                        column.textOf(before), column.textOf(after)))
                .toList();
    }

    /**
     * The column's value of a person as an import file writes it ({@link #text}); a person under no recommending unit
     * as {@value Candidate#CENTRE_NOMINEE}.
     */
    String textOf(Candidate person) {
        return this == RECOMMENDING_UNIT && person.centreNominee() ? Candidate.CENTRE_NOMINEE : text(valueOf(person));
    }

    /**
     * A value as a person reads it and an import file writes it: enums by their Chinese label, flags as 是/否, dates
     * as ISO 8601, nothing as "".
     */
    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Boolean flag) {
            return flag ? "是" : "否";
        }
        if (value instanceof Gender gender) {
            return gender.label();
        }
        if (value instanceof Education education) {
            return education.label();
        }
        if (value instanceof Category category) {
            return category.label();
        }
        return value instanceof FrontlineKind kind ? kind.label() : value.toString();
    }

    /** The column's value of a person (an enum as the constant, a date as {@link java.time.LocalDate}). */
    Object valueOf(Candidate person) {
        return value.apply(person);
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
