package org.delegateelection.calendar;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.delegateelection.system.Problem;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.List;

/**
 * One calendar year as the State Council's notice announces it (国务院办公厅关于YYYY年部分节假日安排的通知), in the
 * form of the shipped files calendar/cn-YYYY.yaml and of {@code PUT /api/calendar/years/{year}}: the holidays and
 * make-up working days of {@code year}.
 *
 * @param year     the calendar year
 * @param notice   the notice the facts are copied from
 * @param holidays the holidays, each with its days off and make-up working days
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CalendarYear(
        @JsonProperty(required = true) int year,
        @JsonProperty(required = true) Notice notice,
        @JsonProperty(required = true) List<Holiday> holidays) {

    /** The earliest and latest year accepted: the calendar serves elections of the present, not history or fiction. */
    static final int FIRST_YEAR = 2000;
    static final int LAST_YEAR = 2100;
    /** The longest notice title stored, in characters. */
    static final int MAX_TITLE = 200;

    private static final String[] WEEKDAYS = {"星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"};

    /**
     * The notice the facts are copied from.
     *
     * @param title  its title, e.g. 国务院办公厅关于2026年部分节假日安排的通知
     * @param number its document number where it has one, e.g. 国办发明电〔2024〕12号
     * @param source its address, e.g. on www.gov.cn
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Notice(
            @JsonProperty(required = true) String title,
            String number,
            @JsonProperty(required = true) String source) {
    }

    /**
     * A holiday: days off from {@code from} to {@code to} inclusive, weekends inside included, and the weekend days
     * worked instead (调休上班).
     */
    public record Holiday(
            @JsonProperty(required = true) String name,
            @JsonProperty(required = true) String nameEn,
            @JsonProperty(required = true) LocalDate from,
            @JsonProperty(required = true) LocalDate to,
            List<LocalDate> makeUpWorkingDays) {

        /** Without make-up working days, an empty list. */
        public Holiday {
            makeUpWorkingDays = makeUpWorkingDays == null ? List.of() : List.copyOf(makeUpWorkingDays);
        }
    }

    /**
     * What is wrong with this year, each problem naming its field ({@code year}, {@code notice.title},
     * {@code holidays[2].makeUpWorkingDays[0]}, …) and the reason in Chinese; empty when the year can be used. The
     * notice must be named (title and address); the year lies between 2000 and 2100; there is at least one holiday,
     * each named, running forward, its dates inside the year (a notice may begin the New Year holiday in the December
     * before, as the 2023 notice does with 31 December 2022); a make-up working day is a Saturday or Sunday and no
     * day is both a day off and a make-up working day.
     */
    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            problems.add(new Problem(null, "year", "年份应在" + FIRST_YEAR + "到" + LAST_YEAR + "之间，收到 " + year));
            return problems;
        }
        if (notice == null || blank(notice.title())) {
            problems.add(new Problem(null, "notice.title", "必须填写国务院办公厅关于" + year + "年部分节假日安排的通知的标题"));
        } else if (notice.title().length() > MAX_TITLE) {
            problems.add(new Problem(null, "notice.title", "通知标题不能超过" + MAX_TITLE + "个字符"));
        }
        if (notice == null || blank(notice.source())) {
            problems.add(new Problem(null, "notice.source", "必须填写该通知的出处（网址）"));
        }
        if (holidays == null || holidays.isEmpty()) {
            problems.add(new Problem(null, "holidays", "至少应有一个节假日"));
            return problems;
        }
        for (int i = 0; i < holidays.size(); i++) {
            check(holidays.get(i), "holidays[" + i + "]", problems);
        }
        return problems;
    }

    private void check(Holiday holiday, String field, List<Problem> problems) {
        String name = "节假日「" + holiday.name() + "」";
        if (blank(holiday.name())) {
            problems.add(new Problem(null, field + ".name", "必须填写节假日名称"));
        }
        if (blank(holiday.nameEn())) {
            problems.add(new Problem(null, field + ".nameEn", "必须填写节假日的英文名称"));
        }
        inYear(holiday.from(), field + ".from", name + "的放假开始日期", problems);
        inYear(holiday.to(), field + ".to", name + "的放假结束日期", problems);
        if (holiday.from().isAfter(holiday.to())) {
            problems.add(new Problem(null, field + ".to",
                    name + "的放假开始日期 " + holiday.from() + " 晚于结束日期 " + holiday.to()));
        }
        for (int j = 0; j < holiday.makeUpWorkingDays().size(); j++) {
            LocalDate day = holiday.makeUpWorkingDays().get(j);
            String dayField = field + ".makeUpWorkingDays[" + j + "]";
            inYear(day, dayField, name + "的调休上班日", problems);
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                problems.add(new Problem(null, dayField, name + "的调休上班日 " + day + " 是"
                        + WEEKDAYS[day.getDayOfWeek().ordinal()] + "，不是星期六或星期日"));
            }
            for (Holiday other : holidays) {
                if (!day.isBefore(other.from()) && !day.isAfter(other.to())) {
                    problems.add(new Problem(null, dayField, name + "的调休上班日 " + day + " 落在节假日「"
                            + other.name() + "」的放假期间内，同一天不能既放假又上班"));
                }
            }
        }
    }

    private void inYear(LocalDate date, String field, String what, List<Problem> problems) {
        boolean decemberBefore = date.getYear() == year - 1 && date.getMonth() == Month.DECEMBER;
        if (date.getYear() != year && !decemberBefore) {
            problems.add(new Problem(null, field,
                    what + " " + date + " 不在" + year + "年内（只允许提前到上一年12月）"));
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
