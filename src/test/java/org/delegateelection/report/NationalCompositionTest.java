package org.delegateelection.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.delegateelection.quota.People.REFERENCE_DATE;
import static org.delegateelection.quota.People.person;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.delegateelection.candidate.Candidate;
import org.delegateelection.candidate.Education;
import org.delegateelection.candidate.FrontlineKind;
import org.delegateelection.quota.People;
import org.junit.jupiter.api.Test;

/**
 * The 2,296 delegates elected to the 20th National Congress, rebuilt person by person from the counts the
 * Organization Department published (September 2022); the report must print every published share as published.
 */
class NationalCompositionTest {

    private static final int DELEGATES = 2296;
    private static final int UNDER_45 = 434;
    private static final int UNDER_55 = 1371;
    private static final int JOINED_AFTER_REFORM = 2224;

    private static final List<String> MINORITY_GROUPS = List.of(
            "壮族", "回族", "满族", "维吾尔族", "苗族", "彝族", "土家族", "藏族", "蒙古族", "侗族",
            "布依族", "瑶族", "白族", "朝鲜族", "哈尼族", "黎族", "哈萨克族", "傣族", "畲族", "傈僳族",
            "东乡族", "仡佬族", "拉祜族", "佤族", "水族", "纳西族", "羌族", "土族", "仫佬族", "锡伯族",
            "柯尔克孜族", "景颇族", "达斡尔族", "撒拉族", "布朗族", "毛南族", "塔吉克族", "普米族", "阿昌族", "怒族");

    /**
     * The delegates, traits by index ranges: 771 frontline (192 workers of whom 26 migrant workers, 85 farmers, 266
     * professional technicians, 228 other; the first 710 with honours), the last 619 women, 264 minorities spread
     * over the 40 groups, 1,210 postgraduate, 826 university, 155 大专 (2,191 college and above), 105 other;
     * ages as in {@link #born(int)}; the first 2,224 joined at 25 (1986 to 2007), the 72 others at 18 (1977–78).
     */
    private static List<Candidate> delegates() {
        List<Candidate> people = new ArrayList<>();
        for (int i = 0; i < DELEGATES; i++) {
            People.Person p = person(String.format("D%04d", i + 1));
            if (i < 771) {
                p.frontline(i < 192 ? FrontlineKind.WORKER
                        : i < 192 + 85 ? FrontlineKind.FARMER
                        : i < 192 + 85 + 266 ? FrontlineKind.PROFESSIONAL_TECHNICIAN
                        : FrontlineKind.OTHER);
                if (i < 26) {
                    p.migrantWorker();
                }
                if (i < 710) {
                    p.honour();
                }
            }
            if (i >= DELEGATES - 619) {
                p.woman();
            }
            if (i < 264) {
                p.ethnicity(MINORITY_GROUPS.get(i % MINORITY_GROUPS.size()));
            }
            p.education(i < 1210 ? Education.POSTGRADUATE
                    : i < 1210 + 826 ? Education.UNIVERSITY
                    : i < 2191 ? Education.COLLEGE
                    : Education.OTHER);
            LocalDate born = born(i);
            p.born(born).joined(born.plusYears(i < JOINED_AFTER_REFORM ? 25 : 18));
            people.add(p.build());
        }
        return people;
    }

    /**
     * Whole-year ages on the reference date, birthdays spread over the year: 433 aged 40, one 44 who turns 45
     * tomorrow (434 under 45), one who turns 45 today, 935 aged 50, one 54 who turns 55 tomorrow (1,371 under 55),
     * one who turns 55 today, 852 aged 60 and the 72 who joined before the reform aged 62. Sum 119,852 years over
     * 2,296 people: 52.2 (exact ages, half a year older on average, would give 52.7).
     */
    private static LocalDate born(int i) {
        if (i < UNDER_45 - 1) {
            return bornAged(40, i);
        }
        if (i == UNDER_45 - 1) {
            return REFERENCE_DATE.minusYears(45).plusDays(1);
        }
        if (i == UNDER_45) {
            return REFERENCE_DATE.minusYears(45);
        }
        if (i < UNDER_55 - 1) {
            return bornAged(50, i);
        }
        if (i == UNDER_55 - 1) {
            return REFERENCE_DATE.minusYears(55).plusDays(1);
        }
        if (i == UNDER_55) {
            return REFERENCE_DATE.minusYears(55);
        }
        return bornAged(i < JOINED_AFTER_REFORM ? 60 : 62, i);
    }

    /** Aged {@code age} on the reference date, the birthday 0 to 364 days past. */
    private static LocalDate bornAged(int age, int i) {
        return REFERENCE_DATE.minusYears(age).minusDays(i % 365);
    }

    private final CompositionReport report = CompositionReport.of(delegates(), REFERENCE_DATE);

    @Test
    void everyPublishedCountAndShare() {
        assertThat(report.count()).isEqualTo(2296);
        assertThat(report.frontline()).isEqualTo(figure(771, "33.6"));
        assertThat(report.workers()).isEqualTo(figure(192, "8.4"));
        assertThat(report.migrantWorkers()).isEqualTo(26);
        assertThat(report.farmers()).isEqualTo(figure(85, "3.7"));
        assertThat(report.professionalTechnicians()).isEqualTo(figure(266, "11.6"));
        assertThat(report.women()).isEqualTo(figure(619, "27.0"));
        assertThat(report.minorities()).isEqualTo(figure(264, "11.5"));
        assertThat(report.minorityGroups()).isEqualTo(40);
        assertThat(report.averageAge()).isEqualTo(new BigDecimal("52.2"));
        assertThat(report.under55()).isEqualTo(figure(1371, "59.7"));
        assertThat(report.under45()).isEqualTo(figure(434, "18.9"));
        assertThat(report.collegeOrAbove()).isEqualTo(figure(2191, "95.4"));
        assertThat(report.university()).isEqualTo(figure(826, "36.0"));
        assertThat(report.postgraduate()).isEqualTo(figure(1210, "52.7"));
        assertThat(report.joinedAfterReform()).isEqualTo(figure(2224, "96.9"));
        assertThat(report.frontlineWithHonours()).as("710 of 771 frontline").isEqualTo(figure(710, "92.1"));
    }

    @Test
    void textReadsAsPublished() {
        assertThat(report.toText().lines()).contains(
                "人数：2296 名（年龄计算截至 2022-06-30）",
                "生产和工作第一线：771 名，占 33.6%",
                "其中工人：192 名，占 8.4%（其中农民工 26 名）",
                "其中农民：85 名，占 3.7%",
                "其中专业技术人员：266 名，占 11.6%",
                "女性：619 名，占 27.0%",
                "少数民族：264 名，占 11.5%，涉及 40 个民族",
                "平均年龄：52.2 岁",
                "55岁以下：1371 名，占 59.7%",
                "45岁以下：434 名，占 18.9%",
                "大专以上学历：2191 名，占 95.4%",
                "其中大学：826 名，占 36.0%",
                "其中研究生：1210 名，占 52.7%",
                "改革开放以后入党：2224 名，占 96.9%",
                "获省部级以上表彰的第一线人选：710 名，占第一线人选的 92.1%");
    }

    private static CompositionReport.Figure figure(int count, String percent) {
        return new CompositionReport.Figure(count, new BigDecimal(percent));
    }
}
