package org.delegateelection.vote;

import java.util.Comparator;
import java.util.List;

/**
 * What one round votes on: the candidates on the ballot and the seats this round fills. The first round has every
 * candidate and all seats; a later round is the {@link RoundOutcome#nextBallot()} of the one before.
 *
 * @param candidateIds candidate ids in ballot order, which is the order of the number of strokes of the surname
 *                     (姓氏笔画, 《中国共产党地方组织选举工作条例》 art. 30); candidates with equal approvals keep this order.
 *                     A person written in on an earlier round and tied at the last seat stands here as
 *                     {@link #writeInKey(String)}
 * @param seats        seats to fill in this round
 */
public record Ballot(List<String> candidateIds, int seats) {

    /** What a write-in's key starts with: "另选:" and the name written in. */
    public static final String WRITE_IN_PREFIX = "另选:";

    /** Write-in keys in the stroke order ({@link StrokeOrder}) of the names written in. */
    public static final Comparator<String> WRITE_INS = Comparator.comparing(Ballot::writtenInName, StrokeOrder.NAMES);

    /** Copies the ids; a {@code null} list or id is a programming error. */
    public Ballot {
        candidateIds = List.copyOf(candidateIds);
    }

    /** The key under which a person written in (另选他人) is counted, e.g. "另选:王五". */
    public static String writeInKey(String name) {
        return WRITE_IN_PREFIX + name;
    }

    /** The name written in of a write-in key: "王五" for "另选:王五". */
    public static String writtenInName(String key) {
        return key.substring(WRITE_IN_PREFIX.length());
    }

    /** True for the key of a person written in. */
    public static boolean isWriteIn(String key) {
        return key.startsWith(WRITE_IN_PREFIX);
    }
}
