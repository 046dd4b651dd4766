package org.delegateelection.vote;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.delegateelection.system.Problem;

/**
 * Counts a preliminary election (预选): a competitive vote over the whole ballot that elects nobody but ranks the
 * people voted on, and whose first places become the candidate list of the formal election (《中国共产党地方组织选举
 * 工作条例》 art. 7: a preliminary election may be held first by competitive election to produce the candidate list,
 * then the formal election). Where the regulation is silent this count decides:
 * <ul>
 * <li>No threshold: nobody needs more than half of the electors due to attend; the preliminary ranks, it does not
 * elect.</li>
 * <li>The quorum still applies, and more ballots returned than issued make the vote void; either way the tally is
 * refused (field {@code electorsPresent} or {@code ballotsReturned}) and the preliminary is held again.</li>
 * <li>Order: most approvals first; with equal approvals candidates keep their ballot order, and people written in
 * (另选他人, {@link Ballot#writeInKey}) follow them in the stroke order of their names, as in {@link RoundCounter}.</li>
 * <li>The formal list takes the first {@code listSize} places (the ballot's {@link Ballot#seats()}, which also caps
 * the approvals on one preliminary ballot). Everyone with as many approvals as the last of them is taken too: a tie
 * at the cut-off lengthens the list instead of calling another vote, since the competitive ratio is a minimum and a
 * longer list keeps it.</li>
 * <li>People written in are ranked like candidates and reach the formal list as write-ins; someone with no approval
 * never does, so a list shorter than {@code listSize} is possible only when fewer people were approved at all.</li>
 * </ul>
 */
public final class PreliminaryRanking {

    private PreliminaryRanking() {
    }

    /**
     * What a preliminary election produced.
     *
     * @param ranking     everyone with approvals, and every candidate of the ballot, most approvals first
     * @param formalList  the candidate ids (and write-in keys) of the formal list, in ranking order
     * @param explanation one or two sentences in Chinese for the people at the congress
     */
    public record Result(List<Ranked> ranking, List<String> formalList, String explanation) {

        /** Copies the lists. */
        public Result {
            ranking = List.copyOf(ranking);
            formalList = List.copyOf(formalList);
        }
    }

    /**
     * One place of the ranking.
     *
     * @param candidateId the candidate's id, or a write-in key
     * @param approvals   approvals received in the preliminary election
     */
    public record Ranked(String candidateId, int approvals) {
    }

    /**
     * Ranks a preliminary election.
     *
     * @param tally  the numbers the counters report
     * @param ballot every candidate voted on, in ballot order, and as {@code seats} the size of the formal list
     * @throws InvalidTallyException listing every problem, each naming the field: the checks of {@link RoundCounter},
     *                               no quorum ({@code electorsPresent}) or a void vote ({@code ballotsReturned})
     */
    public static Result rank(Tally tally, Ballot ballot) {
        Objects.requireNonNull(tally, "tally");
        Objects.requireNonNull(ballot, "ballot");
        List<Problem> problems = new ArrayList<>(TallyValidation.problems(tally, ballot));
        if (problems.isEmpty() && !Assembly.CONGRESS.quorate(tally.electorsPresent(), tally.electorsDueToAttend())) {
            problems.add(new Problem(null, "electorsPresent", "实到会人数未超过应到会人数的一半，不能进行预选，须在到会人数足够时投票"));
        }
        if (problems.isEmpty() && tally.ballotsReturned() > tally.ballotsIssued()) {
            problems.add(new Problem(null, "ballotsReturned", "收回票数多于发出票数，预选无效，须重新投票"));
        }
        if (problems.isEmpty() && tally.overfilledBox().isPresent()) {
            Tally.Box box = tally.overfilledBox().get();
            problems.add(new Problem(null, "boxes", "第 %d 号票箱发出 %d 张，收回 %d 张，收回票数多于发出票数，预选无效，须重新投票"
                    .formatted(box.box(), box.ballotsIssued(), box.ballotsReturned())));
        }
        if (!problems.isEmpty()) {
            throw new InvalidTallyException(problems);
        }
        List<String> writeIns = tally.approvals().entrySet().stream()
                .filter(e -> Ballot.isWriteIn(e.getKey()) && !ballot.candidateIds().contains(e.getKey())
                        && e.getValue() > 0)
                .map(e -> e.getKey())
                .sorted(Ballot.WRITE_INS)
                .toList();
        List<Ranked> ranking = Stream.concat(ballot.candidateIds().stream(), writeIns.stream())
                .map(id -> new Ranked(id, tally.approvals().getOrDefault(id, 0)))
                .sorted(Comparator.comparingInt(Ranked::approvals).reversed())
                .toList();
        List<Ranked> approved = ranking.stream().filter(r -> r.approvals() > 0).toList();
        int size = ballot.seats();
        List<String> formal;
        String cut;
        if (approved.size() <= size) {
            formal = approved.stream().map(Ranked::candidateId).toList();
            cut = "得到赞成票的 %d 人全部列入".formatted(approved.size());
        } else {
            int lastApprovals = approved.get(size - 1).approvals();
            formal = approved.stream().filter(r -> r.approvals() >= lastApprovals).map(Ranked::candidateId).toList();
            cut = formal.size() == size ? "按得票多少取前 %d 名".formatted(size)
                    : "按得票多少取前 %d 名，因第 %d 名与其后 %d 人得票相等（各 %d 票），一并列入，共 %d 名".formatted(size,
                            size, formal.size() - size, lastApprovals, formal.size());
        }
        return new Result(ranking, formal, ("应到会 %d 人，实到会 %d 人，发出选票 %d 张，收回 %d 张，其中无效票 %d 张，预选有效。"
                + "预选不设当选票数，%s为正式候选人（应列 %d 名）。").formatted(tally.electorsDueToAttend(),
                        tally.electorsPresent(), tally.ballotsIssued(), tally.ballotsReturned(),
                        tally.invalidBallots(), cut, size));
    }
}
