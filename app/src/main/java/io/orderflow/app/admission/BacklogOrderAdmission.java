package io.orderflow.app.admission;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.orderflow.ui.api.order.OrderAdmission;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Refuses new orders while the application is behind, so that under overload it keeps finishing the
 * orders it accepted at the rate it can, instead of queueing new ones until every caller times out
 * while it works on orders nobody waits for any more.
 *
 * <p>Behind means either of
 * <ul>
 *   <li>the saga processor has not caught up with the event store, and took up its last event more
 *       than {@code max-saga-lag} after the event was stored (the gauge {@code eventProcessor.latency}
 *       of {@code OrderFulfilmentSagaProcessor}): the sagas of the orders already accepted are waiting.
 *       A processor that has caught up is never behind, whatever the gauge last said (it keeps its value
 *       while no event comes);</li>
 *   <li>more than {@code max-queued-commands} commands wait in the command bus
 *       ({@code orderflow.command.batch.queued}, or {@code executor.queued} of the pool without
 *       batching): a new order would queue behind them.</li>
 * </ul>
 * Both are read from the meter registry, so they are the figures operators see. A gauge that does not
 * exist (metrics off) never refuses. Each refusal counts in {@code orderflow.api.orders.refused}.
 */
public final class BacklogOrderAdmission implements OrderAdmission {

    private final AdmissionProperties properties;
    private final BooleanSupplier sagaCaughtUp;
    private final Supplier<Optional<Gauge>> sagaLag;
    private final Supplier<Optional<Gauge>> queuedCommands;
    private final Counter refused;

    /**
     * @param properties    the bounds
     * @param registry      where the gauges are read and the refusals counted
     * @param sagaProcessor the saga processor's name
     * @param sagaCaughtUp  whether the saga processor has caught up with the event store (every segment
     *                      this node works on)
     */
    public BacklogOrderAdmission(AdmissionProperties properties, MeterRegistry registry, String sagaProcessor,
                                 BooleanSupplier sagaCaughtUp) {
        this.properties = properties;
        this.sagaCaughtUp = sagaCaughtUp;
        this.sagaLag = firstFound(registry.find("eventProcessor.latency").tag("processorName", sagaProcessor));
        this.queuedCommands = firstFound(registry.find("orderflow.command.batch.queued"),
                                         registry.find("executor.queued").tag("name", "commandBus"));
        this.refused = Counter.builder("orderflow.api.orders.refused")
                              .description("orders refused with 503 because the application was behind")
                              .register(registry);
    }

    @Override
    public Optional<Refusal> refusal() {
        double lagMillis = value(sagaLag);
        if (lagMillis > properties.maxSagaLag().toMillis() && !sagaCaughtUp.getAsBoolean()) {
            return refuse(String.format("the order saga runs %.1f s behind", lagMillis / 1000));
        }
        double queued = value(queuedCommands);
        if (queued > properties.maxQueuedCommands()) {
            return refuse(String.format("%.0f commands are waiting", queued));
        }
        return Optional.empty();
    }

    private Optional<Refusal> refuse(String reason) {
        refused.increment();
        return Optional.of(new Refusal(reason, properties.retryAfter()));
    }

    private static double value(Supplier<Optional<Gauge>> gauge) {
        return gauge.get().map(Gauge::value).filter(value -> !Double.isNaN(value)).orElse(0.0);
    }

    /** Looks the gauge up until it exists (it may be registered after this bean), then keeps it. */
    private static Supplier<Optional<Gauge>> firstFound(Search... searches) {
        return new Supplier<>() {
            private volatile Gauge found;

            @Override
            public Optional<Gauge> get() {
                Gauge gauge = found;
                if (gauge == null) {
                    for (Search search : searches) {
                        gauge = search.gauge();
                        if (gauge != null) {
                            found = gauge;
                            break;
                        }
                    }
                }
                return Optional.ofNullable(gauge);
            }
        };
    }
}
