package org.delegateelection.calendar;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Year files with mistakes are refused on load, naming the file and the mistake. */
class CalendarDataTest {

    @TempDir
    Path dir;

    private URL file(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml).toUri().toURL();
    }

    private static String year2022(String holidays) {
        return """
                year: 2022
                notice:
                  title: 国务院办公厅关于2022年部分节假日安排的通知
                  source: https://www.gov.cn/zhengce/zhengceku/2021-10/25/content_5644835.htm
                holidays:
                """ + holidays;
    }

    @Test
    void aValidFileLoads() throws IOException {
        WorkingDayCalendar calendar = WorkingDayCalendar.load(List.of(file("cn-2022.yaml", year2022("""
                  - name: 清明节
                    nameEn: Qingming Festival
                    from: 2022-04-03
                    to: 2022-04-05
                    makeUpWorkingDays: [2022-04-02]
                """))));

        assertThat(calendar.years()).containsExactly(2022);
        assertThat(calendar.isWorkingDay(java.time.LocalDate.of(2022, 4, 2))).isTrue();
    }

    @Test
    void aHolidayEndingBeforeItBeginsIsRefused() throws IOException {
        URL bad = file("cn-2022.yaml", year2022("""
                  - name: 清明节
                    nameEn: Qingming Festival
                    from: 2022-04-05
                    to: 2022-04-03
                """));

        assertThatThrownBy(() -> WorkingDayCalendar.load(List.of(bad)))
                .isInstanceOf(CalendarDataException.class)
                .hasMessageContaining("cn-2022.yaml")
                .hasMessageContaining("清明节")
                .hasMessageContaining("2022-04-05");
    }

    @Test
    void aMakeUpWorkingDayOnAWeekdayIsRefused() throws IOException {
        URL bad = file("cn-2022.yaml", year2022("""
                  - name: 清明节
                    nameEn: Qingming Festival
                    from: 2022-04-03
                    to: 2022-04-05
                    makeUpWorkingDays: [2022-04-01]
                """));

        assertThatThrownBy(() -> WorkingDayCalendar.load(List.of(bad)))
                .isInstanceOf(CalendarDataException.class)
                .hasMessageContaining("2022-04-01")
                .hasMessageContaining("不是星期六或星期日");
    }

    @Test
    void aMakeUpWorkingDayInsideAHolidayIsRefused() throws IOException {
        URL bad = file("cn-2022.yaml", year2022("""
                  - name: 国庆节
                    nameEn: National Day
                    from: 2022-10-01
                    to: 2022-10-07
                    makeUpWorkingDays: [2022-10-02]
                """));

        assertThatThrownBy(() -> WorkingDayCalendar.load(List.of(bad)))
                .isInstanceOf(CalendarDataException.class)
                .hasMessageContaining("2022-10-02")
                .hasMessageContaining("放假期间");
    }

    @Test
    void aDateOutsideTheFilesYearIsRefused() throws IOException {
        URL bad = file("cn-2022.yaml", year2022("""
                  - name: 清明节
                    nameEn: Qingming Festival
                    from: 2021-04-03
                    to: 2022-04-05
                """));

        assertThatThrownBy(() -> WorkingDayCalendar.load(List.of(bad)))
                .isInstanceOf(CalendarDataException.class)
                .hasMessageContaining("2021-04-03");
    }

    @Test
    void twoFilesForTheSameYearAreRefused() throws IOException {
        String holidays = """
                  - name: 元旦
                    nameEn: New Year's Day
                    from: 2022-01-01
                    to: 2022-01-03
                """;
        URL first = file("cn-2022.yaml", year2022(holidays));
        URL second = file("cn-2022-copy.yaml", year2022(holidays));

        assertThatThrownBy(() -> WorkingDayCalendar.load(List.of(first, second)))
                .isInstanceOf(CalendarDataException.class)
                .hasMessageContaining("cn-2022.yaml")
                .hasMessageContaining("cn-2022-copy.yaml");
    }

    @Test
    void aMissingOrEmptyFieldIsRefused() throws IOException {
        URL missing = file("cn-2022.yaml", year2022("""
                  - name: 清明节
                    nameEn: Qingming Festival
                    from: 2022-04-03
                """));
        URL empty = file("cn-2022-empty.yaml", year2022("""
                  - name: 清明节
                    nameEn: Qingming Festival
                    from: 2022-04-03
                    to:
                """));

        assertThatThrownBy(() -> WorkingDayCalendar.load(List.of(missing)))
                .isInstanceOf(CalendarDataException.class)
                .hasMessageContaining("cn-2022.yaml")
                .hasMessageContaining("'to'");
        assertThatThrownBy(() -> WorkingDayCalendar.load(List.of(empty)))
                .isInstanceOf(CalendarDataException.class)
                .hasMessageContaining("cn-2022-empty.yaml")
                .hasMessageContaining("\"to\"");
    }
}
