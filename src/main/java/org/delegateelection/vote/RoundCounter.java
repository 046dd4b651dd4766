package org.delegateelection.vote;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.delegateelection.vote.RoundOutcome.Elected;
import org.delegateelection.vote.RoundOutcome.Kind;

/**
 * Counts one round of a vote by the rules for elections in local party organizations
 * (《中国共产党地方组织选举工作条例》, revised 2020), in this order:
 * <ol>
 * <li>Quorum: the round proceeds only if more than half of the electors due to attend are present, more than two
 * thirds at a committee plenary (art. 24); otherwise {@link Kind#NO_QUORUM}.</li>
 * <li>More ballots returned than issued make the round void and it is held again; as many or fewer make it valid
 * (earlier text of the regulation, art. 19): {@link Kind#VOID}. Counted box by box, so does one box that returned
 * more than it issued.</li>
 * <li>A candidate is elected only with approvals from more than half of the electors due to attend; exactly half is
 * not enough (party-work Q&amp;A practice on the regulation). The same threshold applies in every round, including a
 * new round among tied candidates.</li>
 * <li>More candidates above the threshold than seats: the seats go in order of approvals; if candidates with equal
 * approvals compete for the last seat(s), they are voted on again (party-work Q&amp;A practice):
 * {@link Kind#TIE_AT_LAST_SEAT}.</li>
 * <li>Fewer above the threshold than seats: they are elected and the missing seats go to another round (另行选举)
 * among the candidates of this ballot not elected, never to those below the threshold by rank (party-work Q&amp;A
 * practice): {@link Kind#SHORTFALL}. Whether the presidium instead reduces the seats and stops is decided by the
 * people, not here.</li>
 * </ol>
 * People written in (另选他人, keys {@link Ballot#writeInKey}) are counted under the same rules as the candidates
 * and can be elected; they rank after the candidates with as many approvals, in the stroke order of their names.
 */
public final class RoundCounter {

    private final Assembly assembly;

    /** A counter for votes of the given body, which sets the quorum. */
    public RoundCounter(Assembly assembly) {
        this.assembly = Objects.requireNonNull(assembly, "assembly");
    }

    /**
     * Applies the rules to one round.
     *
     * @param tally  the numbers the counters report
     * @param ballot the candidates on this round's ballot and the seats it fills
     * @return what the round decided, with the next ballot when another round is needed
     * @throws InvalidTallyException listing every problem with the input, each naming the field
     */
    public RoundOutcome count(Tally tally, Ballot ballot) {
        Objects.requireNonNull(tally, "tally");
        Objects.requireNonNull(ballot, "ballot");
        var problems = TallyValidation.problems(tally, ballot);
        if (!problems.isEmpty()) {
            throw new InvalidTallyException(problems);
        }
        int due = tally.electorsDueToAttend();
        int present = tally.electorsPresent();
        int threshold = due / 2 + 1;
        String attendance = "应到会 %d 人，实到会 %d 人，".formatted(due, present);
        if (!assembly.quorate(present, due)) {
            return new RoundOutcome(Kind.NO_QUORUM, List.of(), threshold, ballot, attendance
                    + "未超过应到会人数的%s，不能进行%s，须在到会人数足够时重新投票。"
                            .formatted(assembly.shareText, assembly.vote));
        }
        attendance += "超过应到会人数的%s；发出%s %d 张，收回 %d 张，"
                .formatted(assembly.shareText, assembly.ballot, tally.ballotsIssued(), tally.ballotsReturned());
        if (tally.ballotsReturned() > tally.ballotsIssued()) {
            return new RoundOutcome(Kind.VOID, List.of(), threshold, ballot,
                    attendance + "收回票数多于发出票数，本轮%s无效，须重新投票。".formatted(assembly.vote));
        }
        Optional<Tally.Box> overfilled = tally.overfilledBox();
        if (overfilled.isPresent()) {
            return new RoundOutcome(Kind.VOID, List.of(), threshold, ballot, attendance
                    + "第 %d 号票箱发出 %d 张，收回 %d 张，收回票数多于发出票数，本轮%s无效，须重新投票。".formatted(
                            overfilled.get().box(), overfilled.get().ballotsIssued(),
                            overfilled.get().ballotsReturned(), assembly.vote));
        }
        String validity = attendance + "其中无效票 %d 张，%s有效。赞成票超过应到会人数的一半（至少 %d 票）方能%s："
                .formatted(tally.invalidBallots(), assembly.vote, threshold, assembly.elected);
        List<String> writeIns = tally.approvals().keySet().stream()
                .filter(key -> Ballot.isWriteIn(key) && !ballot.candidateIds().contains(key))
                .sorted(Ballot.WRITE_INS)
                .toList();
        List<Elected> above = Stream.concat(ballot.candidateIds().stream(), writeIns.stream())
                .map(id -> new Elected(id, tally.approvals().getOrDefault(id, 0)))
                .filter(candidate -> candidate.approvals() >= threshold)
                .sorted(Comparator.comparingInt(Elected::approvals).reversed())
                .toList();
        int seats = ballot.seats();
        if (above.size() < seats) {
            return shortfall(ballot, above, threshold, validity, assembly);
        }
        int lastSeatApprovals = above.get(seats - 1).approvals();
        List<Elected> clear = above.stream().filter(c -> c.approvals() > lastSeatApprovals).toList();
        List<String> tied = above.stream()
                .filter(c -> c.approvals() == lastSeatApprovals)
                .map(Elected::candidateId)
                .toList();
        if (clear.size() + tied.size() == seats) {
            return new RoundOutcome(Kind.ELECTED_ALL, above.subList(0, seats), threshold, null, validity
                    + "达到的有 %d 人，按得票多少%s %d 名，%s。".formatted(above.size(), assembly.elected, seats,
                            assembly.allFilled));
        }
        int remaining = seats - clear.size();
        String clearText = clear.isEmpty() ? "" : "按得票多少%s %d 名；".formatted(assembly.elected, clear.size());
        return new RoundOutcome(Kind.TIE_AT_LAST_SEAT, clear, threshold, new Ballot(tied, remaining), validity
                + "达到的有 %d 人，%s%s 得票相等（各 %d 票），争 %d 个名额，须就这 %d 人重新投票。".formatted(
                        above.size(), clearText, String.join("、", tied), lastSeatApprovals, remaining, tied.size()));
    }

    private static RoundOutcome shortfall(Ballot ballot, List<Elected> above, int threshold, String validity,
            Assembly assembly) {
        var electedIds = above.stream().map(Elected::candidateId).collect(Collectors.toSet());
        List<String> others = ballot.candidateIds().stream().filter(id -> !electedIds.contains(id)).toList();
        int missing = ballot.seats() - above.size();
        String reached = above.isEmpty() ? "没有" + assembly.candidates + "达到"
                : "达到的只有 %d 人，已%s".formatted(above.size(), assembly.elected);
        return new RoundOutcome(Kind.SHORTFALL, above, threshold, new Ballot(others, missing), validity + reached
                + "；尚缺 %d 名，".formatted(missing) + assembly.shortfallRule.formatted(others.size()));
    }
}
