package org.delegateelection.calendar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The calendar years entered at run time (table {@code calendar_year}): every version kept, a correction appended as
 * a new version, never updated or deleted.
 */
@Repository
public class CalendarYearRepository {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final JdbcClient jdbc;

    /** A repository on the application's database. */
    public CalendarYearRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One stored version of a year.
     *
     * @param version  the row's id: a later version of a year has a greater one
     * @param calendar the year as entered
     * @param storedBy the engine user who stored it
     * @param storedAt when (Asia/Shanghai)
     */
    public record StoredYear(long version, CalendarYear calendar, String storedBy, OffsetDateTime storedAt) {
    }

    /** Appends a version of {@code year}, stored by {@code storedBy} at {@code storedAt}; returns it. */
    public StoredYear append(CalendarYear year, String storedBy, OffsetDateTime storedAt) {
        String json;
        try {
            json = JSON.writeValueAsString(year);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into calendar_year (calendar_year, calendar, notice_title, stored_by, stored_at) "
                        + "values (:year, :calendar, :title, :storedBy, :storedAt)")
                .param("year", year.year()).param("calendar", json).param("title", year.notice().title())
                .param("storedBy", storedBy).param("storedAt", storedAt).update(key, "id");
        return new StoredYear(key.getKeyAs(Long.class), year, storedBy, storedAt);
    }

    /** The newest version of each stored year, by year. */
    public List<StoredYear> newest() {
        return jdbc.sql("select id, calendar, stored_by, stored_at from calendar_year c where id = "
                        + "(select max(id) from calendar_year n where n.calendar_year = c.calendar_year) "
                        + "order by calendar_year")
                .query((row, number) -> new StoredYear(row.getLong("id"),
                        WorkingDayCalendar.parse(row.getString("calendar")), row.getString("stored_by"),
                        row.getObject("stored_at", OffsetDateTime.class).atZoneSameInstant(WorkingDayCalendar.ZONE)
                                .toOffsetDateTime()))
                .list();
    }
}
