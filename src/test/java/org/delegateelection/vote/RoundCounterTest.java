package org.delegateelection.vote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.delegateelection.system.Problem;
import org.delegateelection.vote.RoundOutcome.Elected;
import org.delegateelection.vote.RoundOutcome.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoundCounterTest {

    private static final RoundCounter CONGRESS = new RoundCounter(Assembly.CONGRESS);

    private static final String VALID_800_780 = "应到会 800 人，实到会 780 人，超过应到会人数的一半；发出选票 780 张，收回 780 张，"
            + "其中无效票 0 张，选举有效。赞成票超过应到会人数的一半（至少 401 票）方能当选：";

    /** Everyone present votes, A approved by all of them, one seat among A and B. */
    @ParameterizedTest(name = "{0}: due {1}, present {2} -> {3}")
    @CsvSource(textBlock = """
            CONGRESS,          800, 400, NO_QUORUM
            CONGRESS,          800, 401, ELECTED_ALL
            CONGRESS,          801, 400, NO_QUORUM
            CONGRESS,          801, 401, ELECTED_ALL
            CONGRESS,            2,   1, NO_QUORUM
            CONGRESS,            1,   1, ELECTED_ALL
            COMMITTEE_PLENARY,  90,  60, NO_QUORUM
            COMMITTEE_PLENARY,  90,  61, ELECTED_ALL
            COMMITTEE_PLENARY,  91,  60, NO_QUORUM
            COMMITTEE_PLENARY,  91,  61, ELECTED_ALL
            """)
    void quorumNeedsMoreThanTheShareOfThoseDueToAttend(Assembly assembly, int due, int present, Kind expected) {
        Ballot ballot = new Ballot(List.of("A", "B"), 1);
        RoundOutcome outcome = new RoundCounter(assembly)
                .count(TallyBuilder.due(due).present(present)
                        .issued(present).returned(present).invalid(0)
                        .approving("A", present).build(), ballot);

        assertThat(outcome.kind()).isEqualTo(expected);
        if (expected == Kind.NO_QUORUM) {
            assertThat(outcome.elected()).isEmpty();
            assertThat(outcome.nextBallot()).isEqualTo(ballot);
        } else {
            assertThat(outcome.elected()).containsExactly(new Elected("A", present));
        }
    }

    @Test
    void noQuorumIsExplained() {
        RoundOutcome congress = CONGRESS.count(TallyBuilder.due(800).present(400)
                .issued(0).returned(0).invalid(0).build(), new Ballot(List.of("A", "B"), 1));
        RoundOutcome plenary = new RoundCounter(Assembly.COMMITTEE_PLENARY)
                .count(TallyBuilder.due(90).present(60)
                        .issued(0).returned(0).invalid(0).build(), new Ballot(List.of("A", "B"), 1));

        assertThat(congress.explanation())
                .isEqualTo("应到会 800 人，实到会 400 人，未超过应到会人数的一半，不能进行选举，须在到会人数足够时重新投票。");
        assertThat(plenary.explanation())
                .isEqualTo("应到会 90 人，实到会 60 人，未超过应到会人数的三分之二，不能进行表决，须在到会人数足够时重新投票。");
    }

    @Test
    void aPlenaryVoteIsReportedInItsOwnWords() {
        RoundCounter plenary = new RoundCounter(Assembly.COMMITTEE_PLENARY);
        Ballot ballot = new Ballot(List.of("A", "B", "C"), 2);

        RoundOutcome filled = plenary.count(TallyBuilder.due(76).present(72)
                .issued(72).returned(72).invalid(1)
                .approving("A", 60).approving("B", 50).approving("C", 10).build(), ballot);
        RoundOutcome shortfall = plenary.count(TallyBuilder.due(76).present(72)
                .issued(72).returned(72).invalid(0)
                .approving("A", 60).approving("B", 38).approving("C", 10).build(),
                ballot);

        String valid = "应到会 76 人，实到会 72 人，超过应到会人数的三分之二；发出表决票 72 张，收回 72 张，其中无效票 %d 张，"
                + "表决有效。赞成票超过应到会人数的一半（至少 39 票）方能通过：";
        assertThat(filled.explanation()).isEqualTo(valid.formatted(1) + "达到的有 2 人，按得票多少通过 2 名，预定人数已全部产生。");
        assertThat(shortfall.explanation()).isEqualTo(valid.formatted(0) + "达到的只有 1 人，已通过；尚缺 1 名，"
                + "人数和结构仍符合要求的即予确定，否则在本轮未通过的 2 名人选中另行表决，不按得票多少从未达到的人选中递补。");
    }

    /** Twenty absent, everyone present votes; one seat among A and B, B without approvals. */
    @ParameterizedTest(name = "due {0}, A approved by {1}: threshold {2}, {3}")
    @CsvSource(textBlock = """
            800, 400, 401, SHORTFALL
            800, 401, 401, ELECTED_ALL
            801, 400, 401, SHORTFALL
            801, 401, 401, ELECTED_ALL
            799, 399, 400, SHORTFALL
            799, 400, 400, ELECTED_ALL
            """)
    void electedOnlyWithMoreThanHalfOfThoseDueToAttend(int due, int approvals, int threshold, Kind expected) {
        int present = due - 20;
        RoundOutcome outcome = CONGRESS.count(TallyBuilder.due(due).present(present)
                .issued(present).returned(present).invalid(0)
                .approving("A", approvals).build(),
                new Ballot(List.of("A", "B"), 1));

        assertThat(outcome.threshold()).isEqualTo(threshold);
        assertThat(outcome.kind()).isEqualTo(expected);
        assertThat(outcome.elected().isEmpty()).isEqualTo(expected == Kind.SHORTFALL);
    }

    @ParameterizedTest(name = "issued {0}, returned {1} -> {2}")
    @CsvSource(textBlock = """
            780, 781, VOID
            780, 780, ELECTED_ALL
            780, 779, ELECTED_ALL
              0,   1, VOID
            """)
    void moreBallotsReturnedThanIssuedMakeTheRoundVoid(int issued, int returned, Kind expected) {
        Ballot ballot = new Ballot(List.of("A", "B"), 1);
        Map<String, Integer> approvals = returned > 0 && issued > 0 ? Map.of("A", 450) : Map.of();
        RoundOutcome outcome = CONGRESS.count(TallyBuilder.due(800).present(780)
                .issued(issued).returned(returned).invalid(0)
                .approvals(approvals).build(), ballot);

        assertThat(outcome.kind()).isEqualTo(expected);
        if (expected == Kind.VOID) {
            assertThat(outcome.elected()).isEmpty();
            assertThat(outcome.nextBallot()).isEqualTo(ballot);
        }
    }

    @Test
    void aBoxReturningMoreThanItIssuedVoidsTheRoundThoughTheRoundsTotalsDoNot() {
        Ballot ballot = new Ballot(List.of("A", "B"), 1);
        Tally tally = TallyBuilder.due(800).present(780).issued(780).returned(779).invalid(0)
                .approving("A", 450).build();
        List<Tally.Box> boxes = List.of(new Tally.Box(1, 390, 391), new Tally.Box(2, 390, 388));
        Tally byBox = new Tally(800, 780, 780, 779, 0, tally.approvals(), boxes);
        Tally boxesWithin = new Tally(800, 780, 780, 779, 0, tally.approvals(),
                List.of(new Tally.Box(1, 390, 390), new Tally.Box(2, 390, 389)));

        RoundOutcome outcome = CONGRESS.count(byBox, ballot);

        assertThat(CONGRESS.count(tally, ballot).kind()).isEqualTo(Kind.ELECTED_ALL);
        assertThat(CONGRESS.count(boxesWithin, ballot).kind()).isEqualTo(Kind.ELECTED_ALL);
        assertThat(outcome.kind()).isEqualTo(Kind.VOID);
        assertThat(outcome.nextBallot()).isEqualTo(ballot);
        assertThat(outcome.explanation()).endsWith("第 1 号票箱发出 390 张，收回 391 张，收回票数多于发出票数，本轮选举无效，须重新投票。");
    }

    @Test
    void boxesMustAddUpToTheRound() {
        Tally tally = new Tally(800, 780, 780, 779, 0, Map.of("A", 450),
                List.of(new Tally.Box(1, 390, 390), new Tally.Box(2, 389, 389)));

        InvalidTallyException e = catchThrowableOfType(InvalidTallyException.class,
                () -> CONGRESS.count(tally, new Ballot(List.of("A", "B"), 1)));

        assertThat(e.problems()).extracting(Problem::field).containsExactly("boxes");
    }

    @Test
    void voidRoundIsExplained() {
        RoundOutcome outcome = CONGRESS.count(TallyBuilder.due(800).present(780)
                .issued(780).returned(781).invalid(0)
                .approving("A", 450).build(),
                new Ballot(List.of("A", "B"), 1));

        assertThat(outcome.explanation()).isEqualTo("应到会 800 人，实到会 780 人，超过应到会人数的一半；发出选票 780 张，"
                + "收回 781 张，收回票数多于发出票数，本轮选举无效，须重新投票。");
    }

    /**
     * 800 due, 780 present and voting, no invalid ballot: threshold 401. Approvals are listed in ballot order; the
     * result sentence is what follows "方能当选：".
     */
    @ParameterizedTest(name = "{0}, {1} seats -> {2} {3} / next {4} for {5}")
    @CsvSource(delimiter = '|', textBlock = """
            A=600 B=430 C=430 D=50        | 2 | TIE_AT_LAST_SEAT | A:600             | B C   | 1 | 达到的有 3 人，按得票多少当选 1 名；B、C 得票相等（各 430 票），争 1 个名额，须就这 2 人重新投票。
            A=500 B=450 C=420 D=420 E=300 | 3 | TIE_AT_LAST_SEAT | A:500 B:450       | C D   | 1 | 达到的有 4 人，按得票多少当选 2 名；C、D 得票相等（各 420 票），争 1 个名额，须就这 2 人重新投票。
            B=420 A=500 C=420 D=420 E=100 | 3 | TIE_AT_LAST_SEAT | A:500             | B C D | 2 | 达到的有 4 人，按得票多少当选 1 名；B、C、D 得票相等（各 420 票），争 2 个名额，须就这 3 人重新投票。
            A=420 B=420 C=420             | 2 | TIE_AT_LAST_SEAT | ''                | A B C | 2 | 达到的有 3 人，A、B、C 得票相等（各 420 票），争 2 个名额，须就这 3 人重新投票。
            A=500 B=500 C=450 D=300       | 3 | ELECTED_ALL      | A:500 B:500 C:450 | ''    | 0 | 达到的有 3 人，按得票多少当选 3 名，应选名额已全部选出。
            Z=420 A=420 C=300             | 2 | ELECTED_ALL      | Z:420 A:420       | ''    | 0 | 达到的有 2 人，按得票多少当选 2 名，应选名额已全部选出。
            A=430 B=500 C=470 D=150       | 2 | ELECTED_ALL      | B:500 C:470       | ''    | 0 | 达到的有 3 人，按得票多少当选 2 名，应选名额已全部选出。
            A=401 B=401 C=400             | 2 | ELECTED_ALL      | A:401 B:401       | ''    | 0 | 达到的有 2 人，按得票多少当选 2 名，应选名额已全部选出。
            A=500 B=400 C=400             | 2 | SHORTFALL        | A:500             | B C   | 1 | 达到的只有 1 人，已当选；尚缺 1 名，须在本轮未当选的 2 名候选人中另行选举，不按得票多少从未达到的候选人中递补。
            A=500 B=300 C=200 D=100       | 3 | SHORTFALL        | A:500             | B C D | 2 | 达到的只有 1 人，已当选；尚缺 2 名，须在本轮未当选的 3 名候选人中另行选举，不按得票多少从未达到的候选人中递补。
            A=400 B=300 C=100             | 2 | SHORTFALL        | ''                | A B C | 2 | 没有候选人达到；尚缺 2 名，须在本轮未当选的 3 名候选人中另行选举，不按得票多少从未达到的候选人中递补。
            A=600 B=402 C=401 D=400 E=390 | 4 | SHORTFALL        | A:600 B:402 C:401 | D E   | 1 | 达到的只有 3 人，已当选；尚缺 1 名，须在本轮未当选的 2 名候选人中另行选举，不按得票多少从未达到的候选人中递补。
            """)
    void seatsGoByApprovalsAboveTheThreshold(String approvals, int seats, Kind kind, String elected,
            String nextIds, int nextSeats, String resultSentence) {
        Map<String, Integer> byCandidate = approvals(approvals);
        RoundOutcome outcome = CONGRESS.count(TallyBuilder.due(800).present(780)
                .issued(780).returned(780).invalid(0)
                .approvals(byCandidate).build(),
                new Ballot(List.copyOf(byCandidate.keySet()), seats));

        assertThat(outcome.kind()).isEqualTo(kind);
        assertThat(outcome.threshold()).isEqualTo(401);
        assertThat(outcome.elected()).containsExactlyElementsOf(elected(elected));
        assertThat(outcome.nextBallot()).isEqualTo(nextSeats == 0 ? null : new Ballot(words(nextIds), nextSeats));
        assertThat(outcome.explanation()).isEqualTo(VALID_800_780 + resultSentence);
    }

    /** 69 seats, 80 candidates C01..C80 in ballot order: every fifth up to C75 gets 350, the 65 others 450. */
    @Test
    void shortfallGoesToAnotherRoundAmongTheOthersOnTheBallot() {
        List<String> ids = IntStream.rangeClosed(1, 80).mapToObj("C%02d"::formatted).toList();
        Map<String, Integer> approvals = new LinkedHashMap<>();
        for (int i = 1; i <= 80; i++) {
            approvals.put("C%02d".formatted(i), i % 5 == 0 && i <= 75 ? 350 : 450);
        }

        RoundOutcome outcome = CONGRESS.count(TallyBuilder.due(800).present(780)
                .issued(780).returned(780).invalid(0)
                .approvals(approvals).build(), new Ballot(ids, 69));

        assertThat(outcome.kind()).isEqualTo(Kind.SHORTFALL);
        assertThat(outcome.elected()).hasSize(65).allMatch(e -> e.approvals() == 450);
        assertThat(outcome.elected().get(0).candidateId()).isEqualTo("C01");
        assertThat(outcome.elected().get(64).candidateId()).isEqualTo("C80");
        assertThat(outcome.nextBallot()).isEqualTo(new Ballot(
                words("C05 C10 C15 C20 C25 C30 C35 C40 C45 C50 C55 C60 C65 C70 C75"), 4));
        assertThat(outcome.explanation()).isEqualTo(VALID_800_780 + "达到的只有 65 人，已当选；尚缺 4 名，"
                + "须在本轮未当选的 15 名候选人中另行选举，不按得票多少从未达到的候选人中递补。");
    }

    /**
     * 800 due, 780 present, 780 issued, 779 returned, 3 invalid; 80 candidates for 69 seats. 73 reach 401; the four
     * lowest of them (430, 421, 415, 402) and the seven below do not get a seat; the 69th seat goes to C40 with 569.
     */
    @Test
    void realisticRound() {
        String table = """
                712 655 402 698 741 588 690 623 400 577
                702 665 610 733 596 421 680 640 729 655
                388 714 671 602 690 720 634 581 699 612
                745 662 593 708 615 357 687 724 640 569
                706 650 677 599 415 731 626 694 661 584
                718 603 689 642 735 574 696 657 612 430
                684 620 706 372 649 723 591 668 701 637
                396 710 645 688 608 260 727 674 631 395
                """;
        List<String> numbers = words(table.strip());
        Map<String, Integer> approvals = new LinkedHashMap<>();
        for (int i = 0; i < numbers.size(); i++) {
            approvals.put("C%02d".formatted(i + 1), Integer.parseInt(numbers.get(i)));
        }

        RoundOutcome outcome = CONGRESS.count(TallyBuilder.due(800).present(780)
                .issued(780).returned(779).invalid(3)
                .approvals(approvals).build(),
                new Ballot(List.copyOf(approvals.keySet()), 69));

        assertThat(outcome.kind()).isEqualTo(Kind.ELECTED_ALL);
        assertThat(outcome.threshold()).isEqualTo(401);
        assertThat(outcome.nextBallot()).isNull();
        assertThat(outcome.elected()).hasSize(69)
                .startsWith(new Elected("C31", 745), new Elected("C05", 741), new Elected("C55", 735))
                .endsWith(new Elected("C40", 569));
        List<String> electedIds = outcome.elected().stream().map(Elected::candidateId).toList();
        assertThat(approvals.keySet()).filteredOn(id -> !electedIds.contains(id))
                .containsExactly("C03", "C09", "C16", "C21", "C36", "C45", "C60", "C64", "C71", "C76", "C80");
        assertThat(electedIds.indexOf("C63")).isEqualTo(electedIds.indexOf("C41") + 1);
        assertThat(outcome.explanation()).isEqualTo("应到会 800 人，实到会 780 人，超过应到会人数的一半；"
                + "发出选票 780 张，收回 779 张，其中无效票 3 张，选举有效。"
                + "赞成票超过应到会人数的一半（至少 401 票）方能当选：达到的有 73 人，按得票多少当选 69 名，应选名额已全部选出。");
    }

    private static Map<String, Integer> approvals(String text) {
        Map<String, Integer> approvals = new LinkedHashMap<>();
        for (String pair : words(text)) {
            String[] parts = pair.split("=");
            approvals.put(parts[0], Integer.parseInt(parts[1]));
        }
        return approvals;
    }

    private static List<Elected> elected(String text) {
        return words(text).stream()
                .map(pair -> pair.split(":"))
                .map(parts -> new Elected(parts[0], Integer.parseInt(parts[1])))
                .toList();
    }

    private static List<String> words(String text) {
        return text == null || text.isBlank() ? List.of() : Arrays.asList(text.trim().split("\\s+"));
    }

    /**
     * People written in (另选他人) are counted by the same rules: two seats among A, B, C and whoever is written in;
     * 800 due to attend, so 401 approvals elect. Tied write-ins stand in the stroke order of the names written in
     * (王曦: 王, blank, 曦, before 王一彪).
     */
    @ParameterizedTest(name = "{0} -> {1} {2} / next {3}")
    @CsvSource(delimiter = '|', textBlock = """
            A=450, B=100, 另选:王五=500               | ELECTED_ALL      | 另选:王五=500; A=450 |
            A=500, B=450, 另选:王五=450               | TIE_AT_LAST_SEAT | A=500              | B, 另选:王五
            A=500, 另选:王五=400                      | SHORTFALL        | A=500              | B, C
            A=500, 另选:王五=401, 另选:丁一=401         | TIE_AT_LAST_SEAT | A=500              | 另选:丁一, 另选:王五
            A=300, 另选:王五=401, 另选:丁一=402         | ELECTED_ALL      | 另选:丁一=402; 另选:王五=401 |
            A=500, 另选:王一彪=401, 另选:王曦=401       | TIE_AT_LAST_SEAT | A=500              | 另选:王曦, 另选:王一彪
            """)
    void peopleWrittenInAreCountedAndElectedByTheSameRules(String approvals, Kind kind, String elected,
            String next) {
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (String pair : approvals.split(",")) {
            String[] parts = pair.strip().split("=");
            votes.put(parts[0], Integer.parseInt(parts[1]));
        }

        RoundOutcome outcome = CONGRESS.count(TallyBuilder.due(800).present(780)
                .issued(780).returned(780).invalid(0)
                .approvals(votes).build(),
                new Ballot(List.of("A", "B", "C"), 2));

        assertThat(outcome.kind()).isEqualTo(kind);
        assertThat(outcome.elected()).containsExactlyElementsOf(Arrays.stream(elected.split(";"))
                .map(pair -> pair.strip().split("="))
                .map(parts -> new Elected(parts[0], Integer.parseInt(parts[1]))).toList());
        assertThat(outcome.nextBallot() == null ? List.of() : outcome.nextBallot().candidateIds())
                .containsExactlyElementsOf(next == null ? List.of()
                        : Arrays.stream(next.split(",")).map(String::strip).toList());
    }
}
