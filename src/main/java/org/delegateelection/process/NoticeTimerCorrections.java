package org.delegateelection.process;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.SortedSet;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.delegateelection.calendar.CalendarNotCoveredException;
import org.delegateelection.calendar.CalendarYearRepository;
import org.delegateelection.calendar.NoticeTimers;
import org.delegateelection.calendar.PublicNoticeCalendar;
import org.delegateelection.security.CallerChecked;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The public-notice timers ({@code noticePeriodEnded}, step 18) after a calendar year was stored: each timer whose
 * notice counts a changed day, from the day of publication ({@value #PUBLISHED_AT}) to its last working day, is
 * recomputed by the engine ({@link ManagementService#recalculateJobDuedate}, which evaluates the timer's expression
 * again with the calendar now in force; a timer of an instance started on an earlier version of the diagram, which
 * has no such variable, is set to the due date computed from its creation, when its notice was published), and the correction is appended to the instance's variable
 * {@value #CORRECTIONS}, one line in Chinese per correction, which Cockpit shows with the instance's variables; the
 * engine's operation log names the user. The storing user's right to do so is that of the calendar API, so the
 * engine's own checks (re-timing a job is for administrators) are off for this work ({@link CallerChecked}).
 */
@Component
class NoticeTimerCorrections implements NoticeTimers {

    /** Date, local variable of the sub-process {@code publicNotice}: the moment the notice was published. */
    static final String PUBLISHED_AT = "noticePublishedAt";
    /** String, process variable: the corrections of the notice's due date after a calendar change, one per line. */
    static final String CORRECTIONS = "calendarCorrections";

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final ManagementService managementService;
    private final RuntimeService runtimeService;
    private final CallerChecked callerChecked;
    private final PublicNoticeCalendar noticeCalendar;

    /** {@code noticeCalendar} is lazy: it reads the calendar years, which call this back. */
    NoticeTimerCorrections(ManagementService managementService, RuntimeService runtimeService,
            CallerChecked callerChecked, @Lazy PublicNoticeCalendar noticeCalendar) {
        this.managementService = managementService;
        this.runtimeService = runtimeService;
        this.callerChecked = callerChecked;
        this.noticeCalendar = noticeCalendar;
    }

    @Override
    public List<Correction> recompute(SortedSet<LocalDate> changedDays, CalendarYearRepository.StoredYear stored) {
        return callerChecked.withoutEngineChecks(() -> {
            List<Correction> corrections = new ArrayList<>();
            for (Job timer : managementService.createJobQuery().timers().activityId("noticePeriodEnded").list()) {
                Object variable = runtimeService.getVariable(timer.getExecutionId(), PUBLISHED_AT);
                // a notice of an earlier version of the diagram has no such variable: its timer was created when
                // the notice was published, and its expression counted from then
                Date publishedAt = variable instanceof Date date ? date : timer.getCreateTime();
                LocalDate publishedOn = publishedAt.toInstant().atZone(ZONE).toLocalDate();
                LocalDate lastCounted = timer.getDuedate().toInstant().atZone(ZONE).toLocalDate().minusDays(1);
                // a due date an administrator moved before the day of publication (a rehearsal) is left alone
                if (lastCounted.isBefore(publishedOn)
                        || changedDays.subSet(publishedOn, lastCounted.plusDays(1)).isEmpty()) {
                    continue;
                }
                corrections.add(recompute(timer, variable == null ? publishedAt : null, publishedOn, stored));
            }
            return corrections;
        });
    }

    /** Recomputes one timer; {@code createdAt} is its creation for a timer of an earlier version, else null. */
    private Correction recompute(Job timer, Date createdAt, LocalDate publishedOn,
            CalendarYearRepository.StoredYear stored) {
        // before the recalculation: the job read here is the entity the engine changes
        OffsetDateTime previous = timer.getDuedate().toInstant().atZone(ZONE).toOffsetDateTime();
        try {
            if (createdAt == null) {
                managementService.recalculateJobDuedate(timer.getId(), false);
            } else {
                managementService.setJobDuedate(timer.getId(), noticeCalendar.dueAt(createdAt));
            }
        } catch (ProcessEngineException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof CalendarNotCoveredException uncovered) {
                    throw uncovered;
                }
            }
            throw e;
        }
        Date due = managementService.createJobQuery().jobId(timer.getId()).singleResult().getDuedate();
        OffsetDateTime now = due.toInstant().atZone(ZONE).toOffsetDateTime();
        ProcessInstance instance = runtimeService.createProcessInstanceQuery()
                .processInstanceId(timer.getProcessInstanceId()).singleResult();
        String line = stored.storedAt().toLocalDateTime().withNano(0) + " " + stored.storedBy() + " 保存了"
                + stored.calendar().year() + "年工作日历（第 " + stored.version() + " 版）：" + publishedOn
                + " 发布的公示，期满时间由 " + previous + " 改为 " + now;
        Object before = runtimeService.getVariable(instance.getId(), CORRECTIONS);
        runtimeService.setVariable(instance.getId(), CORRECTIONS, before == null ? line : before + "\n" + line);
        return new Correction(instance.getId(), instance.getBusinessKey(), publishedOn, previous, now);
    }
}
