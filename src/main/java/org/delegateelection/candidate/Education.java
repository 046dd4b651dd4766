package org.delegateelection.candidate;

/**
 * Highest education (学历) in the categories the Organization Department publishes: 大专 (college), 大学
 * (university), 研究生 (postgraduate) and anything below (其他). "College and above" counts the first three.
 */
public enum Education {
    COLLEGE("大专"),
    UNIVERSITY("大学"),
    POSTGRADUATE("研究生"),
    OTHER("其他");

    private final String label;

    Education(String label) {
        this.label = label;
    }

    /** The Chinese label, e.g. "研究生". */
    public String label() {
        return label;
    }

    /** True for 大专 and above. */
    public boolean collegeOrAbove() {
        return this != OTHER;
    }
}
