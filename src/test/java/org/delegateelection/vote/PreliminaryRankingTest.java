package org.delegateelection.vote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.delegateelection.system.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PreliminaryRankingTest {

    /** Five candidates in ballot order; the formal list has three places. */
    private static final Ballot BALLOT = new Ballot(List.of("A", "B", "C", "D", "E"), 3);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            A=80, B=70, C=60, D=40, E=20                    | A, B, C              | A, B, C, D, E
            A=80, B=70, C=50, D=50, E=10                    | A, B, C, D           | A, B, C, D, E
            A=80, B=60, C=60, D=60, E=10                    | A, B, C, D           | A, B, C, D, E
            D=80, C=70, B=70, A=10                          | D, B, C              | D, B, C, A, E
            A=1, B=1, C=1, D=1, E=1                         | A, B, C, D, E        | A, B, C, D, E
            A=80, 另选:王五=70, B=70, C=50                   | A, B, 另选:王五        | A, B, 另选:王五, C, D, E
            A=80, B=70, 另选:王五=40, 另选:丁一=40, C=40      | A, B, C, 另选:丁一, 另选:王五 | A, B, C, 另选:丁一, 另选:王五, D, E
            另选:王五=90, A=80, B=60, C=40                   | 另选:王五, A, B        | 另选:王五, A, B, C, D, E
            A=80, B=10, 另选:王五=0                          | A, B                 | A, B, C, D, E
            """)
    void ranksByApprovalsAndTakesTheFormalListWithEveryoneTiedAtTheCutOff(String approvals, String formal,
            String ranking) {
        PreliminaryRanking.Result result = PreliminaryRanking.rank(tally(90, 90, approvals(approvals)), BALLOT);

        assertThat(result.formalList()).containsExactlyElementsOf(list(formal));
        assertThat(result.ranking()).extracting(PreliminaryRanking.Ranked::candidateId)
                .containsExactlyElementsOf(list(ranking));
    }

    @Test
    void nobodyNeedsHalfOfTheElectorsAndTheTieIsExplained() {
        PreliminaryRanking.Result result = PreliminaryRanking.rank(
                tally(90, 90, approvals("A=3, B=2, C=1, D=1, E=0")), BALLOT);

        assertThat(result.formalList()).containsExactly("A", "B", "C", "D");
        assertThat(result.ranking()).startsWith(new PreliminaryRanking.Ranked("A", 3));
        assertThat(result.explanation()).isEqualTo("应到会 100 人，实到会 90 人，发出选票 90 张，收回 90 张，其中无效票 0 张，"
                + "预选有效。预选不设当选票数，按得票多少取前 3 名，因第 3 名与其后 1 人得票相等（各 1 票），一并列入，共 4 名"
                + "为正式候选人（应列 3 名）。");
    }

    @ParameterizedTest(name = "present {0}, returned {1}, {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            50 | 50 | A=10        | electorsPresent
            90 | 91 | A=10        | ballotsReturned
            90 | 90 | Z=10        | approvals
            90 | 90 | A=91        | approvals
            """)
    void refusesWhatCannotBeCountedNamingTheField(int present, int returned, String approvals, String field) {
        Tally tally = TallyBuilder.due(100).present(present)
                .issued(Math.min(present, 90)).returned(returned).invalid(0)
                .approvals(approvals(approvals)).build();

        assertThatThrownBy(() -> PreliminaryRanking.rank(tally, BALLOT))
                .isInstanceOfSatisfying(InvalidTallyException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field).anySatisfy(f -> assertThat(f).startsWith(field)));
    }

    private static Tally tally(int present, int returned, Map<String, Integer> approvals) {
        return TallyBuilder.due(100).present(present)
                .issued(present).returned(returned).invalid(0)
                .approvals(approvals).build();
    }

    private static Map<String, Integer> approvals(String text) {
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            String[] parts = pair.strip().split("=");
            votes.put(parts[0], Integer.parseInt(parts[1]));
        }
        return votes;
    }

    private static List<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).toList();
    }
}
