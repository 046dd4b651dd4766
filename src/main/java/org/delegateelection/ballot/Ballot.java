package org.delegateelection.ballot;

import java.util.List;

/**
 * What one round votes on: the candidates on the ballot and the seats this round fills. The first round has every
 * candidate and all seats; a later round is the {@link RoundOutcome#nextBallot()} of the one before.
 *
 * @param candidateIds candidate ids in ballot order, which is the order of the number of strokes of the surname
 *                     (姓氏笔画, 《中国共产党地方组织选举工作条例》 art. 30); candidates with equal approvals keep this order
 * @param seats        seats to fill in this round
 */
public record Ballot(List<String> candidateIds, int seats) {

    /** Copies the ids; a {@code null} list or id is a programming error. */
    public Ballot {
        candidateIds = List.copyOf(candidateIds);
    }
}
