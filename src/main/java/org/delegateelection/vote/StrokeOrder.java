package org.delegateelection.vote;

import java.util.Comparator;

import com.ibm.icu.text.Collator;
import com.ibm.icu.util.ULocale;

/**
 * The order of candidates on a ballot: by the number of strokes of the surname (姓氏笔画),
 * 《中国共产党地方组织选举工作条例》 art. 30. The order is ICU's Chinese stroke collation ({@code zh@collation=stroke},
 * from CLDR), not a table of our own:
 * <ul>
 * <li>Names are compared character by character: the first character by its number of strokes, then the next one,
 * and so on; a name that is the beginning of another comes first (李 before 李明). ICU knows no surnames, so a
 * compound surname (欧阳, 司马, 诸葛 …) counts as the characters it is written with: 欧阳修 stands among the
 * surnames of 8 strokes because of 欧, and before 欧明 because 阳 has fewer strokes than 明.</li>
 * <li>Characters with the same number of strokes are not equal: ICU orders them by radical and then by the strokes
 * outside the radical (the Unicode radical-stroke index, kRSUnicode), e.g. 张 (radical 弓) before 李 (radical 木).
 * The custom of ordering them by the shape of the first stroke (横竖撇点折) is not followed.</li>
 * <li>CLDR counts strokes as traditional Chinese does. Most characters have the same count as in the mainland
 * standard, but a component written with more strokes there counts more: 阝 as 3 (陈 8, 郑 9, 邓 5), 艹 as 4
 * (苏 8, 范 9, 董 13, 蒋 13), and 黄 as 12 instead of 11.</li>
 * <li>Only identical names compare as equal; the caller decides their order.</li>
 * </ul>
 * The comparator is thread-safe.
 */
public final class StrokeOrder {

    /** Compares two names in Chinese characters as described above; a {@code null} name is a programming error. */
    public static final Comparator<String> NAMES = strokeCollation();

    private StrokeOrder() {
    }

    private static Comparator<String> strokeCollation() {
        Collator collator = Collator.getInstance(new ULocale("zh@collation=stroke")).freeze();
        return collator::compare;
    }
}
