package org.delegateelection.ballot;

/**
 * The body that votes, which sets the quorum: an election may proceed only if more than the given share of those due
 * to attend are present (《中国共产党地方组织选举工作条例》 art. 24).
 */
public enum Assembly {

    /** A party congress or party conference (代表大会、代表会议): more than half must be present. */
    CONGRESS(1, 2, "一半"),

    /** A plenary session of a party committee (委员会全体会议): more than two thirds must be present. */
    COMMITTEE_PLENARY(2, 3, "三分之二");

    private final int numerator;
    private final int denominator;
    private final String shareText;

    Assembly(int numerator, int denominator, String shareText) {
        this.numerator = numerator;
        this.denominator = denominator;
        this.shareText = shareText;
    }

    /** True when strictly more than the quorum share of those due to attend are present. */
    boolean quorate(int present, int dueToAttend) {
        return (long) present * denominator > (long) dueToAttend * numerator;
    }

    /** The quorum share in Chinese, e.g. "一半". */
    String shareText() {
        return shareText;
    }
}
