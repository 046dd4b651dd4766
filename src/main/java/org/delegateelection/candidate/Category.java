package org.delegateelection.candidate;

/**
 * Identity determined at inspection (身份认定): a leading cadre (党员领导干部) or a person from the production and
 * work frontline (生产和工作第一线). Every candidate has exactly one.
 */
public enum Category {
    LEADING_CADRE("党员领导干部"),
    FRONTLINE("生产和工作第一线");

    private final String label;

    Category(String label) {
        this.label = label;
    }

    /** The Chinese label. */
    public String label() {
        return label;
    }
}
