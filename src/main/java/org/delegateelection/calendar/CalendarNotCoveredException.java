package org.delegateelection.calendar;

/**
 * A computation needed a date of a year for which no calendar file is loaded. The calendar never guesses: the
 * holidays of a year are known only once the General Office of the State Council announces them (usually in November
 * or December of the year before), and someone must enter that year.
 */
public class CalendarNotCoveredException extends RuntimeException {

    private final int year;

    /** The year that has no calendar. */
    public CalendarNotCoveredException(int year) {
        super("工作日历尚未包含" + year + "年的节假日安排，无法计算工作日。请根据国务院办公厅关于" + year
                + "年部分节假日安排的通知，在 Cockpit 首页的“工作日历”中录入" + year + "年（PUT /api/calendar/years/"
                + year + "）后重试。");
        this.year = year;
    }

    /** The year that has no calendar file. */
    public int year() {
        return year;
    }
}
