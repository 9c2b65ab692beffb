package io.orderflow.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.axonframework.monitoring.MessageMonitor.MonitorCallback;

/**
 * The counters of one component and payload type, and at the same time the callback of every
 * message of that type: reporting an outcome only increments a counter, so one instance serves all
 * messages and nothing is allocated per message.
 *
 * <p>Names as Axon's {@code MessageCountingMonitor}: {@code <prefix>.ingestedCounter},
 * {@code .successCounter}, {@code .failureCounter} and, where a component ignores messages,
 * {@code .ignoredCounter}. Axon's {@code .processedCounter} (success + failure) is left out.
 */
final class OutcomeCounters implements MonitorCallback {

    private final Counter ingested;
    private final Counter success;
    private final Counter failure;
    private final Counter ignored;

    private OutcomeCounters(Counter ingested, Counter success, Counter failure, Counter ignored) {
        this.ingested = ingested;
        this.success = success;
        this.failure = failure;
        this.ignored = ignored;
    }

    /**
     * Registers the counters.
     *
     * @param prefix       the meter name prefix ({@code eventStore}, {@code eventProcessor})
     * @param tags         the component's and payload type's tags
     * @param countIgnored whether the component reports ignored messages (event processors do)
     * @param registry     where they go
     * @return the counters
     */
    static OutcomeCounters register(String prefix, Tags tags, boolean countIgnored, MeterRegistry registry) {
        return new OutcomeCounters(
                counter(prefix + ".ingestedCounter", "Messages received", tags, registry),
                counter(prefix + ".successCounter", "Messages handled (events: committed) successfully", tags, registry),
                counter(prefix + ".failureCounter", "Messages whose handling failed (events: rolled back)", tags, registry),
                countIgnored ? counter(prefix + ".ignoredCounter", "Messages no handler took", tags, registry) : null);
    }

    private static Counter counter(String name, String description, Tags tags, MeterRegistry registry) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    /** Counts a message received. */
    void ingested() {
        ingested.increment();
    }

    @Override
    public void reportSuccess() {
        success.increment();
    }

    @Override
    public void reportFailure(Throwable cause) {
        failure.increment();
    }

    @Override
    public void reportIgnored() {
        if (ignored != null) {
            ignored.increment();
        }
    }
}
