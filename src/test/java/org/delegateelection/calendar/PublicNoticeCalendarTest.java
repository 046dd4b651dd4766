package org.delegateelection.calendar;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The timer's due date: the publication instant is read as a day in Asia/Shanghai. */
class PublicNoticeCalendarTest {

    private static final CalendarYears CALENDAR = CalendarYearsTest.shippedOnly();

    private final PublicNoticeCalendar fiveDays = new PublicNoticeCalendar(CALENDAR, 5);

    private static Date at(String isoInstant) {
        return Date.from(Instant.parse(isoInstant));
    }

    @Test
    void publishedFriday1April2022IsDueAtMidnightBeginning9April() {
        // 09:30 in Beijing on 1 April; due 2022-04-09T00:00+08:00 = 2022-04-08T16:00Z
        assertThat(fiveDays.dueAt(at("2022-04-01T01:30:00Z"))).isEqualTo(at("2022-04-08T16:00:00Z"));
    }

    @Test
    void theDayOfPublicationIsTheDayInShanghaiNotInUtc() {
        // 00:30 on 1 April in Beijing is still 31 March in UTC; counting from 31 March would end a day earlier
        assertThat(fiveDays.dueAt(at("2022-03-31T16:30:00Z"))).isEqualTo(at("2022-04-08T16:00:00Z"));
        // 23:59:59 on 1 April in Beijing
        assertThat(fiveDays.dueAt(at("2022-04-01T15:59:59Z"))).isEqualTo(at("2022-04-08T16:00:00Z"));
    }

    @Test
    void theNoticeLengthIsConfigurable() {
        PublicNoticeCalendar threeDays = new PublicNoticeCalendar(CALENDAR, 3);

        // Fri 1, Sat 2 (make-up), Wed 6 April
        assertThat(threeDays.period(LocalDate.of(2022, 4, 1)).lastWorkingDay()).isEqualTo(LocalDate.of(2022, 4, 6));
        assertThat(threeDays.dueAt(at("2022-04-01T01:30:00Z"))).isEqualTo(at("2022-04-06T16:00:00Z"));
    }

    @Test
    void aYearWithoutCalendarPropagatesToTheEngine() {
        // Mon 28 Dec 2026 in Beijing: the fifth working day would fall in 2027
        assertThatThrownBy(() -> fiveDays.dueAt(at("2026-12-28T01:00:00Z")))
                .isInstanceOf(CalendarNotCoveredException.class)
                .hasMessageContaining("/api/calendar/years/2027");
    }

    @Test
    void aNoticeOfNoWorkingDaysIsRefused() {
        assertThatThrownBy(() -> new PublicNoticeCalendar(CALENDAR, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("election.public-notice.working-days");
    }
}
