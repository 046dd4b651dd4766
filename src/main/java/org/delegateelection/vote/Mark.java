package org.delegateelection.vote;

import java.util.Optional;

/**
 * What a ballot says of one candidate: approve, disapprove or abstain (赞成、反对、弃权; 《中国共产党基层组织选举工作
 * 条例》 art. 25). Only beside a disapproval may the elector write in another person (另选他人).
 */
public enum Mark {
    /** 赞成, also written ○. */
    APPROVE("赞成"),
    /** 反对, also written ×. */
    DISAPPROVE("反对"),
    /** 弃权. */
    ABSTAIN("弃权");

    private final String text;

    Mark(String text) {
        this.text = text;
    }

    /** The mark as written out in full: 赞成, 反对 or 弃权. */
    String text() {
        return text;
    }

    /** The mark written in a ballot file's cell: 赞成/○, 反对/×, 弃权; anything else is empty. */
    static Optional<Mark> of(String text) {
        return switch (text) {
            case "赞成", "○" -> Optional.of(APPROVE);
            case "反对", "×" -> Optional.of(DISAPPROVE);
            case "弃权" -> Optional.of(ABSTAIN);
            default -> Optional.empty();
        };
    }
}
