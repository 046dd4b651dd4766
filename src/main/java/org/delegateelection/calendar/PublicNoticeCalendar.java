package org.delegateelection.calendar;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Date;

/**
 * The due date of the public notice of the preliminary candidates (党内公示), for the timer {@code noticePeriodEnded}:
 * {@code ${publicNoticeCalendar.dueAt(noticePublishedAt)}}, the moment the notice was published being a variable of
 * the notice, so that the engine's recalculation of the due date after a corrected calendar year, or a retry after a
 * missing year was added, counts from the publication and not from the retry. The notice lasts {@code election.public-notice.working-days} working
 * days, 5 by default as the Central Committee's notice requires (中共中央《关于党的二十大代表选举工作的通知》,
 * November 2021).
 */
@Component("publicNoticeCalendar")
public class PublicNoticeCalendar {

    private final CalendarYears calendar;
    private final int workingDays;

    /**
     * @param calendar    the working-day calendar in force
     * @param workingDays length of the notice in working days, at least 1
     * @throws IllegalArgumentException when {@code workingDays} is less than 1
     */
    public PublicNoticeCalendar(CalendarYears calendar,
                                @Value("${election.public-notice.working-days:5}") int workingDays) {
        if (workingDays < 1) {
            throw new IllegalArgumentException("election.public-notice.working-days 至少为1，收到 " + workingDays);
        }
        this.calendar = calendar;
        this.workingDays = workingDays;
    }

    /**
     * The instant the notice is over when published at {@code publishedAt}: the day of publication in Asia/Shanghai
     * counts when it is a working day; the notice ends at midnight that begins the day after its last working day.
     *
     * @throws CalendarNotCoveredException when a day to count falls in a year without a calendar (the engine then
     *                                     fails the activity and Cockpit shows an incident)
     */
    public Date dueAt(Date publishedAt) {
        LocalDate publishedOn = publishedAt.toInstant().atZone(WorkingDayCalendar.ZONE).toLocalDate();
        return Date.from(period(publishedOn).dueAt().toInstant());
    }

    /**
     * The notice period when published on {@code publishedOn} (a day in Asia/Shanghai): its working days, last working
     * day and end.
     *
     * @throws CalendarNotCoveredException when a day to count falls in a year without a calendar file
     */
    public WorkingDayPeriod period(LocalDate publishedOn) {
        return calendar.calendar().period(publishedOn, workingDays);
    }
}
