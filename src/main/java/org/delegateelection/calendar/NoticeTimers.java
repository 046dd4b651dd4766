package org.delegateelection.calendar;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.SortedSet;

/**
 * The public notices running now, whose timers must follow a corrected calendar year. Implemented where the timers
 * are (the process), called by {@link CalendarYears} in the transaction that stores the year.
 */
public interface NoticeTimers {

    /**
     * Recomputes the due date of every public notice whose working days, from its publication to its last working
     * day, include one of {@code changedDays}, and records the correction on its election's process.
     *
     * @param changedDays the days whose being a working day the new version of the year changed
     * @param stored      the new version, its author and time
     * @return one entry per notice recomputed
     * @throws CalendarNotCoveredException when a recomputed notice now reaches into a year without a calendar
     */
    List<Correction> recompute(SortedSet<LocalDate> changedDays, CalendarYearRepository.StoredYear stored);

    /**
     * A notice whose due date was recomputed.
     *
     * @param processInstanceId the election's process instance
     * @param businessKey       the election's business key
     * @param publishedOn       the day the notice was published (Asia/Shanghai)
     * @param previousDueAt     the due date before the correction
     * @param dueAt             the due date now
     */
    record Correction(String processInstanceId, String businessKey, LocalDate publishedOn,
                      OffsetDateTime previousDueAt, OffsetDateTime dueAt) {
    }
}
