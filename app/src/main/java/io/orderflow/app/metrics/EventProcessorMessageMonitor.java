package io.orderflow.app.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.TagsUtil;
import org.axonframework.monitoring.MessageMonitor;

/**
 * The monitor of one event processor: {@code eventProcessor.ingestedCounter}, {@code .successCounter},
 * {@code .failureCounter}, {@code .ignoredCounter} per payload type, and the gauge
 * {@code eventProcessor.latency}, all tagged {@code processorName} like Axon's dimensional monitors.
 *
 * <p>The latency is Axon's: the age in milliseconds of the last event the processor took up (wall
 * clock minus the event's timestamp), so it shows how far behind the store a processor runs. Axon's
 * {@code eventProcessor.*Timer}s (with percentiles) and {@code eventProcessor.capacity} (a sliding
 * window of every message's duration) are left out. Per event: one volatile write, one map read, one
 * counter increment at ingestion and one at the outcome; the callback is the shared
 * {@link OutcomeCounters} of the type, so nothing is allocated.
 */
final class EventProcessorMessageMonitor implements MessageMonitor<Message<?>> {

    /** Axon's meter name prefix of event processors in dimensional mode. */
    static final String PREFIX = "eventProcessor";

    private final Clock clock;
    private final PerPayloadType<OutcomeCounters> counters;
    private volatile long latencyMillis;

    /**
     * Registers the latency gauge at once; the counters follow with the first event of each type.
     *
     * @param processorName the processor's name, tag {@code processorName}
     * @param registry      where the meters go
     */
    EventProcessorMessageMonitor(String processorName, MeterRegistry registry) {
        this.clock = registry.config().clock();
        Tags processor = Tags.of(TagsUtil.PROCESSOR_NAME_TAG, processorName);
        this.counters = new PerPayloadType<>(tag -> OutcomeCounters.register(PREFIX, processor.and(tag), true, registry));
        Gauge.builder(PREFIX + ".latency", this, monitor -> monitor.latencyMillis)
             .description("Age in milliseconds of the last event the processor took up")
             .tags(processor)
             .strongReference(true)
             .register(registry);
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        if (message instanceof EventMessage<?> event) {
            latencyMillis = clock.wallTime() - event.getTimestamp().toEpochMilli();
        }
        OutcomeCounters of = counters.of(message);
        of.ingested();
        return of;
    }
}
