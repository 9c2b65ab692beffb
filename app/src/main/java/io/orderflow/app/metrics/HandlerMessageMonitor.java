package io.orderflow.app.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

/**
 * The monitor of a bus whose messages have one handler (command bus, query bus, query update
 * emitter), per payload type: {@code <bus>.ingestedCounter}, {@code .successCounter},
 * {@code .failureCounter} and the timer {@code <bus>.allTimer} from dispatch to result.
 *
 * <p>Unlike Axon's {@code MessageTimerMonitor} the timer has no client-side percentiles (count, sum
 * and max only) and there are no separate success/failure/ignored timers, so a result is one timer
 * record and one counter increment. Percentiles or a histogram can still be switched on for it with
 * Spring Boot's {@code management.metrics.distribution.*} properties. Per message: one map read,
 * one counter increment, one small callback object carrying the start time, one timer record.
 */
final class HandlerMessageMonitor implements MessageMonitor<Message<?>> {

    private final Clock clock;
    private final PerPayloadType<Meters> meters;

    /**
     * @param prefix   the meter name prefix, the component's name ({@code commandBus})
     * @param registry where the meters go
     */
    HandlerMessageMonitor(String prefix, MeterRegistry registry) {
        this.clock = registry.config().clock();
        this.meters = new PerPayloadType<>(tag -> {
            Tags tags = Tags.of(tag);
            Counter ingested = Counter.builder(prefix + ".ingestedCounter").description("Messages dispatched")
                                      .tags(tags).register(registry);
            Counter success = Counter.builder(prefix + ".successCounter").description("Messages handled successfully")
                                     .tags(tags).register(registry);
            Counter failure = Counter.builder(prefix + ".failureCounter").description("Messages whose handling failed")
                                     .tags(tags).register(registry);
            Timer all = Timer.builder(prefix + ".allTimer").description("From dispatch to result, any outcome")
                             .tags(tags).register(registry);
            return new Meters(ingested, success, failure, all);
        });
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        Meters of = meters.of(message);
        of.ingested().increment();
        return new Timing(of, clock, clock.monotonicTime());
    }

    private record Meters(Counter ingested, Counter success, Counter failure, Timer all) {
    }

    private record Timing(Meters meters, Clock clock, long startNanos) implements MonitorCallback {

        @Override
        public void reportSuccess() {
            meters.all().record(clock.monotonicTime() - startNanos, TimeUnit.NANOSECONDS);
            meters.success().increment();
        }

        @Override
        public void reportFailure(Throwable cause) {
            meters.all().record(clock.monotonicTime() - startNanos, TimeUnit.NANOSECONDS);
            meters.failure().increment();
        }

        @Override
        public void reportIgnored() {
            meters.all().record(clock.monotonicTime() - startNanos, TimeUnit.NANOSECONDS);
        }
    }
}
