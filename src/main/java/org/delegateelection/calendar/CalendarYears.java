package org.delegateelection.calendar;

import org.delegateelection.system.InvalidInputException;
import org.delegateelection.system.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.net.URL;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Month;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * The working-day calendar in force: the years shipped in calendar/cn-YYYY.yaml, and the years entered at run time
 * (table {@code calendar_year}), the newest stored version of a year winning over its shipped file. Read from the
 * database on every question, so that a year stored on one node counts on every node at once.
 */
@Component
public class CalendarYears {

    private static final Logger LOG = LoggerFactory.getLogger(CalendarYears.class);

    private final SortedMap<Integer, CalendarYear> shipped;
    private final CalendarYearRepository repository;
    private final NoticeTimers noticeTimers;
    private final Clock clock;

    /**
     * Reads and checks every {@code classpath*:calendar/cn-*.yaml}.
     *
     * @param clock the clock of "today" and of the time a year is stored (the engine's clock)
     * @throws CalendarDataException when a shipped file is invalid or two files give the same year (start-up fails)
     * @throws IOException           when the classpath cannot be searched
     */
    public CalendarYears(CalendarYearRepository repository, NoticeTimers noticeTimers, Clock clock)
            throws IOException {
        List<URL> files = new ArrayList<>();
        for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:calendar/cn-*.yaml")) {
            files.add(resource.getURL());
        }
        this.shipped = WorkingDayCalendar.read(files);
        WorkingDayCalendar.of(shipped.values());
        this.repository = repository;
        this.noticeTimers = noticeTimers;
        this.clock = clock;
        LOG.info("工作日历已加载，随程序提供的年份：{}", shipped.keySet());
    }

    /**
     * One year of the calendar in force and where it comes from.
     *
     * @param year     the year
     * @param source   {@code shipped} (a file of the application) or {@code stored} (entered at run time)
     * @param notice   the State Council's notice it is copied from
     * @param version  the stored version in force, {@code null} when shipped
     * @param storedBy who stored it, {@code null} when shipped
     * @param storedAt when (Asia/Shanghai), {@code null} when shipped
     */
    public record YearSource(int year, String source, CalendarYear.Notice notice, Long version, String storedBy,
                             OffsetDateTime storedAt) {
    }

    /** The calendar of every year in force now. */
    public WorkingDayCalendar calendar() {
        return WorkingDayCalendar.of(inForce().values());
    }

    /** Every year in force, ascending, with its source. */
    public List<YearSource> list() {
        Map<Integer, YearSource> years = new TreeMap<>();
        shipped.values().forEach(year -> years.put(year.year(),
                new YearSource(year.year(), "shipped", year.notice(), null, null, null)));
        repository.newest().forEach(stored -> years.put(stored.calendar().year(), new YearSource(
                stored.calendar().year(), "stored", stored.calendar().notice(), stored.version(), stored.storedBy(),
                stored.storedAt())));
        return List.copyOf(years.values());
    }

    /**
     * The result of storing a year.
     *
     * @param year        the version stored, with its source
     * @param changedDays the days whose being a working day changed against the version in force before (empty for
     *                    a year that was not covered)
     * @param corrections the public notices whose due date was recomputed
     */
    public record Stored(YearSource year, SortedSet<LocalDate> changedDays, List<NoticeTimers.Correction> corrections) {
    }

    /**
     * Stores a version of a year, winning over its shipped file and its earlier versions, and recomputes the due date
     * of every public notice that counts a day the new version changes, in one transaction.
     *
     * @param year     the year as entered
     * @param storedBy the engine user storing it
     * @throws InvalidInputException       (nothing stored) naming the field, when the year breaks a rule of
     *                                     {@link CalendarYear#problems()} or a make-up day lies inside a holiday of
     *                                     the neighbouring year
     * @throws CalendarNotCoveredException (nothing stored) when a recomputed notice would reach into a year without
     *                                     a calendar
     */
    @Transactional
    public Stored store(CalendarYear year, String storedBy) {
        List<Problem> problems = year.problems();
        if (!problems.isEmpty()) {
            throw new InvalidInputException(year.year() + "年的工作日历有误，未保存", problems);
        }
        Map<Integer, CalendarYear> years = inForce();
        WorkingDayCalendar before = WorkingDayCalendar.of(years.values());
        years.put(year.year(), year);
        WorkingDayCalendar after;
        try {
            after = WorkingDayCalendar.of(years.values());
        } catch (CalendarDataException e) {
            throw InvalidInputException.field("holidays", e.getMessage());
        }
        CalendarYearRepository.StoredYear stored = repository.append(year, storedBy,
                OffsetDateTime.now(clock).atZoneSameInstant(WorkingDayCalendar.ZONE).toOffsetDateTime());
        SortedSet<LocalDate> changed = after.changedDays(before, year.year());
        List<NoticeTimers.Correction> corrections = changed.isEmpty() ? List.of()
                : noticeTimers.recompute(changed, stored);
        LOG.info("{} 保存了{}年的工作日历（第 {} 版，{}），改变的日期 {}，重新计算的公示 {} 个", storedBy, year.year(),
                stored.version(), year.notice().title(), changed, corrections.size());
        return new Stored(new YearSource(year.year(), "stored", year.notice(), stored.version(), storedBy,
                stored.storedAt()), changed, corrections);
    }

    private Map<Integer, CalendarYear> inForce() {
        Map<Integer, CalendarYear> years = new TreeMap<>(shipped);
        repository.newest().forEach(stored -> years.put(stored.calendar().year(), stored.calendar()));
        return years;
    }

    /**
     * The warning due from 1 October (Asia/Shanghai) while next year has no calendar, shipped or stored: a notice
     * published from mid-December can reach into it, and the State Council's notice is usually out by then.
     *
     * @return the warning in Chinese, empty before 1 October or when next year is covered
     */
    public Optional<String> nextYearWarning() {
        LocalDate today = LocalDate.now(clock.withZone(WorkingDayCalendar.ZONE));
        int next = today.getYear() + 1;
        if (today.isBefore(LocalDate.of(today.getYear(), Month.OCTOBER, 1)) || calendar().years().contains(next)) {
            return Optional.empty();
        }
        return Optional.of("工作日历尚未包含" + next + "年的节假日安排。国务院办公厅公布《关于" + next
                + "年部分节假日安排的通知》后，请在 Cockpit 首页的“工作日历”中录入" + next
                + "年；未录入前，公示期跨入" + next + "年的选举将无法计算公示期满时间。");
    }
}
