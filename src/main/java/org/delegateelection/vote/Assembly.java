package org.delegateelection.vote;

/**
 * The body that votes, which sets the quorum: an election may proceed only if more than the given share of those due
 * to attend are present (《中国共产党地方组织选举工作条例》 art. 24); and the words its counting is reported in.
 */
public enum Assembly {

    /** A party congress or party conference (代表大会、代表会议) electing delegates: more than half must be present. */
    CONGRESS(1, 2, "一半", "选举", "选票", "当选", "候选人", "应选名额已全部选出",
            "须在本轮未当选的 %d 名候选人中另行选举，不按得票多少从未达到的候选人中递补。"),

    /**
     * A plenary session of a party committee (委员会全体会议) voting on people, e.g. the prospective candidates: more
     * than two thirds must be present.
     */
    COMMITTEE_PLENARY(2, 3, "三分之二", "表决", "表决票", "通过", "人选", "预定人数已全部产生",
            "人数和结构仍符合要求的即予确定，否则在本轮未通过的 %d 名人选中另行表决，不按得票多少从未达到的人选中递补。");

    private final int numerator;
    private final int denominator;
    /** The quorum share, e.g. "一半". */
    final String shareText;
    /** What the body holds, e.g. "选举"; the paper it votes on, e.g. "选票". */
    final String vote;
    final String ballot;
    /** What a person who reaches the threshold is, e.g. "当选"; the people voted on, e.g. "候选人". */
    final String elected;
    final String candidates;
    /** The sentence ending a round that fills every place; what a shortfall leads to (with the others' count). */
    final String allFilled;
    final String shortfallRule;

    Assembly(int numerator, int denominator, String shareText, String vote, String ballot, String elected,
            String candidates, String allFilled, String shortfallRule) {
        this.numerator = numerator;
        this.denominator = denominator;
        this.shareText = shareText;
        this.vote = vote;
        this.ballot = ballot;
        this.elected = elected;
        this.candidates = candidates;
        this.allFilled = allFilled;
        this.shortfallRule = shortfallRule;
    }

    /** True when strictly more than the quorum share of those due to attend are present. */
    boolean quorate(int present, int dueToAttend) {
        return (long) present * denominator > (long) dueToAttend * numerator;
    }
}
