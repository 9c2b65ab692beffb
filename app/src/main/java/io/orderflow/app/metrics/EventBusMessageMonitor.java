package io.orderflow.app.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

/**
 * The monitor of the event store (event bus), per payload type: {@code eventStore.ingestedCounter}
 * (events appended), {@code .successCounter} (their unit of work committed) and
 * {@code .failureCounter} (rolled back).
 *
 * <p>Axon's counters of the event bus carry no tags; these carry {@code payloadType} (a sum over it
 * gives Axon's figure). Axon's {@code eventStore.*Timer}s (time from append to commit, with
 * percentiles) are left out. Per event: one map read and one counter increment; the callback is the
 * shared {@link OutcomeCounters} of the type, so nothing is allocated.
 */
final class EventBusMessageMonitor implements MessageMonitor<Message<?>> {

    private final PerPayloadType<OutcomeCounters> counters;

    /**
     * @param prefix   the meter name prefix, the component's name ({@code eventStore})
     * @param registry where the meters go
     */
    EventBusMessageMonitor(String prefix, MeterRegistry registry) {
        this.counters = new PerPayloadType<>(tag -> OutcomeCounters.register(prefix, Tags.of(tag), false, registry));
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        OutcomeCounters of = counters.of(message);
        of.ingested();
        return of;
    }
}
