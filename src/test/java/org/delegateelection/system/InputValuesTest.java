package org.delegateelection.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Reading submitted values as Tasklist and REST clients type them. */
class InputValuesTest {

    @Test
    void readsTextLinesSplitAtEitherCommaAndSkipsBlankLines() {
        assertThat(InputValues.lines("unitsText", "city01,东川市,8\n\n organs，省直机关， 12 \r\n", 3, 3))
                .containsExactly(List.of("city01", "东川市", "8"), List.of("organs", "省直机关", "12"));
    }

    @Test
    void namesTheLineWithTheWrongNumberOfFields() {
        assertThatThrownBy(() -> InputValues.lines("unitsText", "city01,东川市,8\ncity02 西岭市 6", 3, 3))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("字段 unitsText")
                .hasMessageContaining("第2行应有 3 项");
        assertThatThrownBy(() -> InputValues.lines("approvalsText", " ", 2, 3))
                .hasMessageContaining("字段 approvalsText：不能为空");
    }

    @Test
    void readsWholeNumbersWhateverTheirTypeAndRefusesFractionsAndText() {
        assertThat(InputValues.integer("seats", 69, 1, 100)).isEqualTo(69);
        assertThat(InputValues.integer("seats", 69L, 1, 100)).isEqualTo(69);
        assertThat(InputValues.integer("seats", 69.0, 1, 100)).isEqualTo(69);
        assertThat(InputValues.integer("seats", "69", 1, 100)).isEqualTo(69);
        assertThatThrownBy(() -> InputValues.integer("seats", 69.5, 1, 100)).hasMessageContaining("须为整数");
        assertThatThrownBy(() -> InputValues.integer("seats", "六十九", 1, 100)).hasMessageContaining("须为数字");
        assertThatThrownBy(() -> InputValues.integer("seats", 0, 1, 100)).hasMessageContaining("须在 1 至 100 之间");
        assertThatThrownBy(() -> InputValues.integer("seats", null, 1, 100)).hasMessageContaining("缺少取值");
    }

    @Test
    void readsIdListsFromJsonTextOrListsAndRefusesDuplicatesAndOtherShapes() {
        assertThat(InputValues.strings("selectedCandidateIds", "[\"HB-0001\",\"HB-0002\"]"))
                .containsExactly("HB-0001", "HB-0002");
        assertThat(InputValues.strings("selectedCandidateIds", List.of("HB-0003"))).containsExactly("HB-0003");
        assertThatThrownBy(() -> InputValues.strings("selectedCandidateIds", "[\"HB-0001\",\"HB-0001\"]"))
                .hasMessageContaining("重复的编号 HB-0001");
        assertThatThrownBy(() -> InputValues.strings("selectedCandidateIds", "{\"a\":1}"))
                .hasMessageContaining("须为数组");
        assertThatThrownBy(() -> InputValues.strings("selectedCandidateIds", "[1,2]"))
                .hasMessageContaining("数组元素须为非空字符串");
        assertThatThrownBy(() -> InputValues.strings("selectedCandidateIds", "[不是JSON"))
                .hasMessageContaining("不是有效的JSON");
    }

    @Test
    void readsBooleansOnlyAsTrueOrFalse() {
        assertThat(InputValues.bool("approved", true)).isTrue();
        assertThat(InputValues.bool("approved", "false")).isFalse();
        assertThatThrownBy(() -> InputValues.bool("approved", "yes")).hasMessageContaining("须为 true 或 false");
    }
}
