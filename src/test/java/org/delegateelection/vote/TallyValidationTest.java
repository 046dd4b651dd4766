package org.delegateelection.vote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.delegateelection.system.InvalidInputException;
import org.delegateelection.system.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TallyValidationTest {

    private static final RoundCounter COUNTER = new RoundCounter(Assembly.CONGRESS);
    private static final Ballot ABC_FOR_2 = new Ballot(List.of("A", "B", "C"), 2);
    private static final Map<String, Integer> A500_B300 = Map.of("A", 500, "B", 300);

    static Stream<Arguments> invalidInput() {
        return Stream.of(
                row(TallyBuilder.due(-1).present(780)
                        .issued(780).returned(780).invalid(0)
                        .approvals(A500_B300).build(), ABC_FOR_2,
                        "electorsDueToAttend", "应到会人数不能为负数，现为 -1"),
                row(TallyBuilder.due(800).present(-1)
                        .issued(780).returned(780).invalid(0)
                        .approvals(A500_B300).build(), ABC_FOR_2,
                        "electorsPresent", "实到会人数不能为负数，现为 -1"),
                row(TallyBuilder.due(800).present(780)
                        .issued(-1).returned(780).invalid(0)
                        .approvals(A500_B300).build(), ABC_FOR_2,
                        "ballotsIssued", "发出选票数不能为负数，现为 -1"),
                row(TallyBuilder.due(800).present(780)
                        .issued(780).returned(-1).invalid(0)
                        .approvals(A500_B300).build(), ABC_FOR_2,
                        "ballotsReturned", "收回选票数不能为负数，现为 -1"),
                row(TallyBuilder.due(800).present(780)
                        .issued(780).returned(780).invalid(-1)
                        .approvals(A500_B300).build(), ABC_FOR_2,
                        "invalidBallots", "无效票数不能为负数，现为 -1"),
                row(TallyBuilder.due(800).present(null)
                        .issued(780).returned(780).invalid(0)
                        .approvals(A500_B300).build(), ABC_FOR_2,
                        "electorsPresent", "实到会人数未填写"),
                row(TallyBuilder.due(0).present(0).issued(0).returned(0).invalid(0).build(), ABC_FOR_2,
                        "electorsDueToAttend", "应到会人数须大于 0"),
                row(TallyBuilder.due(800).present(801)
                        .issued(780).returned(780).invalid(0)
                        .approvals(A500_B300).build(), ABC_FOR_2,
                        "electorsPresent", "实到会 801 人，多于应到会的 800 人"),
                row(TallyBuilder.due(800).present(780)
                        .issued(781).returned(780).invalid(0)
                        .approvals(A500_B300).build(), ABC_FOR_2,
                        "ballotsIssued", "发出选票 781 张，多于实到会的 780 人；未到会的选举人不能委托他人投票"),
                row(TallyBuilder.due(800).present(780)
                        .issued(780).returned(780).invalid(781)
                        .approvals(A500_B300).build(), ABC_FOR_2,
                        "invalidBallots", "无效票 781 张，多于收回的 780 张"),
                row(TallyBuilder.due(800).present(780)
                        .issued(780).returned(780).invalid(0)
                        .approvals(null).build(), ABC_FOR_2,
                        "approvals", "赞成票未填写；无人得票时填写空表"),
                row(TallyBuilder.due(800).present(780)
                        .issued(780).returned(780).invalid(0)
                        .approving("A", 500).approving("X", 10).build(), ABC_FOR_2,
                        "approvals", "X 不是本轮选票上的候选人，不能计赞成票"),
                row(TallyBuilder.due(800).present(780)
                        .issued(780).returned(780).invalid(0)
                        .approving("A", -5).build(), ABC_FOR_2,
                        "approvals", "候选人 A 的赞成票须为不小于 0 的整数，现为 -5"),
                row(TallyBuilder.due(800).present(780)
                        .issued(780).returned(780).invalid(0)
                        .approving("A", 781).build(), ABC_FOR_2,
                        "approvals", "候选人 A 的赞成票 781 张，多于有效票 780 张"),
                row(TallyBuilder.due(800).present(780)
                        .issued(780).returned(780).invalid(100)
                        .approving("A", 700).build(), ABC_FOR_2,
                        "approvals", "候选人 A 的赞成票 700 张，多于有效票 680 张"),
                row(TallyBuilder.due(800).present(780)
                        .issued(780).returned(780).invalid(0)
                        .approvals(A500_B300).build(), new Ballot(List.of("A", "B", "C"), 1),
                        "approvals", "赞成票合计 800 张，多于有效票 780 张乘应选名额 1（每张有效票最多赞成 1 人）"),
                row(TallyBuilder.due(800).present(780)
                        .issued(780).returned(780).invalid(0)
                        .approvals(A500_B300).build(), new Ballot(List.of("A", "B", "C"), 0),
                        "seats", "应选名额须至少为 1，现为 0"),
                row(TallyBuilder.due(800).present(780)
                        .issued(780).returned(780).invalid(0)
                        .approvals(A500_B300).build(), new Ballot(List.of("A", "B", "C"), 4),
                        "seats", "应选名额 4 名，多于选票上的 3 名候选人"),
                row(TallyBuilder.due(800).present(780)
                        .issued(780).returned(780).invalid(0).build(), new Ballot(List.of(), 2),
                        "candidateIds", "选票上没有候选人"),
                row(TallyBuilder.due(800).present(780)
                        .issued(780).returned(780).invalid(0)
                        .approvals(A500_B300).build(), new Ballot(List.of("A", "B", "A"), 2),
                        "candidateIds", "候选人 A 在选票上出现了两次"));
    }

    @ParameterizedTest(name = "{2}: {3}")
    @MethodSource("invalidInput")
    void rejectsInputNamingTheField(Tally tally, Ballot ballot, String field, String reason) {
        InvalidTallyException e = catchThrowableOfType(InvalidTallyException.class, () -> COUNTER.count(tally, ballot));

        assertThat(e).isInstanceOf(InvalidInputException.class);
        assertThat(e.problems()).containsExactly(new Problem(null, field, reason));
        assertThat(e.getMessage()).isEqualTo("计票数据有误：字段 " + field + "：" + reason);
    }

    @Test
    void reportsEveryProblemAtOnce() {
        InvalidTallyException e = catchThrowableOfType(InvalidTallyException.class,
                () -> COUNTER.count(TallyBuilder.due(800).present(801)
                        .issued(780).returned(780).invalid(0)
                        .approvals(A500_B300).build(), new Ballot(List.of("A", "B"), 0)));

        assertThat(e.problems()).extracting(Problem::field).containsExactly("electorsPresent", "seats");
    }

    private static Arguments row(Tally tally, Ballot ballot, String field, String reason) {
        return Arguments.of(tally, ballot, field, reason);
    }
}
