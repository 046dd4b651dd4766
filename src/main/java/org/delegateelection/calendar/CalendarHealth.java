package org.delegateelection.calendar;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The component {@code calendar} of {@code /actuator/health}: the years of the working-day calendar in force and,
 * from 1 October while next year is missing, a {@code warning}. The status stays UP: the application works, but an
 * operator must enter next year before a public notice reaches into it (a missing year stops that notice with an
 * incident, never the application).
 */
@Component("calendar")
class CalendarHealth implements HealthIndicator {

    private final CalendarYears years;

    CalendarHealth(CalendarYears years) {
        this.years = years;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up().withDetail("years", years.calendar().years());
        years.nextYearWarning().ifPresent(warning -> health.withDetail("warning", warning));
        return health.build();
    }
}
