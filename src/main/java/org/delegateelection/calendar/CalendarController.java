package org.delegateelection.calendar;

import org.delegateelection.system.InvalidInputException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Working-day questions over REST, under /api/calendar. */
@RestController
@RequestMapping("/api/calendar")
public class CalendarController {

    /** The longest period one request may ask for, in working days. */
    static final int MAX_COUNT = 366;

    private final WorkingDayCalendar calendar;

    CalendarController(WorkingDayCalendar calendar) {
        this.calendar = calendar;
    }

    /**
     * {@code GET /api/calendar/working-days?from=2022-04-01&count=5}: the period of {@code count} working days
     * starting on {@code from} (counted when it is a working day), its last working day and the instant it is over
     * (ISO with offset, Asia/Shanghai).
     *
     * @param from  yyyy-MM-dd
     * @param count working days, 1 to 366
     * @throws InvalidInputException (400) when {@code from} is missing or not a date, {@code count} is not a whole
     *                               number from 1 to 366, or a day to count falls in a year the calendar does not cover
     */
    @GetMapping("/working-days")
    public WorkingDayPeriod workingDays(@RequestParam(required = false) String from,
                                        @RequestParam(required = false) String count) {
        LocalDate start = parseDate(from);
        int days = parseCount(count);
        try {
            return calendar.period(start, days);
        } catch (CalendarNotCoveredException e) {
            throw InvalidInputException.field("from", e.getMessage());
        }
    }

    private static LocalDate parseDate(String from) {
        if (from == null) {
            throw InvalidInputException.field("from", "必须填写，格式 yyyy-MM-dd（例如 2022-04-01）");
        }
        try {
            return LocalDate.parse(from);
        } catch (DateTimeParseException e) {
            throw InvalidInputException.field("from", "应为日期，格式 yyyy-MM-dd（例如 2022-04-01），收到「" + from + "」");
        }
    }

    private static int parseCount(String count) {
        Integer days = count != null && count.matches("\\d{1,3}") ? Integer.valueOf(count) : null;
        if (days == null || days < 1 || days > MAX_COUNT) {
            throw InvalidInputException.field("count", "应为1到" + MAX_COUNT + "之间的整数"
                    + (count == null ? "" : "，收到「" + count + "」"));
        }
        return days;
    }
}
