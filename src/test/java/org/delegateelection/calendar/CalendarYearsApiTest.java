package org.delegateelection.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDateTime;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.delegateelection.EngineClock;
import org.delegateelection.ProcessTest;
import org.delegateelection.security.AccessRules;
import org.delegateelection.security.Http;
import org.delegateelection.security.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code PUT} and {@code GET /api/calendar/years} over HTTP in the whole application: a member of the organization
 * department enters 2027 (the test fixture, the State Council's notice not being out) as YAML or JSON, the year is
 * listed with its author and counts at once; bad input is refused with the field and the reason and leaves the table
 * as it was; from 1 October the missing next year is warned of in the API and in the health. Other groups' rights:
 * {@code AuthorizationMatrixTest}. The years stored here are removed after each test, so that the shared context
 * stays without 2027.
 */
@ProcessTest
class CalendarYearsApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLERK = "calendar-clerk";
    private static final String ADMIN = "calendar-admin";

    /** A clock standing on a Wednesday in December 2026, when the 2027 notice is due. */
    @RegisterExtension
    final EngineClock clock = EngineClock.at(LocalDateTime.of(2026, 12, 2, 10, 0));

    @LocalServerPort
    private int port;
    @Autowired
    private IdentityService identityService;
    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private CalendarHealth health;

    private Http http;

    @BeforeEach
    void users() {
        http = new Http(port, false);
        TestUsers.ensure(identityService, CLERK, AccessRules.ORG_DEPT);
        TestUsers.ensure(identityService, ADMIN, Groups.CAMUNDA_ADMIN);
    }

    @AfterEach
    void removeTheYearsStoredHere() {
        jdbc.sql("delete from calendar_year where stored_by in (:clerk, :admin)").param("clerk", CLERK)
                .param("admin", ADMIN).update();
    }

    private HttpResponse<String> put(String year, String body, String contentType) {
        return http.send("PUT", "/api/calendar/years/" + year, CLERK, TestUsers.PASSWORD, body, contentType);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.json("GET", path, CLERK, TestUsers.PASSWORD, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private long storedVersions() {
        return jdbc.sql("select count(*) from calendar_year").query(Long.class).single();
    }

    @Test
    void aYearEnteredAsYamlIsListedWithItsAuthorAndCountsAtOnce() throws Exception {
        assertThat(http.json("GET", "/api/calendar/working-days?from=2026-12-28&count=5", CLERK, TestUsers.PASSWORD,
                null).body()).contains("2027年");

        HttpResponse<String> stored = put("2027", CalendarYearsTest.year2027(), "application/yaml");

        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(stored.body());
        assertThat(answer.at("/year/year").asInt()).isEqualTo(2027);
        assertThat(answer.at("/year/source").asText()).isEqualTo("stored");
        assertThat(answer.at("/year/storedBy").asText()).isEqualTo(CLERK);
        assertThat(answer.at("/year/storedAt").asText()).isEqualTo("2026-12-02T10:00:00+08:00");
        assertThat(answer.at("/changedDays")).isEmpty();
        assertThat(answer.at("/corrections")).isEmpty();
        JsonNode years = get("/api/calendar/years");
        assertThat(years.at("/years/0/year").asInt()).isEqualTo(2021);
        assertThat(years.at("/years/0/source").asText()).isEqualTo("shipped");
        JsonNode last = years.at("/years/" + (years.at("/years").size() - 1));
        assertThat(last.at("/year").asInt()).isEqualTo(2027);
        assertThat(last.at("/source").asText()).isEqualTo("stored");
        assertThat(last.at("/storedBy").asText()).isEqualTo(CLERK);
        assertThat(last.at("/notice/title").asText()).startsWith("测试用");
        // Mon 28 – Thu 31 Dec 2026, 1–3 Jan 2027 off, Mon 4 Jan
        assertThat(get("/api/calendar/working-days?from=2026-12-28&count=5").at("/dueAt").asText())
                .isEqualTo("2027-01-05T00:00:00+08:00");
    }

    @Test
    void theSameStructureAsJsonIsAcceptedAndACorrectionIsANewVersion() throws Exception {
        String json = """
                {"year": 2027,
                 "notice": {"title": "测试用：国务院办公厅关于2027年部分节假日安排的通知", "source": "https://www.gov.cn/"},
                 "holidays": [{"name": "元旦", "nameEn": "New Year's Day", "from": "2027-01-01", "to": "2027-01-03"}]}
                """;
        assertThat(put("2027", json, "application/json").statusCode()).isEqualTo(200);
        HttpResponse<String> corrected = put("2027", json.replace("2027-01-03", "2027-01-04"), "application/json");

        assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(200);
        assertThat(JSON.readTree(corrected.body()).at("/changedDays").toString()).isEqualTo("[\"2027-01-04\"]");
        assertThat(jdbc.sql("select count(*) from calendar_year where calendar_year = 2027").query(Long.class)
                .single()).as("both versions kept").isEqualTo(2);
        assertThat(get("/api/calendar/working-days?from=2027-01-04&count=1").at("/lastWorkingDay").asText())
                .isEqualTo("2027-01-05");
    }

    @Test
    void aHolidayOutsideItsYearOrAMakeUpDayOnAWednesdayIsRefusedNamingTheFieldAndNothingIsStored() throws Exception {
        long before = storedVersions();

        HttpResponse<String> outside = put("2027",
                CalendarYearsTest.year2027().replace("from: 2027-01-01", "from: 2026-06-01"), "application/yaml");
        // 3 March 2027 is a Wednesday
        HttpResponse<String> wednesday = put("2027",
                CalendarYearsTest.year2027().replace("2027-01-31", "2027-03-03"), "application/yaml");
        HttpResponse<String> otherYear = put("2028", CalendarYearsTest.year2027(), "application/yaml");
        HttpResponse<String> notYaml = put("2027", "year: [2027", "text/plain");
        HttpResponse<String> noNotice = put("2027",
                CalendarYearsTest.year2027().replaceAll("(?m)^notice:\\n(  .*\\n)+", ""), "application/yaml");

        assertThat(outside.statusCode()).isEqualTo(400);
        JsonNode problem = JSON.readTree(outside.body()).at("/problems/0");
        assertThat(problem.at("/field").asText()).isEqualTo("holidays[0].from");
        assertThat(problem.at("/reason").asText()).contains("2026-06-01", "不在2027年内");
        assertThat(wednesday.statusCode()).isEqualTo(400);
        problem = JSON.readTree(wednesday.body()).at("/problems/0");
        assertThat(problem.at("/field").asText()).isEqualTo("holidays[1].makeUpWorkingDays[0]");
        assertThat(problem.at("/reason").asText()).contains("2027-03-03", "星期三", "不是星期六或星期日");
        assertThat(otherYear.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(otherYear.body()).at("/problems/0/field").asText()).isEqualTo("year");
        assertThat(notYaml.statusCode()).isEqualTo(400);
        assertThat(noNotice.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noNotice.body()).at("/problems/0/field").asText()).isEqualTo("notice");
        assertThat(storedVersions()).isEqualTo(before);
        assertThat(get("/api/calendar/years").toString()).doesNotContain("\"year\":2027");
    }

    @Test
    void fromTheFirstOfOctoberTheMissingNextYearIsWarnedOfInTheApiAndTheHealth() throws Exception {
        clock.set(LocalDateTime.of(2026, 9, 30, 23, 0).atZone(EngineClock.ZONE).toInstant());
        assertThat(get("/api/calendar/years").at("/warning").isNull()).isTrue();
        assertThat(health.health().getDetails()).doesNotContainKey("warning");

        clock.set(LocalDateTime.of(2026, 10, 1, 0, 0).atZone(EngineClock.ZONE).toInstant());
        assertThat(get("/api/calendar/years").at("/warning").asText()).contains("2027年");
        HttpResponse<String> actuator = http.json("GET", "/actuator/health", ADMIN, TestUsers.PASSWORD, null);
        JsonNode component = JSON.readTree(actuator.body()).at("/components/calendar");
        assertThat(component.at("/status").asText()).isEqualTo("UP");
        assertThat(component.at("/details/warning").asText()).contains("2027年");
        assertThat(JSON.readTree(actuator.body()).at("/status").asText()).isEqualTo("UP");

        assertThat(put("2027", CalendarYearsTest.year2027(), "application/yaml").statusCode()).isEqualTo(200);
        assertThat(get("/api/calendar/years").at("/warning").isNull()).isTrue();
        assertThat(health.health().getDetails()).doesNotContainKey("warning");
    }
}
