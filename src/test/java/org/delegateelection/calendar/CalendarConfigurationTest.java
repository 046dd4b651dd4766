package org.delegateelection.calendar;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** The beans the process and the REST API use: the calendar of every shipped year and {@code publicNoticeCalendar}. */
class CalendarConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(CalendarConfiguration.class, PublicNoticeCalendar.class);

    @Test
    void loadsEveryYearFileOnTheClasspath() {
        context.run(beans -> assertThat(beans.getBean(WorkingDayCalendar.class).years())
                .containsExactly(2021, 2022, 2023, 2024, 2025, 2026));
    }

    @Test
    void publicNoticeCalendarLastsFiveWorkingDaysByDefault() {
        context.run(beans -> {
            PublicNoticeCalendar notice = beans.getBean("publicNoticeCalendar", PublicNoticeCalendar.class);
            // Fri 1, Sat 2 (make-up), Wed 6, Thu 7, Fri 8 April 2022
            assertThat(notice.period(LocalDate.of(2022, 4, 1)).lastWorkingDay()).isEqualTo(LocalDate.of(2022, 4, 8));
        });
    }

    @Test
    void theNoticeLengthComesFromTheProperty() {
        context.withPropertyValues("election.public-notice.working-days=7").run(beans -> {
            PublicNoticeCalendar notice = beans.getBean("publicNoticeCalendar", PublicNoticeCalendar.class);
            // Fri 1, Sat 2, Wed 6, Thu 7, Fri 8, Mon 11, Tue 12 April 2022
            assertThat(notice.period(LocalDate.of(2022, 4, 1)).lastWorkingDay()).isEqualTo(LocalDate.of(2022, 4, 12));
        });
    }
}
