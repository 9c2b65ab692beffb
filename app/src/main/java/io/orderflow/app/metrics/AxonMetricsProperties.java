package io.orderflow.app.metrics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which message monitors Axon's buses and event processors get ({@code orderflow.metrics.*}).
 *
 * <p>Axon's own monitors (axon-micrometer's {@code MetricsConfigurerModule}) cost about a third of the
 * application's CPU under load: every message looks up ~10 meters in the registry by name and tags,
 * records into four client-side percentile timers and a sliding-window reservoir. {@code lean} keeps
 * what an operator watches, resolved once per payload type (see {@link LeanMessageMonitors}).
 *
 * @param axon {@code lean} (default): {@link LeanMessageMonitors}; {@code axon}: Axon's auto-configured
 *             monitors, the behaviour before (dimensional, {@code axon.metrics.micrometer.dimensional});
 *             {@code off}: no message monitors at all
 */
@ConfigurationProperties(prefix = "orderflow.metrics")
public record AxonMetricsProperties(@DefaultValue("lean") Mode axon) {

    /** The message monitors of Axon's components. */
    public enum Mode {
        /** Counters and a plain timer per payload type, resolved once; a lag gauge per event processor. */
        LEAN,
        /** Axon's {@code MetricsConfigurerModule}, as auto-configured by axon-spring-boot-autoconfigure. */
        AXON,
        /** No message monitors: Axon's components run with no-op monitors. */
        OFF
    }
}
