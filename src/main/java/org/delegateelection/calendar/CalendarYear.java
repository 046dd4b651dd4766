package org.delegateelection.calendar;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.LocalDate;
import java.util.List;

/**
 * One year file (calendar/cn-YYYY.yaml) as written: the holidays and make-up working days that one State Council
 * notice announces for {@code year}.
 */
record CalendarYear(
        @JsonProperty(required = true) int year,
        @JsonProperty(required = true) Notice notice,
        @JsonProperty(required = true) List<Holiday> holidays) {

    /** The notice the facts are copied from: title, document number where it has one, and its address. */
    record Notice(
            @JsonProperty(required = true) String title,
            String number,
            @JsonProperty(required = true) String source) {
    }

    /** A holiday: days off from {@code from} to {@code to} inclusive, weekends inside included. */
    record Holiday(
            @JsonProperty(required = true) String name,
            @JsonProperty(required = true) String nameEn,
            @JsonProperty(required = true) LocalDate from,
            @JsonProperty(required = true) LocalDate to,
            List<LocalDate> makeUpWorkingDays) {

        Holiday {
            makeUpWorkingDays = makeUpWorkingDays == null ? List.of() : List.copyOf(makeUpWorkingDays);
        }
    }
}
