package org.delegateelection.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

import org.delegateelection.system.InvalidInputException;
import org.delegateelection.system.Problem;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The calendar in force: the shipped years, a stored year winning over them, storing with its checks and the
 * recomputation of the notices it touches, the warning about next year from 1 October. Without Spring, the stored
 * years in a mocked repository; the beans' wiring with Spring's context runner.
 */
class CalendarYearsTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final OffsetDateTime STORED_AT = OffsetDateTime.parse("2026-12-02T10:00+08:00");

    private final CalendarYearRepository repository = mock(CalendarYearRepository.class);
    private final NoticeTimers noticeTimers = mock(NoticeTimers.class);

    /** The calendar of the shipped files alone (nothing stored). */
    static CalendarYears shippedOnly() {
        try {
            return new CalendarYears(mock(CalendarYearRepository.class), mock(NoticeTimers.class), Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The test fixture of 2027 (not the State Council's notice: it had not been published). */
    static String year2027() {
        try (var in = CalendarYearsTest.class.getResourceAsStream("/test-calendar/cn-2027.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private CalendarYears years(String today) throws IOException {
        return new CalendarYears(repository, noticeTimers,
                Clock.fixed(LocalDate.parse(today).atTime(10, 0).atZone(ZONE).toInstant(), ZONE));
    }

    private static CalendarYearRepository.StoredYear stored(long version, CalendarYear year) {
        return new CalendarYearRepository.StoredYear(version, year, "zhangwei", STORED_AT);
    }

    @Test
    void theShippedYearsAreInForceWhenNothingIsStored() throws IOException {
        CalendarYears years = years("2026-06-01");

        assertThat(years.calendar().years()).containsExactly(2021, 2022, 2023, 2024, 2025, 2026);
        assertThat(years.list()).extracting(CalendarYears.YearSource::source).containsOnly("shipped");
        assertThat(years.list().get(0).notice().title()).isEqualTo("国务院办公厅关于2021年部分节假日安排的通知");
    }

    @Test
    void aStoredYearIsAddedAndAStoredCorrectionWinsOverTheShippedFile() throws IOException {
        CalendarYear y2027 = WorkingDayCalendar.parse(year2027());
        // 2026 with 2 January worked: a made-up correction of the shipped year
        CalendarYear y2026 = WorkingDayCalendar.parse(shipped2026().replace("to: 2026-01-03", "to: 2026-01-01"));
        when(repository.newest()).thenReturn(List.of(stored(7, y2026), stored(8, y2027)));
        CalendarYears years = years("2026-06-01");

        assertThat(years.calendar().years()).contains(2026, 2027);
        assertThat(years.calendar().isWorkingDay(LocalDate.of(2026, 1, 2))).as("Friday 2 Jan 2026, corrected")
                .isTrue();
        assertThat(years.list()).filteredOn(year -> year.year() >= 2026).containsExactly(
                new CalendarYears.YearSource(2026, "stored", y2026.notice(), 7L, "zhangwei", STORED_AT),
                new CalendarYears.YearSource(2027, "stored", y2027.notice(), 8L, "zhangwei", STORED_AT));
    }

    @Test
    void storingANewYearAppendsItAndRecomputesNothing() throws IOException {
        CalendarYear y2027 = WorkingDayCalendar.parse(year2027());
        when(repository.append(any(), anyString(), any())).thenReturn(stored(1, y2027));

        CalendarYears.Stored result = years("2026-12-02").store(y2027, "zhangwei");

        verify(repository).append(y2027, "zhangwei", STORED_AT);
        assertThat(result.year().source()).isEqualTo("stored");
        assertThat(result.changedDays()).isEmpty();
        assertThat(result.corrections()).isEmpty();
        verifyNoInteractions(noticeTimers);
    }

    @Test
    void aCorrectionNamesTheDaysItChangesAndRecomputesTheNoticesCountingThem() throws IOException {
        CalendarYear first = WorkingDayCalendar.parse(year2027());
        CalendarYear corrected = WorkingDayCalendar.parse(year2027().replace("to: 2027-01-03", "to: 2027-01-04"));
        when(repository.newest()).thenReturn(List.of(stored(1, first)));
        CalendarYearRepository.StoredYear second = stored(2, corrected);
        when(repository.append(any(), anyString(), any())).thenReturn(second);
        SortedSet<LocalDate> changed = new TreeSet<>(List.of(LocalDate.of(2027, 1, 4)));
        NoticeTimers.Correction correction = new NoticeTimers.Correction("pi", "t-key", LocalDate.of(2026, 12, 28),
                OffsetDateTime.parse("2027-01-05T00:00+08:00"), OffsetDateTime.parse("2027-01-06T00:00+08:00"));
        when(noticeTimers.recompute(changed, second)).thenReturn(List.of(correction));

        CalendarYears.Stored result = years("2026-12-02").store(corrected, "zhangwei");

        assertThat(result.changedDays()).containsExactly(LocalDate.of(2027, 1, 4));
        assertThat(result.corrections()).containsExactly(correction);
    }

    @Test
    void aBadYearIsRefusedNamingEachFieldAndNothingIsStored() throws IOException {
        // 2027-03-03 is a Wednesday; 2026-06-01 is outside 2027
        CalendarYear bad = WorkingDayCalendar.parse(year2027()
                .replace("from: 2027-01-01", "from: 2026-06-01")
                .replace("[2027-01-31, 2027-02-20]", "[2027-03-03, 2027-02-20]"));

        assertThatThrownBy(() -> years("2026-12-02").store(bad, "zhangwei"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field, Problem::reason).containsExactly(
                                org.assertj.core.groups.Tuple.tuple("holidays[0].from",
                                        "节假日「元旦」的放假开始日期 2026-06-01 不在2027年内（只允许提前到上一年12月）"),
                                org.assertj.core.groups.Tuple.tuple("holidays[1].makeUpWorkingDays[0]",
                                        "节假日「春节」的调休上班日 2027-03-03 是星期三，不是星期六或星期日")));
        verify(repository, never()).append(any(), anyString(), any());
    }

    @Test
    void aDayBothOffAndWorkedAndAMissingNoticeAreRefused() throws IOException {
        CalendarYear bad = WorkingDayCalendar.parse(year2027()
                .replace("[2027-01-31, 2027-02-20]", "[2027-02-06]")
                .replace("  title: 测试用：国务院办公厅关于2027年部分节假日安排的通知（测试数据，非正式通知）\n", "  title: \" \"\n"));

        assertThat(bad.problems()).extracting(Problem::field).containsExactly("notice.title",
                "holidays[1].makeUpWorkingDays[0]");
        assertThat(bad.problems().get(1).reason()).contains("2027-02-06", "放假期间内");
        assertThatThrownBy(() -> years("2026-12-02").store(bad, "zhangwei")).isInstanceOf(InvalidInputException.class);
        verify(repository, never()).append(any(), anyString(), any());
    }

    @Test
    void parsingNamesTheFieldOfAMissingValueOrABadDate() {
        assertThatThrownBy(() -> WorkingDayCalendar.parse(year2027().replace("    to: 2027-02-13\n", "")))
                .isInstanceOfSatisfying(InvalidInputException.class, e ->
                        assertThat(e.problems().get(0).field()).isEqualTo("holidays[1].to"));
        assertThatThrownBy(() -> WorkingDayCalendar.parse(year2027().replace("2027-02-13", "2027-02-30")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems().get(0))
                        .isEqualTo(new Problem(null, "holidays[1].to", "应为日期，格式 yyyy-MM-dd，收到「2027-02-30」")));
        assertThatThrownBy(() -> WorkingDayCalendar.parse(year2027().replace("nameEn: Spring Festival",
                "nameEn: Spring Festival\n    colour: red")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.problems().get(0).field()).isEqualTo("holidays[1].colour");
                    assertThat(e.problems().get(0).reason()).startsWith("没有这个字段").contains("nameEn");
                });
        assertThatThrownBy(() -> WorkingDayCalendar.parse("year: [unclosed"))
                .isInstanceOf(InvalidInputException.class);
        assertThat(WorkingDayCalendar.parse("""
                {"year": 2027, "notice": {"title": "通知", "source": "https://www.gov.cn/"},
                 "holidays": [{"name": "元旦", "nameEn": "New Year's Day", "from": "2027-01-01", "to": "2027-01-03"}]}
                """).holidays()).hasSize(1);
    }

    @Test
    void fromTheFirstOfOctoberTheMissingNextYearIsWarnedOf() throws IOException {
        assertThat(years("2026-09-30").nextYearWarning()).isEmpty();
        assertThat(years("2026-10-01").nextYearWarning()).hasValueSatisfying(warning ->
                assertThat(warning).contains("2027年"));
        assertThat(years("2025-10-01").nextYearWarning()).as("2026 is shipped").isEmpty();

        when(repository.newest()).thenReturn(List.of(stored(1, WorkingDayCalendar.parse(year2027()))));
        assertThat(years("2026-12-02").nextYearWarning()).as("2027 is stored").isEmpty();
    }

    @Test
    void publicNoticeCalendarLastsFiveWorkingDaysByDefaultOrWhatThePropertySays() {
        ApplicationContextRunner context = new ApplicationContextRunner()
                .withBean(CalendarYearRepository.class, () -> repository)
                .withBean(NoticeTimers.class, () -> noticeTimers)
                .withBean(Clock.class, Clock::systemUTC)
                .withUserConfiguration(CalendarYears.class, PublicNoticeCalendar.class);
        context.run(beans -> {
            PublicNoticeCalendar notice = beans.getBean("publicNoticeCalendar", PublicNoticeCalendar.class);
            // Fri 1, Sat 2 (make-up), Wed 6, Thu 7, Fri 8 April 2022
            assertThat(notice.period(LocalDate.of(2022, 4, 1)).lastWorkingDay()).isEqualTo(LocalDate.of(2022, 4, 8));
        });
        context.withPropertyValues("election.public-notice.working-days=7").run(beans -> {
            PublicNoticeCalendar notice = beans.getBean("publicNoticeCalendar", PublicNoticeCalendar.class);
            // Fri 1, Sat 2, Wed 6, Thu 7, Fri 8, Mon 11, Tue 12 April 2022
            assertThat(notice.period(LocalDate.of(2022, 4, 1)).lastWorkingDay()).isEqualTo(LocalDate.of(2022, 4, 12));
        });
    }

    private static String shipped2026() {
        try (var in = CalendarYearsTest.class.getResourceAsStream("/calendar/cn-2026.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
