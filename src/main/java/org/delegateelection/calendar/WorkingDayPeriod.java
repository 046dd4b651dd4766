package org.delegateelection.calendar;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * A period of working days, such as the public notice of the preliminary candidates.
 *
 * @param from           the day counting was asked to start (Asia/Shanghai), e.g. the day of publication
 * @param count          the number of working days in the period (at least 1)
 * @param workingDays    the working days counted, in order; {@code count} of them, the first on or after {@code from}
 * @param lastWorkingDay the last of {@code workingDays}
 * @param dueAt          the instant the period is over: midnight in Asia/Shanghai that begins the day after
 *                       {@code lastWorkingDay}
 */
public record WorkingDayPeriod(
        LocalDate from,
        int count,
        List<LocalDate> workingDays,
        LocalDate lastWorkingDay,
        ZonedDateTime dueAt) {
}
