package org.delegateelection.vote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/**
 * Stroke counts and sequences in the comments are the mainland's (GF 3002-1999), 1 横 2 竖 3 撇 4 点 5 折, as a reader
 * counts them by hand; the expected orders are written out.
 */
class StrokeOrderTest {

    private static List<String> sorted(String... names) {
        return List.of(names).stream().sorted(StrokeOrder.NAMES).toList();
    }

    // The published list

    /**
     * The 205 members of the 20th Central Committee as Xinhua published them, "按姓氏笔画为序" (the file says where
     * from); the notes in （…） that tell identical names apart are not part of the name.
     */
    private static List<String> centralCommittee() throws IOException {
        try (InputStream in = StrokeOrderTest.class.getResourceAsStream("/strokes/cpc20-central-committee.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("#") && !line.isBlank())
                    .map(line -> line.replaceAll("（.*）", ""))
                    .toList();
        }
    }

    @Test
    void thePublishedListOfTheCentralCommitteeHasNoAdjacentPairOutOfOrder() throws IOException {
        List<String> published = centralCommittee();

        List<String> outOfOrder = IntStream.range(0, published.size() - 1)
                .filter(i -> StrokeOrder.NAMES.compare(published.get(i), published.get(i + 1)) > 0)
                .mapToObj(i -> published.get(i) + " > " + published.get(i + 1))
                .toList();

        assertThat(published).hasSize(205);
        assertThat(outOfOrder).isEmpty();
    }

    @Test
    void theCentralCommitteeInAnyOrderSortsIntoThePublishedOrder() throws IOException {
        List<String> published = centralCommittee();
        List<String> shuffled = new ArrayList<>(published);
        Collections.shuffle(shuffled, new Random(20221022));

        assertThat(shuffled.stream().sorted(StrokeOrder.NAMES).toList()).isEqualTo(published);
    }

    // Characters

    @Test
    void surnamesGoByTheirNumberOfStrokesCountedTheMainlandWay() {
        // 丁2 王4 田5 刘6 李7 周8 赵9 钱10 曹11 程12 雷13 廖14 潘15 霍16 戴17 魏17 (戴 begins 1, 魏 3)
        assertThat(sorted("魏建国", "钱进", "丁一", "潘虹", "李明", "曹雪", "王芳", "戴红", "周平", "田野",
                "霍达", "刘洋", "廖静", "赵刚", "雷鸣", "程远"))
                .containsExactly("丁一", "王芳", "田野", "刘洋", "李明", "周平", "赵刚", "钱进", "曹雪", "程远",
                        "雷鸣", "廖静", "潘虹", "霍达", "戴红", "魏建国");
    }

    @Test
    void componentsCountAsTheMainlandWritesThem() {
        // 阝2: 邓4 陈7 郑8; 艹3: 苏7 范8 董12; 黄11 before 程12 (ICU counts 5 8 9, 8 9 13 and 黄12);
        // 王 1121 before 邓 5452, 苏 1225344 before 陈 5215234, 范 12244155 before 郑 43113452, 董 1223… before 程 3123…
        assertThat(sorted("程远", "董明", "郑华", "范文", "黄河", "陈刚", "苏平", "邓林", "王军"))
                .containsExactly("王军", "邓林", "苏平", "陈刚", "范文", "郑华", "黄河", "董明", "程远");
    }

    @Test
    void surnamesCommonInGuangxiStandWhereOfficialListsPutThem() {
        // 韦4 艾5 农6 陆7 郑8 莫10 黄11, then 13: 蓝 1222…, 蒙 1224…, 雷 1452… (ICU: 艾6 莫11 黄12 蓝14 蒙14)
        assertThat(sorted("雷鸣", "蒙泉", "蓝天立", "黄铭", "莫军", "郑华", "艾园林", "韦平", "农华", "陆昊"))
                .containsExactly("韦平", "艾园林", "农华", "陆昊", "郑华", "莫军", "黄铭", "蓝天立", "蒙泉", "雷鸣");
    }

    @Test
    void surnamesOfOneCountGoByTheirStrokesOneByOne() {
        // 5 strokes: 古 12251, 石 13251, 卢 21513, 叶 25112, 田 25121, 冯 41551
        assertThat(sorted("冯飞", "卢明", "古月", "叶建春", "田野", "石泰峰"))
                .containsExactly("古月", "石泰峰", "卢明", "叶建春", "田野", "冯飞");
        // 7: 李 1234521 before 张 5153154; 8: 林 1234…, 罗 2522…, 周 3512…
        assertThat(sorted("罗刚", "李明", "林平", "张华", "周平"))
                .containsExactly("李明", "张华", "林平", "罗刚", "周平");
    }

    @Test
    void charactersOfTheSameStrokesGoLeftRightThenTopBottomThenWhole() {
        // 孔 and 巴 5215, 叶 and 申 25112, 次 and 衣 413534
        assertThat(StrokeOrder.NAMES.compare("孔", "巴")).isNegative();
        assertThat(StrokeOrder.NAMES.compare("叶", "申")).isNegative();
        assertThat(StrokeOrder.NAMES.compare("次", "衣")).isNegative();
        assertThat(sorted("巴特尔", "孔明", "申华", "叶华")).containsExactly("孔明", "巴特尔", "叶华", "申华");
    }

    @Test
    void rareCharactersOfTheExtensionsHaveTheirCount() {
        // 㐀 (Extension A) 5 strokes 21211, before 田 25121; 𠮷 (Extension B) 6 strokes 121251, before 刘 413422
        assertThat(sorted("李明", "𠮷祥", "刘洋", "㐀华", "田野", "王芳"))
                .containsExactly("王芳", "㐀华", "田野", "𠮷祥", "刘洋", "李明");
        assertThat(StrokeOrder.unsequenced(List.of("㐀华", "𠮷祥"))).isEmpty();
    }

    @Test
    void everyCharacterOfTheCjkUnifiedIdeographsHasACount() {
        // a character without a count sorts after every counted one, as the Latin A does
        int[][] blocks = {{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0x20000, 0x2A6DF}, {0x2A700, 0x2B739},
            {0x2B740, 0x2B81D}, {0x2B820, 0x2CEA1}, {0x2CEB0, 0x2EBE0}, {0x30000, 0x3134A}, {0x31350, 0x323AF}};

        List<String> uncounted = new ArrayList<>();
        for (int[] block : blocks) {
            IntStream.rangeClosed(block[0], block[1]).mapToObj(Character::toString)
                    .filter(c -> StrokeOrder.NAMES.compare(c, "A") > 0).forEach(uncounted::add);
        }

        assertThat(uncounted).isEmpty();
        assertThat(StrokeOrder.NAMES.compare("A", "B")).isNegative();
    }

    @Test
    void aCharacterWithoutSequenceComesAfterThoseOfItsCountByCodePointAndIsNamed() {
        // 21 strokes: 霸 and 露 have sequences (14524444 then 霸 1221…, 露 2512…); 囍 U+56CD and 藔 U+85D4 have
        // none: after them, by code point; 囊 has 22
        assertThat(sorted("囊", "藔", "露", "囍", "霸")).containsExactly("霸", "露", "囍", "藔", "囊");
        assertThat(StrokeOrder.unsequenced(List.of("王囍", "霸林", "藔明", "李囍"))).containsExactly("囍", "藔");
    }

    @Test
    void aCharacterWithoutCountComesAfterEveryCountedOneAndIsNamed() {
        assertThat(sorted("李X", "李龘", "李明")).containsExactly("李明", "李龘", "李X");
        assertThat(StrokeOrder.unsequenced(List.of("李X"))).containsExactly("X");
    }

    // Names

    @Test
    void aTwoCharacterNameHasABlankBetweenSurnameAndGivenNameThatComesFirst() {
        // 曦 has 20 strokes, 一 1: all the 王 of one given character come before those of two
        assertThat(sorted("王一彪", "王曦", "王小洪", "王毅")).containsExactly("王毅", "王曦", "王一彪", "王小洪");
    }

    @Test
    void theSameSurnameGoesOnByTheGivenName() {
        // 李 then 力2, 平5, 明8; a name that begins another comes first
        assertThat(sorted("李明", "李平", "李", "李力")).containsExactly("李", "李力", "李平", "李明");
    }

    @Test
    void aCompoundSurnameCountsAsTheCharactersItIsWrittenWith() {
        // 司5 (司马) < 李7 < 欧8 (欧阳, 欧) < 诸10 (诸葛) < 曹11; 欧明 (two characters: 欧, blank) before 欧阳坚
        assertThat(sorted("曹雪", "诸葛亮", "欧阳坚", "欧明", "李明", "司马光"))
                .containsExactly("司马光", "李明", "欧明", "欧阳坚", "诸葛亮", "曹雪");
        // 欧阳坚 among the 8-stroke surnames: after 陈 (7), between 林 1234… and 罗 2522…
        assertThat(sorted("罗文", "欧阳坚", "林武", "陈刚")).containsExactly("陈刚", "林武", "欧阳坚", "罗文");
    }

    @Test
    void aNameWithAMiddleDotIsReadWithoutTheDot() {
        // 艾 then 力2, 尔5, 园7; 廷·巴特尔 under 廷 (6), after 艾 (5)
        assertThat(sorted("廷·巴特尔", "艾园林", "艾尔肯·吐尼亚孜", "艾力更·依明巴海"))
                .containsExactly("艾力更·依明巴海", "艾尔肯·吐尼亚孜", "艾园林", "廷·巴特尔");
        assertThat(StrokeOrder.NAMES.compare("艾力更・依明巴海", "艾力更·依明巴海")).isZero();
    }

    @Test
    void spacesAreNotCharactersOfTheName() {
        // "丁　宁" (ideographic space, as official lists set two-character names) is 丁宁: 丁, blank, 宁
        assertThat(sorted("丁薛祥", "丁学东", "丁　宁")).containsExactly("丁　宁", "丁学东", "丁薛祥");
        assertThat(StrokeOrder.NAMES.compare("丁　宁", "丁宁")).isZero();
        assertThat(StrokeOrder.NAMES.compare("丁 宁", "丁宁")).isZero();
    }

    @Test
    void onlyIdenticalNamesAreEqual() {
        assertThat(StrokeOrder.NAMES.compare("张华", "张华")).isZero();
        assertThat(StrokeOrder.NAMES.compare("张华", "李华")).isNotZero();
        assertThat(StrokeOrder.NAMES.compare("叶", "申")).isNotZero();
    }

    @Test
    void identicalNamesKeepTheOrderTheyAreGivenIn() {
        List<String> given = List.of("王凯（河南）", "王凯（解放军和武警部队）", "王宁");

        assertThat(given.stream().sorted(java.util.Comparator.comparing(
                (String name) -> name.replaceAll("（.*）", ""), StrokeOrder.NAMES)).toList())
                .containsExactly("王宁", "王凯（河南）", "王凯（解放军和武警部队）");
    }
}
