package org.delegateelection.vote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.delegateelection.demo.GeneratedBallots;
import org.delegateelection.system.InvalidInputException;
import org.delegateelection.system.Problem;
import org.delegateelection.system.TableFile.Format;
import org.delegateelection.vote.BallotCount.Marks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Ballot files read ballot by ballot, in both formats: what each ballot counts for, and files refused whole. */
class BallotSheetTest {

    /** Three candidates, two seats. */
    private static final Ballot BALLOT = new Ballot(List.of("A", "B", "C"), 2);
    private static final String HEADER = "A 丁一,B 王二,C 张三,无效";

    /**
     * One ballot (columns A, B, C, 无效; '|' separates cells) and what it counts for: invalid or not, and the
     * approvals of A, B, C and of the person written in (王五).
     */
    @ParameterizedTest(name = "{0} -> invalid {1}")
    @CsvSource(delimiter = ';', textBlock = """
            赞成|赞成|反对|     ; false; 1; 1; 0; 0
            赞成|反对|弃权|     ; false; 1; 0; 0; 0
            ○|×|弃权|          ; false; 1; 0; 0; 0
            弃权|弃权|弃权|     ; false; 0; 0; 0; 0
            赞成|赞成|赞成|     ; true;  0; 0; 0; 0
            赞成|反对:王五|弃权|  ; false; 1; 0; 0; 1
            赞成|反对：王五|赞成| ; true;  0; 0; 0; 0
            反对:王五|反对|弃权| ; false; 0; 0; 0; 1
            赞成|赞成|反对|是    ; true;  0; 0; 0; 0
            ||同意|是           ; true;  0; 0; 0; 0
            赞成|赞成|反对|否    ; false; 1; 1; 0; 0
            """)
    void eachBallotCountsByItsMarks(String cells, boolean invalid, int a, int b, int c, int writeIn) {
        for (Format format : Format.values()) {
            BallotCount count = BallotSheet.read(format, file(format, HEADER, cells.strip().replace('|', ',')),
                    BALLOT, true);

            assertThat(count.ballotsReturned()).isEqualTo(1);
            assertThat(count.invalidBallots()).isEqualTo(invalid ? 1 : 0);
            assertThat(count.marks().get("A").approvals()).isEqualTo(a);
            assertThat(count.marks().get("B").approvals()).isEqualTo(b);
            assertThat(count.marks().get("C").approvals()).isEqualTo(c);
            assertThat(count.marks().getOrDefault("另选:王五", new Marks(0, 0, 0)).approvals()).isEqualTo(writeIn);
        }
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void ballotsAddUpInAnyOrderAndColumnsMayComeInAnyOrder(Format format) {
        List<String> ballots = List.of("赞成,赞成,反对,", "反对,弃权,赞成,", "赞成,赞成,赞成,", "赞成,反对:王五,弃权,",
                ",,,是");
        List<String> reversed = new ArrayList<>(ballots);
        Collections.reverse(reversed);

        BallotCount inOrder = BallotSheet.read(format, file(format, HEADER, ballots.toArray(String[]::new)), BALLOT,
                true);
        BallotCount backwards = BallotSheet.read(format,
                file(format, HEADER, reversed.toArray(String[]::new)), BALLOT, true);
        BallotCount columnsMoved = BallotSheet.read(format, file(format, "无效,C,B,A",
                ",反对,赞成,赞成", ",赞成,弃权,反对", ",赞成,赞成,赞成", ",弃权,反对:王五,赞成", "是,,,"), BALLOT, true);

        assertThat(inOrder).isEqualTo(backwards).isEqualTo(columnsMoved);
        assertThat(inOrder.ballotsReturned()).isEqualTo(5);
        assertThat(inOrder.invalidBallots()).isEqualTo(2);
        assertThat(inOrder.marks()).containsExactly(
                Map.entry("A", new Marks(2, 1, 0)),
                Map.entry("B", new Marks(1, 1, 1)),
                Map.entry("C", new Marks(1, 1, 1)),
                Map.entry("另选:王五", new Marks(1, 0, 0)));
        assertThat(inOrder.tally(800, 700, 700).approvals())
                .containsExactly(Map.entry("A", 2), Map.entry("B", 1), Map.entry("C", 1), Map.entry("另选:王五", 1));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of(new String[] {"A,B,无效", "赞成,赞成,"}, List.of(new Problem(1, "C", "缺少本轮选票上候选人 C 的列"))),
                Arguments.of(new String[] {"A,B,C,D", "赞成,赞成,反对,赞成"},
                        List.of(new Problem(1, "D", "不是本轮选票上的候选人：D"))),
                Arguments.of(new String[] {"A,B,C,A 丁一", "赞成,赞成,反对,赞成"}, List.of(new Problem(1, "A 丁一", "列重复"))),
                Arguments.of(new String[] {HEADER, "赞成,赞成,反对,", "赞成,同意,反对,", "赞成,,反对,", "赞成,赞成,反对,"},
                        List.of(new Problem(3, "B 王二", "“同意”不是 赞成（○）、反对（×）或 弃权"),
                                new Problem(4, "B 王二", "未填写；须为 赞成、反对 或 弃权"))),
                Arguments.of(new String[] {HEADER, "赞成:王五,弃权,弃权,", "弃权,弃权:王五,弃权,"},
                        List.of(new Problem(2, "A 丁一", "只有投反对票时才能另选他人"),
                                new Problem(3, "B 王二", "只有投反对票时才能另选他人"))),
                Arguments.of(new String[] {HEADER, "反对:,弃权,弃权,", "反对:王五,反对:王五,弃权,"},
                        List.of(new Problem(2, "A 丁一", "另选他人须写明姓名（1 至 50 字）"),
                                new Problem(3, "B 王二", "另选的 王五 已在本张选票上"))),
                Arguments.of(new String[] {HEADER, "赞成,赞成,反对,可能"},
                        List.of(new Problem(2, "无效", "须填“是”或留空，现为“可能”"))),
                Arguments.of(new String[] {HEADER, "赞成,赞成,反对,,赞成"},
                        List.of(new Problem(2, null, "第 5 列没有表头，不能填写"))),
                Arguments.of(new String[] {HEADER}, List.of(new Problem(null, null, "文件中没有选票"))));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void ballotsKeptForComparisonAreReadByHeaderAndCountAsTheFile(Format format) {
        String[] ballots = {"赞成,反对:王五,弃权,", "○,×,赞成,", "赞成,赞成,赞成,", ",,,是", "弃权,赞成,反对,否"};
        String[] columnsMoved = {",弃权,反对:王五,赞成", ",赞成,×,○", ",赞成,赞成,赞成", "是,,,", "否,反对,赞成,弃权"};

        List<BallotSheet.Reading> printed = BallotSheet.readings(format, file(format, HEADER, ballots), BALLOT, true);
        List<BallotSheet.Reading> moved = BallotSheet.readings(format, file(format, "无效,C 张三,B 王二,A 丁一",
                columnsMoved), BALLOT, true);

        assertThat(moved).isEqualTo(printed).hasSize(5);
        assertThat(printed.get(0).cells()).containsExactly("赞成", "反对:王五", "弃权");
        assertThat(printed.get(1).cells()).containsExactly("赞成", "反对", "赞成");
        assertThat(printed.get(3).spoilt()).isTrue();
        assertThat(printed.get(3).cell(1)).isEqualTo("无效");
        assertThat(BallotSheet.count(BALLOT, printed))
                .isEqualTo(BallotSheet.read(format, file(format, HEADER, ballots), BALLOT, true));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void aMalformedFileIsRefusedWholeNamingEveryRow(String[] lines, List<Problem> expected) {
        for (Format format : Format.values()) {
            InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> BallotSheet.read(format,
                    file(format, lines[0], Arrays.copyOfRange(lines, 1, lines.length)), BALLOT, true));

            assertThat(e.summary()).isEqualTo("选票文件有误，未保存任何选票");
            assertThat(e.problems()).as(format.name()).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aVoteWithoutWriteInsRefusesEveryNameWrittenIn() {
        for (Format format : Format.values()) {
            InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> BallotSheet.read(format,
                    file(format, HEADER, "反对:王五,赞成,弃权,", "赞成,赞成,反对,", "弃权,反对：李四,反对:赵六,"), BALLOT,
                    false));

            assertThat(e.problems()).as(format.name()).containsExactly(
                    new Problem(2, "A 丁一", "本次表决不能另选他人"),
                    new Problem(4, "B 王二", "本次表决不能另选他人"),
                    new Problem(4, "C 张三", "本次表决不能另选他人"));
        }
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            CSV,  不是 UTF-8
            XLSX, 不是工作簿
            """)
    void anUnreadableFileIsRefused(Format format, String text) {
        byte[] content = format == Format.CSV ? new byte[] {(byte) 0xC3, (byte) 0x28}
                : text.getBytes(StandardCharsets.UTF_8);

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> BallotSheet.read(format, content, BALLOT, true));

        assertThat(e.problems()).singleElement().extracting(Problem::field).isEqualTo("file");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void aFileBeyondTheLimitsIsRefusedWithOneProblem(Format format) {
        String[] ballots = Collections.nCopies(BallotSheet.MAX_ROWS + 1, "赞成,反对,弃权,").toArray(String[]::new);
        String tooWide = "赞成,反对,弃权,,,,,赞成";

        InvalidInputException tooMany = catchThrowableOfType(InvalidInputException.class,
                () -> BallotSheet.read(format, file(format, HEADER, ballots), BALLOT, true));
        InvalidInputException wide = catchThrowableOfType(InvalidInputException.class,
                () -> BallotSheet.read(format, file(format, HEADER, tooWide), BALLOT, true));

        assertThat(tooMany.problems()).containsExactly(new Problem(null, "file", "文件超过 10000 行数据（不含表头）：第 10002 行超出"));
        // three candidates and four columns more
        assertThat(wide.problems()).containsExactly(new Problem(null, "file", "文件超过 7 列：第 2 行第 8 列超出"));
    }

    /** A file of the given format: the header and the ballot rows, cells separated by commas. */
    static byte[] file(Format format, String header, String... rows) {
        List<String> lines = new ArrayList<>();
        lines.add(header);
        lines.addAll(List.of(rows));
        if (format == Format.CSV) {
            return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        }
        List<List<String>> cells = lines.stream().map(line -> List.of(line.split(",", -1))).toList();
        return GeneratedBallots.xlsx(cells);
    }
}
