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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompositionReportTest {

    /**
     * 100 people: 34 frontline (8 workers of whom 2 migrant workers, 4 farmers, 12 technicians, 10 other; 32 with
     * honours), 27 women, 12 minorities of 4 groups, ages 19 × 40, 41 × 50, 30 × 60, 10 × 61 (average 52.2),
     * education 5 other, 15 college, 36 university, 44 postgraduate; joined 1 before Oct 1949, 2 from Oct 1949 (on
     * both boundary days), 60 in the reform period (2 on its boundary days), 37 since Nov 2012 (1 on its first day).
     */
    private static List<Candidate> hundred() {
        List<Candidate> people = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            People.Person p = person(String.format("C%03d", i));
            if (i < 34) {
                p.frontline(i < 8 ? FrontlineKind.WORKER : i < 12 ? FrontlineKind.FARMER
                        : i < 24 ? FrontlineKind.PROFESSIONAL_TECHNICIAN : FrontlineKind.OTHER);
                if (i < 2) {
                    p.migrantWorker();
                }
                if (i < 32) {
                    p.honour();
                }
            }
            if (i >= 73) {
                p.woman();
            }
            if (i >= 50 && i < 62) {
                p.ethnicity(i < 55 ? "回族" : i < 59 ? "壮族" : i < 61 ? "藏族" : "蒙古族");
            }
            p.age(i < 19 ? 40 : i < 60 ? 50 : i < 90 ? 60 : 61);
            p.education(i < 5 ? Education.OTHER : i < 20 ? Education.COLLEGE
                    : i < 56 ? Education.UNIVERSITY : Education.POSTGRADUATE);
            p.joined(switch (i) {
                case 0 -> LocalDate.of(1948, 5, 1);
                case 1 -> LocalDate.of(1949, 10, 1);
                case 2 -> LocalDate.of(1978, 12, 17);
                case 3 -> LocalDate.of(1978, 12, 18);
                case 4 -> LocalDate.of(2012, 11, 7);
                case 63 -> LocalDate.of(2012, 11, 8);
                default -> i < 63 ? LocalDate.of(1995, 7, 1) : LocalDate.of(2016, 7, 1);
            });
            people.add(p.build());
        }
        return people;
    }

    private final CompositionReport report = CompositionReport.of(hundred(), REFERENCE_DATE);

    @Test
    void countsAndSharesOfTheSyntheticHundred() {
        assertThat(report.count()).isEqualTo(100);
        assertThat(report.frontline()).isEqualTo(figure(34, "34.0"));
        assertThat(report.workers()).isEqualTo(figure(8, "8.0"));
        assertThat(report.migrantWorkers()).isEqualTo(2);
        assertThat(report.farmers()).isEqualTo(figure(4, "4.0"));
        assertThat(report.professionalTechnicians()).isEqualTo(figure(12, "12.0"));
        assertThat(report.women()).isEqualTo(figure(27, "27.0"));
        assertThat(report.minorities()).isEqualTo(figure(12, "12.0"));
        assertThat(report.minorityGroups()).isEqualTo(4);
        assertThat(report.averageAge()).isEqualTo(new BigDecimal("52.2"));
        assertThat(report.under55()).isEqualTo(figure(60, "60.0"));
        assertThat(report.under45()).isEqualTo(figure(19, "19.0"));
        assertThat(report.collegeOrAbove()).isEqualTo(figure(95, "95.0"));
        assertThat(report.university()).isEqualTo(figure(36, "36.0"));
        assertThat(report.postgraduate()).isEqualTo(figure(44, "44.0"));
        assertThat(report.frontlineWithHonours()).as("32 of 34 frontline").isEqualTo(figure(32, "94.1"));
    }

    @Test
    void joiningPeriodsSplitOnTheFoundingTheThirdPlenumAndThe18thCongress() {
        assertThat(report.joinedBefore1949()).isEqualTo(figure(1, "1.0"));
        assertThat(report.joined1949To1978()).isEqualTo(figure(2, "2.0"));
        assertThat(report.joined1978To2012()).isEqualTo(figure(60, "60.0"));
        assertThat(report.joinedSince2012()).isEqualTo(figure(37, "37.0"));
        assertThat(report.joinedAfterReform()).isEqualTo(figure(97, "97.0"));
    }

    @Test
    void textHasOneLinePerFigure() {
        assertThat(report.toText().lines()).hasSize(19).contains(
                "人数：100 名（年龄计算截至 2022-06-30）",
                "生产和工作第一线：34 名，占 34.0%",
                "其中工人：8 名，占 8.0%（其中农民工 2 名）",
                "少数民族：12 名，占 12.0%，涉及 4 个民族",
                "平均年龄：52.2 岁",
                "改革开放以后入党：97 名，占 97.0%",
                "获省部级以上表彰的第一线人选：32 名，占第一线人选的 94.1%");
    }

    @Test
    void jsonCarriesEveryFigure() {
        assertThat(report.toJson()).contains(
                "\"ageReferenceDate\":\"2022-06-30\"",
                "\"frontline\":{\"count\":34,\"percent\":34.0}",
                "\"averageAge\":52.2",
                "\"frontlineWithHonours\":{\"count\":32,\"percent\":94.1}");
    }

    @Test
    void sharesAndTheAverageAgeRoundHalfUp() {
        // 1 of 80 = 1.25 %; ages 52, 52, 52, 53 average 52.25
        List<Candidate> people = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            People.Person p = person("R" + i).age(i < 3 ? 52 : i == 3 ? 53 : 50);
            people.add((i == 0 ? p.ethnicity("回族") : p).build());
        }

        assertThat(CompositionReport.of(people, REFERENCE_DATE).minorities()).isEqualTo(figure(1, "1.3"));
        assertThat(CompositionReport.of(people.subList(0, 4), REFERENCE_DATE).averageAge())
                .isEqualTo(new BigDecimal("52.3"));
    }

    @Test
    void anEmptyListHasCountsButNoShares() {
        CompositionReport empty = CompositionReport.of(List.of(), REFERENCE_DATE);

        assertThat(empty.women()).isEqualTo(new CompositionReport.Figure(0, null));
        assertThat(empty.averageAge()).isNull();
        assertThat(empty.toText()).contains("女性：0 名\n", "平均年龄：—\n");
    }

    /** The shares the Organization Department published for the 20th Congress, from its counts. */
    @ParameterizedTest
    @CsvSource({
            "771, 2296, 33.6", "192, 2296, 8.4", "85, 2296, 3.7", "266, 2296, 11.6", "619, 2296, 27.0",
            "264, 2296, 11.5", "1371, 2296, 59.7", "434, 2296, 18.9", "2191, 2296, 95.4", "826, 2296, 36.0",
            "1210, 2296, 52.7", "2224, 2296, 96.9", "710, 771, 92.1",
            "1, 2000, 0.1", "1, 400, 0.3", "0, 5, 0.0"})
    void sharesReproduceThePublishedFigures(long part, long whole, String percent) {
        assertThat(Shares.percent(part, whole)).isEqualTo(new BigDecimal(percent));
    }

    @Test
    void noShareOfNothing() {
        assertThat(Shares.percent(0, 0)).isNull();
    }

    private static CompositionReport.Figure figure(int count, String percent) {
        return new CompositionReport.Figure(count, new BigDecimal(percent));
    }
}
