package org.delegateelection.candidate;

/**
 * How far a person got in the procedure, in order. {@code REMOVED} is set when an inspection, an objection
 * during the public notice or a report against the candidate took the person out; a removed person is on no list.
 */
public enum CandidateStatus {
    /** Recommended by a branch and in the registry (推荐人选). */
    REGISTERED("已登记"),
    /** Decided as a nominee by the recommending unit (推荐提名人选). */
    NOMINATED("推荐提名"),
    /** On the list of people to inspect (考察对象). */
    INSPECTED("考察对象"),
    /** Preliminary candidate (代表候选人初步人选). */
    PRELIMINARY("初步人选"),
    /** Prospective candidate (代表候选人预备人选). */
    PROSPECTIVE("预备人选"),
    /** Elected delegate (当选代表). */
    ELECTED("当选代表"),
    /** Delegate confirmed by the credentials committee (资格确认). */
    CONFIRMED("资格确认"),
    /** Taken out of the procedure (调整出人选). */
    REMOVED("已调整");

    private final String label;

    CandidateStatus(String label) {
        this.label = label;
    }

    /** The Chinese label. */
    public String label() {
        return label;
    }
}
