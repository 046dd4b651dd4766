package org.delegateelection.calendar;

/**
 * A calendar year file that cannot be used: unreadable, a required field missing, a holiday that ends before it
 * begins, a make-up working day that is not a weekend day or falls inside a holiday, a date outside the file's year,
 * or two files for the same year. Thrown when the calendar is loaded, so the application does not start with it.
 */
public class CalendarDataException extends RuntimeException {

    /** The file at fault and what is wrong with it, in Chinese. */
    public CalendarDataException(String file, String problem) {
        super("工作日历文件 " + file + " 有误：" + problem);
    }

    /** As above, keeping the parser's error as the cause. */
    public CalendarDataException(String file, String problem, Throwable cause) {
        super("工作日历文件 " + file + " 有误：" + problem, cause);
    }
}
