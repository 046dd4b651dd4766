package org.delegateelection.process;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The engine's clock ({@link ClockUtil}) as a {@link Clock}, so that the domain reads the same "now" as the engine's
 * timers and the operation log: a rehearsal or a test that moves the engine's clock moves the domain's too.
 */
final class EngineTime extends Clock {

    private final ZoneId zone;

    EngineTime(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return new EngineTime(other);
    }

    @Override
    public Instant instant() {
        return ClockUtil.getCurrentTime().toInstant();
    }
}
