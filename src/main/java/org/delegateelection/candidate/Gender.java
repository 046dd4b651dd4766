package org.delegateelection.candidate;

/** Gender (性别) as recorded in the registry; {@link #label()} is the Chinese form used in files and forms. */
public enum Gender {
    MALE("男"),
    FEMALE("女");

    private final String label;

    Gender(String label) {
        this.label = label;
    }

    /** The Chinese label, e.g. "女". */
    public String label() {
        return label;
    }
}
