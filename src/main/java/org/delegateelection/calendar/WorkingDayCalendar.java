package org.delegateelection.calendar;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.delegateelection.system.InvalidInputException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The Chinese working-day calendar for the years whose State Council notice has been loaded.
 * <p>
 * A working day is a Monday to Friday that is not inside a holiday, or a weekend day declared a make-up working day
 * (调休上班). Holidays and make-up working days are announced each year by the General Office of the State Council
 * (国务院办公厅关于YYYY年部分节假日安排的通知) under 《全国年节及纪念日放假办法》, which from 2025 adds the Spring
 * Festival eve and 2 May. One notice can also arrange the last days of the year before (the 2023 notice begins the
 * New Year holiday on 31 December 2022); such a date still belongs to its own calendar year, which must be loaded too.
 * <p>
 * All dates are days in Asia/Shanghai. Every question about a date of a year that is not loaded throws
 * {@link CalendarNotCoveredException}: the calendar never guesses.
 */
public final class WorkingDayCalendar {

    /** The time zone of every date of the calendar. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()).registerModule(new JavaTimeModule());

    static {
        YAML.configOverride(LocalDate.class).setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.FAIL));
    }

    private final SortedSet<Integer> years;
    private final Set<LocalDate> daysOff;
    private final Set<LocalDate> makeUpWorkingDays;

    private WorkingDayCalendar(SortedSet<Integer> years, Set<LocalDate> daysOff, Set<LocalDate> makeUpWorkingDays) {
        this.years = Collections.unmodifiableSortedSet(years);
        this.daysOff = Set.copyOf(daysOff);
        this.makeUpWorkingDays = Set.copyOf(makeUpWorkingDays);
    }

    /**
     * Reads and checks calendar year files (YAML: {@code year}, {@code notice} with {@code title}, optional
     * {@code number} and {@code source}, and {@code holidays}, each with {@code name}, {@code nameEn}, {@code from},
     * {@code to} inclusive and optional {@code makeUpWorkingDays}), one file per year.
     *
     * @param yearFiles the files, e.g. every calendar/cn-YYYY.yaml on the classpath
     * @return the calendar of the years the files cover
     * @throws CalendarDataException when a file cannot be read, misses a field, breaks a rule of
     *                               {@link CalendarYear#problems()}, when a make-up working day of one year lies inside
     *                               a holiday of another, or when two files give the same year
     */
    public static WorkingDayCalendar load(Collection<URL> yearFiles) {
        return of(read(yearFiles).values());
    }

    /**
     * Reads and checks calendar year files as {@link #load} does, without putting them together.
     *
     * @return the years the files give, by year
     * @throws CalendarDataException as {@link #load} does, except for a make-up day inside another year's holiday
     */
    static SortedMap<Integer, CalendarYear> read(Collection<URL> yearFiles) {
        Map<Integer, String> fileOfYear = new HashMap<>();
        SortedMap<Integer, CalendarYear> years = new TreeMap<>();
        for (URL url : yearFiles) {
            String file = fileName(url);
            CalendarYear data = read(url, file);
            String other = fileOfYear.putIfAbsent(data.year(), file);
            if (other != null) {
                throw new CalendarDataException(file, data.year() + "年已由 " + other + " 提供，每年只能有一个文件");
            }
            data.problems().stream().findFirst().ifPresent(problem -> {
                throw new CalendarDataException(file, problem.reason());
            });
            years.put(data.year(), data);
        }
        return years;
    }

    /**
     * The calendar of the given years, one entry per year, each already free of {@link CalendarYear#problems()}.
     *
     * @throws CalendarDataException    when a year has a problem, or a make-up working day of one year lies inside a
     *                                  holiday of another (e.g. of the December before)
     * @throws IllegalArgumentException when a year is given twice
     */
    public static WorkingDayCalendar of(Collection<CalendarYear> calendarYears) {
        SortedSet<Integer> years = new TreeSet<>();
        Set<LocalDate> daysOff = new HashSet<>();
        Map<LocalDate, String> makeUpDayFile = new HashMap<>();
        for (CalendarYear data : calendarYears) {
            String file = "cn-" + data.year() + ".yaml";
            if (!years.add(data.year())) {
                throw new IllegalArgumentException(data.year() + "年出现了两次");
            }
            data.problems().stream().findFirst().ifPresent(problem -> {
                throw new CalendarDataException(file, problem.reason());
            });
            for (CalendarYear.Holiday holiday : data.holidays()) {
                daysOff.addAll(holiday.from().datesUntil(holiday.to().plusDays(1)).toList());
                holiday.makeUpWorkingDays().forEach(day -> makeUpDayFile.put(day, file));
            }
        }
        makeUpDayFile.forEach((day, file) -> {
            if (daysOff.contains(day)) {
                throw new CalendarDataException(file, "调休上班日 " + day + " 落在放假期间内");
            }
        });
        return new WorkingDayCalendar(years, daysOff, makeUpDayFile.keySet());
    }

    /**
     * Reads one calendar year as written in a request body: YAML in the form of the shipped files, or the same
     * structure as JSON (JSON is YAML too). Does not check its rules ({@link CalendarYear#problems()}).
     *
     * @throws InvalidInputException naming the field (e.g. {@code holidays[1].from}) when the text is not YAML, a
     *                               required field is missing, a field is unknown or a date is not yyyy-MM-dd
     */
    public static CalendarYear parse(String text) {
        try {
            CalendarYear year = YAML.readValue(text, CalendarYear.class);
            if (year == null) {
                throw InvalidInputException.field("year", "内容为空，应为一年的节假日安排（YAML 或 JSON）");
            }
            return year;
        } catch (JsonMappingException e) {
            String field = e.getPath().stream().map(reference -> reference.getFieldName() != null
                    ? "." + reference.getFieldName() : "[" + reference.getIndex() + "]")
                    .collect(Collectors.joining()).replaceFirst("^\\.", "");
            if (e.getOriginalMessage().startsWith("Missing required creator property")) {
                throw InvalidInputException.field(field, "必须填写");
            }
            if (e instanceof UnrecognizedPropertyException unknown) {
                throw InvalidInputException.field(field, "没有这个字段，可填写的字段为 "
                        + unknown.getKnownPropertyIds());
            }
            if (e instanceof InvalidFormatException format) {
                throw InvalidInputException.field(field, (format.getTargetType() == LocalDate.class
                        ? "应为日期，格式 yyyy-MM-dd" : "应为整数") + "，收到「" + format.getValue() + "」");
            }
            throw InvalidInputException.field(field.isEmpty() ? "year" : field, "格式不符（" + location(e)
                    + e.getOriginalMessage() + "）");
        } catch (JacksonException e) {
            throw InvalidInputException.field("year", "不是有效的 YAML 或 JSON（" + location(e) + e.getOriginalMessage()
                    + "）");
        }
    }

    /**
     * The days of {@code year} (and of the December before, where a notice may begin) that are working days in one
     * calendar and not in the other; empty when {@code before} does not cover {@code year}, since nothing can have
     * been counted in it.
     */
    public SortedSet<LocalDate> changedDays(WorkingDayCalendar before, int year) {
        SortedSet<LocalDate> changed = new TreeSet<>();
        if (!before.years.contains(year) || !years.contains(year)) {
            return changed;
        }
        LocalDate from = before.years.contains(year - 1) && years.contains(year - 1)
                ? LocalDate.of(year - 1, 12, 1) : LocalDate.of(year, 1, 1);
        from.datesUntil(LocalDate.of(year + 1, 1, 1))
                .filter(day -> isWorkingDay(day) != before.isWorkingDay(day))
                .forEach(changed::add);
        return changed;
    }

    /** The years loaded, ascending. */
    public SortedSet<Integer> years() {
        return years;
    }

    /**
     * Whether {@code date} is a working day: Monday to Friday outside the holidays, or a make-up working day.
     *
     * @throws CalendarNotCoveredException when the year of {@code date} is not loaded
     */
    public boolean isWorkingDay(LocalDate date) {
        if (!years.contains(date.getYear())) {
            throw new CalendarNotCoveredException(date.getYear());
        }
        return makeUpWorkingDays.contains(date) || !(isWeekend(date) || daysOff.contains(date));
    }

    /**
     * The period of {@code workingDays} working days starting on {@code from}: {@code from} counts when it is a
     * working day, otherwise counting starts on the next working day. The period is over at midnight (Asia/Shanghai)
     * that begins the day after its last working day. Example: from Friday 2022-04-01, 5 working days are 1 April,
     * 2 April (a make-up Saturday), 6, 7 and 8 April (3–5 April is Qingming); the period is over at
     * 2022-04-09T00:00+08:00.
     *
     * @param from        the first day to count, e.g. the day of publication
     * @param workingDays the number of working days, at least 1
     * @throws IllegalArgumentException    when {@code workingDays} is less than 1
     * @throws CalendarNotCoveredException when a day to count falls in a year that is not loaded
     */
    public WorkingDayPeriod period(LocalDate from, int workingDays) {
        if (workingDays < 1) {
            throw new IllegalArgumentException("工作日数至少为1，收到 " + workingDays);
        }
        List<LocalDate> counted = new ArrayList<>(workingDays);
        for (LocalDate day = from; counted.size() < workingDays; day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                counted.add(day);
            }
        }
        LocalDate last = counted.get(counted.size() - 1);
        return new WorkingDayPeriod(from, workingDays, List.copyOf(counted), last, last.plusDays(1).atStartOfDay(ZONE));
    }

    private static CalendarYear read(URL url, String file) {
        try (InputStream in = url.openStream()) {
            return YAML.readValue(in, CalendarYear.class);
        } catch (JacksonException e) {
            throw new CalendarDataException(file, "格式不符（" + location(e) + e.getOriginalMessage() + "）", e);
        } catch (IOException e) {
            throw new CalendarDataException(file, "无法读取（" + e.getMessage() + "）", e);
        }
    }

    private static String location(JacksonException e) {
        return e.getLocation() == null ? "" : "第" + e.getLocation().getLineNr() + "行附近：";
    }

    private static boolean isWeekend(LocalDate date) {
        return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    private static String fileName(URL url) {
        String path = url.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
