package org.delegateelection.calendar;

import org.delegateelection.api.ApiExceptionHandler;
import org.delegateelection.security.CurrentUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The REST slice with the real calendar files. The application class is not used as configuration: its
 * {@code @EnableProcessApplication} needs the whole engine; so is the security of /api (tested with the whole
 * application in {@code org.delegateelection.security}), hence no filters here.
 */
@WebMvcTest(CalendarController.class)
@AutoConfigureMockMvc(addFilters = false)
@ContextConfiguration(classes = {CalendarController.class, CalendarYears.class, ApiExceptionHandler.class})
class CalendarControllerTest {

    /** No year stored unless a test says so (storing is tested with the whole application, CalendarYearsApiTest). */
    @MockitoBean
    CalendarYearRepository repository;
    @MockitoBean
    NoticeTimers noticeTimers;
    @MockitoBean
    CurrentUser currentUser;
    @MockitoBean
    Clock clock;

    @Autowired
    MockMvc mvc;

    private ResultActions workingDays(String query) throws Exception {
        return mvc.perform(get("/api/calendar/working-days" + query));
    }

    @Test
    void answersTheWorkingDaysOfTheQingmingExample() throws Exception {
        workingDays("?from=2022-04-01&count=5")
                .andExpect(status().isOk())
                .andExpect(content().json("""
                        {"from": "2022-04-01", "count": 5,
                         "workingDays": ["2022-04-01", "2022-04-02", "2022-04-06", "2022-04-07", "2022-04-08"],
                         "lastWorkingDay": "2022-04-08",
                         "dueAt": "2022-04-09T00:00:00+08:00"}
                        """, true));
    }

    @Test
    void acceptsUpTo366WorkingDays() throws Exception {
        workingDays("?from=2021-01-04&count=366")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.workingDays", hasSize(366)));
    }

    @Test
    void refusesABadDate() throws Exception {
        workingDays("?from=2022-13-01&count=5")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.problems[0].field").value("from"))
                .andExpect(jsonPath("$.problems[0].reason", containsString("yyyy-MM-dd")));
        workingDays("?count=5")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.problems[0].field").value("from"));
    }

    @Test
    void refusesACountOutside1To366() throws Exception {
        for (String count : new String[] {"0", "367", "-1", "abc"}) {
            workingDays("?from=2022-04-01&count=" + count)
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.problems[0].field").value("count"))
                    .andExpect(jsonPath("$.problems[0].reason", containsString("1到366")));
        }
        workingDays("?from=2022-04-01")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.problems[0].field").value("count"));
    }

    @Test
    void refusesAPeriodReachingAYearWithoutCalendar() throws Exception {
        // Mon 28 – Thu 31 Dec 2026 are four working days; the fifth would be in 2027
        workingDays("?from=2026-12-28&count=5")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.problems[0].field").value("from"))
                .andExpect(jsonPath("$.problems[0].reason", containsString("/api/calendar/years/2027")));
        workingDays("?from=2020-06-01&count=1")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.problems[0].reason", containsString("/api/calendar/years/2020")));
    }

    @Test
    void aCorrectionCarryingARunningNoticeIntoAYearWithoutCalendarIsRefused() throws Exception {
        CalendarYear first = WorkingDayCalendar.parse(CalendarYearsTest.year2027());
        when(repository.newest()).thenReturn(List.of(new CalendarYearRepository.StoredYear(1, first, "zhangwei",
                OffsetDateTime.parse("2026-12-02T10:00+08:00"))));
        when(clock.instant()).thenReturn(Instant.parse("2026-12-02T02:00:00Z"));
        when(clock.getZone()).thenReturn(ZoneId.of("Asia/Shanghai"));
        when(noticeTimers.recompute(any(), any())).thenThrow(new CalendarNotCoveredException(2028));

        mvc.perform(put("/api/calendar/years/2027").contentType("application/yaml")
                        .content(CalendarYearsTest.year2027().replace("to: 2027-01-03", "to: 2027-01-04")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.problems[0].field").value("holidays"))
                .andExpect(jsonPath("$.problems[0].reason", containsString("2028年")));
    }

    @Test
    void aBodyOverItsLimitOrEmptyIsRefusedWithoutBeingReadFurther() throws Exception {
        mvc.perform(put("/api/calendar/years/2027").contentType("application/yaml")
                        .content("#".repeat(CalendarController.MAX_BODY + 1)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.problems[0].field").value("year"))
                .andExpect(jsonPath("$.problems[0].reason", containsString("过长")));
        mvc.perform(put("/api/calendar/years/2027").contentType("application/yaml").content(" "))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.problems[0].reason", containsString("为空")));
    }
}
