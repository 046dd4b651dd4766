package org.delegateelection.calendar;

import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The calendar loaded from the shipped year files. Every expected value is counted by hand from the State Council
 * notices (holidays and make-up working days), not by the code under test.
 */
class WorkingDayCalendarTest {

    private static final WorkingDayCalendar CALENDAR = WorkingDayCalendar.load(
            IntStream.rangeClosed(2021, 2026).mapToObj(WorkingDayCalendarTest::yearFile).toList());

    static URL yearFile(int year) {
        return WorkingDayCalendarTest.class.getResource("/calendar/cn-" + year + ".yaml");
    }

    private static LocalDate day(String isoDate) {
        return LocalDate.parse(isoDate);
    }

    private static List<LocalDate> days(String... isoDates) {
        return Arrays.stream(isoDates).map(LocalDate::parse).toList();
    }

    @Test
    void coversTheShippedYears() {
        assertThat(CALENDAR.years()).containsExactly(2021, 2022, 2023, 2024, 2025, 2026);
    }

    @Test
    void noticeFromFriday1April2022CountsTheMakeUpSaturdayAndSkipsQingming() {
        WorkingDayPeriod period = CALENDAR.period(day("2022-04-01"), 5);

        // Fri 1 Apr, Sat 2 Apr (make-up), 3–5 Apr Qingming off, Wed 6, Thu 7, Fri 8 Apr
        assertThat(period.workingDays()).isEqualTo(days("2022-04-01", "2022-04-02", "2022-04-06", "2022-04-07",
                "2022-04-08"));
        assertThat(period.lastWorkingDay()).isEqualTo(day("2022-04-08"));
        assertThat(period.dueAt().toOffsetDateTime()).isEqualTo(OffsetDateTime.parse("2022-04-09T00:00+08:00"));
        assertThat(period.dueAt().getZone()).isEqualTo(WorkingDayCalendar.ZONE);
        assertThat(period.from()).isEqualTo(day("2022-04-01"));
        assertThat(period.count()).isEqualTo(5);
    }

    @Test
    void labourDay2022EndsOnTheMakeUpSaturday() {
        WorkingDayPeriod period = CALENDAR.period(day("2022-04-28"), 5);

        // Thu 28, Fri 29 Apr, 30 Apr – 4 May off, Thu 5, Fri 6, Sat 7 May (make-up)
        assertThat(period.workingDays()).isEqualTo(days("2022-04-28", "2022-04-29", "2022-05-05", "2022-05-06",
                "2022-05-07"));
        assertThat(period.dueAt().toOffsetDateTime()).isEqualTo(OffsetDateTime.parse("2022-05-08T00:00+08:00"));
    }

    @Test
    void labourDay2025WithTheRevisedFiveDayHoliday() {
        WorkingDayPeriod period = CALENDAR.period(day("2025-04-29"), 5);

        // Tue 29, Wed 30 Apr, 1–5 May off, Tue 6, Wed 7, Thu 8 May
        assertThat(period.workingDays()).isEqualTo(days("2025-04-29", "2025-04-30", "2025-05-06", "2025-05-07",
                "2025-05-08"));
        assertThat(period.dueAt().toOffsetDateTime()).isEqualTo(OffsetDateTime.parse("2025-05-09T00:00+08:00"));
    }

    @Test
    void publishedOnAnOrdinarySaturdayStartsOnTheNextWorkingDayWhichIsAMakeUpSunday() {
        WorkingDayPeriod period = CALENDAR.period(day("2025-04-26"), 5);

        // Sat 26 Apr is off, Sun 27 Apr is a make-up day, Mon 28, Tue 29, Wed 30 Apr, 1–5 May off, Tue 6 May
        assertThat(period.workingDays()).isEqualTo(days("2025-04-27", "2025-04-28", "2025-04-29", "2025-04-30",
                "2025-05-06"));
        assertThat(period.from()).isEqualTo(day("2025-04-26"));
        assertThat(period.dueAt().toOffsetDateTime()).isEqualTo(OffsetDateTime.parse("2025-05-07T00:00+08:00"));
    }

    @Test
    void mergedMidAutumnAndNationalDay2023() {
        WorkingDayPeriod period = CALENDAR.period(day("2023-09-27"), 5);

        // Wed 27, Thu 28 Sep, 29 Sep – 6 Oct off, Sat 7 and Sun 8 Oct (make-up), Mon 9 Oct
        assertThat(period.workingDays()).isEqualTo(days("2023-09-27", "2023-09-28", "2023-10-07", "2023-10-08",
                "2023-10-09"));
        assertThat(period.dueAt().toOffsetDateTime()).isEqualTo(OffsetDateTime.parse("2023-10-10T00:00+08:00"));
    }

    @Test
    void nationalDay2024WithTheSundayMakeUpDayBeforeIt() {
        WorkingDayPeriod period = CALENDAR.period(day("2024-09-27"), 5);

        // Fri 27 Sep, Sat 28 off, Sun 29 Sep (make-up), Mon 30 Sep, 1–7 Oct off, Tue 8, Wed 9 Oct
        assertThat(period.workingDays()).isEqualTo(days("2024-09-27", "2024-09-29", "2024-09-30", "2024-10-08",
                "2024-10-09"));
        assertThat(period.dueAt().toOffsetDateTime()).isEqualTo(OffsetDateTime.parse("2024-10-10T00:00+08:00"));
    }

    @Test
    void publishedDuringNationalDay2022StartsOnTheFirstMakeUpDayAfterIt() {
        WorkingDayPeriod period = CALENDAR.period(day("2022-10-03"), 5);

        // 1–7 Oct off, Sat 8 and Sun 9 Oct (make-up), Mon 10, Tue 11, Wed 12 Oct
        assertThat(period.workingDays()).isEqualTo(days("2022-10-08", "2022-10-09", "2022-10-10", "2022-10-11",
                "2022-10-12"));
        assertThat(period.dueAt().toOffsetDateTime()).isEqualTo(OffsetDateTime.parse("2022-10-13T00:00+08:00"));
    }

    @Test
    void crossesFrom2022Into2023WhoseNewYearHolidayBeginsOn31December() {
        WorkingDayPeriod period = CALENDAR.period(day("2022-12-28"), 5);

        // Wed 28, Thu 29, Fri 30 Dec; 31 Dec 2022 – Mon 2 Jan 2023 off; Tue 3, Wed 4 Jan
        assertThat(period.workingDays()).isEqualTo(days("2022-12-28", "2022-12-29", "2022-12-30", "2023-01-03",
                "2023-01-04"));
        assertThat(period.dueAt().toOffsetDateTime()).isEqualTo(OffsetDateTime.parse("2023-01-05T00:00+08:00"));
        assertThat(CALENDAR.isWorkingDay(day("2023-01-02"))).as("Monday 2 Jan 2023, New Year").isFalse();
    }

    @Test
    void the31December2022OfThe2023NoticeStillNeedsThe2022File() {
        WorkingDayCalendar only2023 = WorkingDayCalendar.load(List.of(yearFile(2023)));

        assertThatThrownBy(() -> only2023.isWorkingDay(day("2022-12-31")))
                .isInstanceOfSatisfying(CalendarNotCoveredException.class,
                        e -> assertThat(e.year()).isEqualTo(2022));
        assertThat(only2023.isWorkingDay(day("2023-01-03"))).isTrue();
    }

    @Test
    void springFestivalEveIsOffFrom2025() {
        assertThat(CALENDAR.isWorkingDay(day("2025-01-26"))).as("Sunday 26 Jan 2025, make-up day").isTrue();
        assertThat(CALENDAR.isWorkingDay(day("2025-01-27"))).as("Monday 27 Jan 2025").isTrue();
        assertThat(CALENDAR.isWorkingDay(day("2025-01-28"))).as("Tuesday 28 Jan 2025, Spring Festival eve").isFalse();
    }

    @Test
    void ordinaryWeekdaysWorkAndOrdinaryWeekendsDoNot() {
        assertThat(CALENDAR.isWorkingDay(day("2024-03-11"))).as("Monday 11 Mar 2024").isTrue();
        assertThat(CALENDAR.isWorkingDay(day("2024-03-09"))).as("Saturday 9 Mar 2024").isFalse();
        assertThat(CALENDAR.isWorkingDay(day("2024-03-10"))).as("Sunday 10 Mar 2024").isFalse();
    }

    @Test
    void aPeriodRunningInto2027FailsNamingTheMissingYearAndFile() {
        // Mon 28 – Thu 31 Dec 2026 are four working days; the fifth would be in 2027
        assertThatThrownBy(() -> CALENDAR.period(day("2026-12-28"), 5))
                .isInstanceOfSatisfying(CalendarNotCoveredException.class, e -> {
                    assertThat(e.year()).isEqualTo(2027);
                    assertThat(e.getMessage()).contains("2027年", "/api/calendar/years/2027", "国务院办公厅");
                });
        assertThat(CALENDAR.period(day("2026-12-28"), 4).lastWorkingDay()).isEqualTo(day("2026-12-31"));
    }

    @Test
    void aDateIn2020Fails() {
        assertThatThrownBy(() -> CALENDAR.isWorkingDay(day("2020-12-31")))
                .isInstanceOfSatisfying(CalendarNotCoveredException.class, e -> {
                    assertThat(e.year()).isEqualTo(2020);
                    assertThat(e.getMessage()).contains("/api/calendar/years/2020");
                });
        assertThatThrownBy(() -> CALENDAR.period(day("2020-12-31"), 1))
                .isInstanceOf(CalendarNotCoveredException.class);
    }

    @Test
    void aPeriodOfLessThanOneDayIsRejected() {
        assertThatThrownBy(() -> CALENDAR.period(day("2022-04-01"), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
