package org.delegateelection.cluster;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Test support for nodes started by {@link ClusterNode}: moves the engine's clock by
 * {@code cluster.engine-clock-offset-millis} (ms, may be negative) for the node's whole life, the same offset on every
 * node, so that the elections of a cluster test publish their public notice on a day the working-day calendar covers,
 * whatever day the test runs. Inactive without the property.
 */
@Component
@ConditionalOnProperty("cluster.engine-clock-offset-millis")
public class NodeClock {

    /** Applies the offset to the engine's clock ({@link ClockUtil}). */
    public NodeClock(@Value("${cluster.engine-clock-offset-millis}") long offsetMillis) {
        ClockUtil.offset(offsetMillis);
    }
}
