package org.delegateelection.vote;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Stroke counts in the comments are those a reader counts by hand; the expected orders are written out. */
class StrokeOrderTest {

    private static List<String> sorted(String... names) {
        return List.of(names).stream().sorted(StrokeOrder.NAMES).toList();
    }

    @Test
    void surnamesGoByTheirNumberOfStrokes() {
        // 丁2 王4 田5 刘6 李7 周8 赵9 钱10 曹11 程12 雷13 廖14 潘15 霍16 戴17 魏18
        assertThat(sorted("魏建国", "钱进", "丁一", "潘虹", "李明", "曹雪", "王芳", "戴红", "周平", "田野",
                "霍达", "刘洋", "廖静", "赵刚", "雷鸣", "程远"))
                .containsExactly("丁一", "王芳", "田野", "刘洋", "李明", "周平", "赵刚", "钱进", "曹雪", "程远",
                        "雷鸣", "廖静", "潘虹", "霍达", "戴红", "魏建国");
    }

    @Test
    void theSameSurnameGoesOnByTheGivenName() {
        // 李 then 力2, 平5, 明8; a name that begins another comes first
        assertThat(sorted("李明", "李平", "李", "李力")).containsExactly("李", "李力", "李平", "李明");
    }

    @Test
    void aCompoundSurnameCountsAsTheCharactersItIsWrittenWith() {
        // 司5 (司马) < 李7 < 欧8 (欧阳, 欧) < 诸10 (诸葛) < 曹11; 欧阳修 before 欧明 as 阳 has fewer strokes than 明 (8)
        assertThat(sorted("曹雪", "诸葛亮", "欧明", "欧阳修", "李明", "司马光"))
                .containsExactly("司马光", "李明", "欧阳修", "欧明", "诸葛亮", "曹雪");
    }

    @Test
    void surnamesOfEqualStrokesGoByRadical() {
        // 8 strokes each: 周 (radical 口, no. 30), 林 (木, 75), 罗 (网, 122); 7 strokes: 张 (弓, 57), 李 (木, 75)
        assertThat(sorted("罗刚", "李明", "林平", "张华", "周平"))
                .containsExactly("张华", "李明", "周平", "林平", "罗刚");
    }

    @Test
    void strokesAreCountedAsInTraditionalChinese() {
        // mainland counts: 陈7 = 李7, 黄11 < 程12; ICU counts 阝 as 3 and 黄 as 12: 陈8 after 李7, 黄12 after 程12
        assertThat(sorted("黄河", "陈刚", "程远", "周平", "李明"))
                .containsExactly("李明", "周平", "陈刚", "程远", "黄河");
    }

    @Test
    void surnamesAPersonCanCheckByHand() {
        // 丁2 王4 张7 李7 (张 radical 弓 57 before 李 木 75) 欧阳: 欧8
        assertThat(sorted("欧阳明", "李华", "张伟", "王军", "丁力"))
                .containsExactly("丁力", "王军", "张伟", "李华", "欧阳明");
    }

    @Test
    void onlyIdenticalNamesAreEqual() {
        assertThat(StrokeOrder.NAMES.compare("张华", "张华")).isZero();
        assertThat(StrokeOrder.NAMES.compare("张华", "李华")).isNotZero();
    }
}
