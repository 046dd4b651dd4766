package org.delegateelection.calendar;

import org.delegateelection.security.CurrentUser;
import org.delegateelection.system.InvalidInputException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The working-day calendar over REST, under /api/calendar: working-day questions, and the years in force. */
@RestController
@RequestMapping("/api/calendar")
public class CalendarController {

    /** The longest period one request may ask for, in working days. */
    static final int MAX_COUNT = 366;
    /** The largest calendar year accepted in a request body, in bytes (a year is about 1,500); read no further. */
    static final int MAX_BODY = 100_000;

    private final CalendarYears calendar;
    private final CurrentUser currentUser;

    CalendarController(CalendarYears calendar, CurrentUser currentUser) {
        this.calendar = calendar;
        this.currentUser = currentUser;
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
            return calendar.calendar().period(start, days);
        } catch (CalendarNotCoveredException e) {
            throw InvalidInputException.field("from", e.getMessage());
        }
    }

    /**
     * The years in force and the warning due while next year is missing.
     *
     * @param years   every year, ascending, with its source: shipped with the application or stored (by whom, when)
     * @param warning from 1 October (Asia/Shanghai) while next year has no calendar: what to do, in Chinese;
     *                otherwise {@code null}
     */
    public record Years(List<CalendarYears.YearSource> years, String warning) {
    }

    /** {@code GET /api/calendar/years}: the years in force with their source, and the warning about next year. */
    @GetMapping("/years")
    public Years years() {
        return new Years(calendar.list(), calendar.nextYearWarning().orElse(null));
    }

    /**
     * {@code PUT /api/calendar/years/{year}}: stores the year's holidays and make-up working days with the State
     * Council's notice, in the form of the shipped files calendar/cn-YYYY.yaml, as YAML or the same structure as JSON.
     * The stored year wins over a shipped file and earlier versions (all kept); the due date of every running public
     * notice that counts a changed day is recomputed.
     *
     * @param year the year of the path; must be the body's {@code year}
     * @param body the year (YAML or JSON in UTF-8, any content type), at most 100,000 bytes
     * @return the version stored, the days it changed, the notices recomputed
     * @throws InvalidInputException (400, nothing stored) naming the field and the reason: the path's year not a
     *                               year or not the body's, a body that is not YAML or JSON, a missing field, a date
     *                               outside the year, a make-up day not on a weekend or inside a holiday, no notice
     *                               named, a body over 100,000 bytes or empty; or a running notice that would then
     *                               reach into a year without a calendar
     * @throws IOException           when the body cannot be read
     */
    @PutMapping("/years/{year}")
    @RequestBody(required = true, description = "该年的节假日安排（国务院办公厅通知），YAML 或同结构的 JSON", content = {
            @Content(mediaType = "application/yaml", schema = @Schema(implementation = CalendarYear.class)),
            @Content(mediaType = "application/json", schema = @Schema(implementation = CalendarYear.class))})
    public CalendarYears.Stored store(@PathVariable String year, InputStream body) throws IOException {
        if (!year.matches("\\d{4}")) {
            throw InvalidInputException.field("year", "路径中的年份应为四位数字，收到「" + year + "」");
        }
        byte[] bytes = body.readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            throw InvalidInputException.field("year", "请求内容过长（超过 " + MAX_BODY + " 字节）");
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw InvalidInputException.field("year", "请求内容为空，应为" + year + "年的节假日安排（YAML 或 JSON）");
        }
        CalendarYear parsed = WorkingDayCalendar.parse(text);
        if (parsed.year() != Integer.parseInt(year)) {
            throw InvalidInputException.field("year", "内容中的年份 " + parsed.year() + " 与路径中的年份 " + year + " 不一致");
        }
        try {
            return calendar.store(parsed, currentUser.id());
        } catch (CalendarNotCoveredException e) {
            throw InvalidInputException.field("holidays", "保存后，正在进行的公示期将延伸到" + e.year()
                    + "年，而工作日历尚未包含该年，未保存：请先录入" + e.year() + "年。");
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
