package org.delegateelection.candidate;

/** The kind of a frontline candidate: worker (工人), farmer (农民), professional technician (专业技术人员) or other. */
public enum FrontlineKind {
    WORKER("工人"),
    FARMER("农民"),
    PROFESSIONAL_TECHNICIAN("专业技术人员"),
    OTHER("其他");

    private final String label;

    FrontlineKind(String label) {
        this.label = label;
    }

    /** The Chinese label. */
    public String label() {
        return label;
    }
}
