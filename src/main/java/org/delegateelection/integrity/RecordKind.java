package org.delegateelection.integrity;

/** The kinds of records chained per election ({@link IntegrityChain}), with what a person reads for each. */
public enum RecordKind {
    /** A decided list (table {@code list_decision}, the reference its id). */
    LIST("决定的名单"),
    /** A quota report (table {@code quota_report}, the reference its id). */
    QUOTA_REPORT("结构比例检查结果"),
    /** A counted round with the hash of its ballot batches (the reference "{vote}:{round}", e.g. "CONGRESS:1"). */
    ROUND("计票结果"),
    /** A decided correction of a person on the ballot (table {@code correction}, the reference its id). */
    CORRECTION("纠错");

    private final String label;

    RecordKind(String label) {
        this.label = label;
    }

    /** The kind in Chinese, e.g. "决定的名单". */
    public String label() {
        return label;
    }
}
