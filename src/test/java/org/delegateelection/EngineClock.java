package org.delegateelection;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The engine's clock in a test (JUnit 5 extension, {@code @RegisterExtension}): set before each test, and before all
 * of a class's tests when the field is static, and back to the real time after each test and after the class. The
 * engine's clock is one per JVM ({@link ClockUtil}), shared by every engine and context, so no test may leave it set.
 *
 * <p>Either {@linkplain #at(LocalDateTime) standing still} at a time in Asia/Shanghai (a Monday of a year the
 * working-day calendar covers, so that a public notice on the way has a due date whatever day the tests run), or
 * {@linkplain #runningFrom(LocalDate) running} from the beginning of a day, as a drive that publishes its notice on a
 * later day needs, or {@linkplain #real() real} for a test that moves it itself.
 */
public final class EngineClock implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    /** The zone of every date of the election. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final Instant start;
    private final boolean running;

    private EngineClock(Instant start, boolean running) {
        this.start = start;
        this.running = running;
    }

    /** The real time at the start of every test, for a test that sets the clock itself; reset after it. */
    public static EngineClock real() {
        return new EngineClock(null, false);
    }

    /** A clock standing at {@code time} in Asia/Shanghai in every test. */
    public static EngineClock at(LocalDateTime time) {
        return new EngineClock(time.atZone(ZONE).toInstant(), false);
    }

    /** A clock that runs from the beginning of {@code day} in Asia/Shanghai, from the start of every test. */
    public static EngineClock runningFrom(LocalDate day) {
        return new EngineClock(day.atStartOfDay(ZONE).toInstant(), true);
    }

    /** The instant the clock is set to before each test, as the engine reads it. */
    public Date start() {
        return Date.from(start);
    }

    /** The engine's time now. */
    public Date now() {
        return ClockUtil.getCurrentTime();
    }

    /** Sets the engine's clock to {@code time} (it stands there). */
    public void set(Instant time) {
        ClockUtil.setCurrentTime(Date.from(time));
    }

    /** Moves the engine's clock forward by {@code duration}. */
    public void advance(Duration duration) {
        set(ClockUtil.getCurrentTime().toInstant().plus(duration));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        apply();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        apply();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ClockUtil.reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ClockUtil.reset();
    }

    private void apply() {
        if (start == null) {
            ClockUtil.reset();
        } else if (running) {
            ClockUtil.offset(start.toEpochMilli() - System.currentTimeMillis());
        } else {
            ClockUtil.setCurrentTime(Date.from(start));
        }
    }
}
