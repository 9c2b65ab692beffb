package io.orderflow.bench.observe;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.api.order.OrderStatus;
import io.orderflow.bench.client.OrderflowClient;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The fallback observer when Kafka cannot be reached: polls {@code GET /api/orders/{id}} for every
 * order in flight, every {@code interval}, until its status is terminal. Its figures are upper
 * bounds: they include up to one polling interval, the read model's projection lag, and the polling
 * itself loads the application.
 */
public final class ApiPollingObserver implements TerminalObserver {

    private final OrderflowClient client;
    private final OrderTracker tracker;
    private final Duration interval;
    private final LongAdder polls = new LongAdder();
    private ScheduledExecutorService scheduler;
    private volatile boolean running;

    /**
     * @param client   the application's REST API
     * @param tracker  receives the observations and announces accepted orders
     * @param interval time between two polls of one order
     */
    public ApiPollingObserver(OrderflowClient client, OrderTracker tracker, Duration interval) {
        this.client = Objects.requireNonNull(client, "client");
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        this.interval = Objects.requireNonNull(interval, "interval");
    }

    /** The outcome an order view shows, or empty while the order is not in a terminal state. */
    public static Optional<Outcome> outcomeOf(JsonNode order) {
        String status = order.path("status").asText("");
        OrderStatus parsed;
        try {
            parsed = OrderStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!parsed.isTerminal()) {
            return Optional.empty();
        }
        JsonNode reason = order.path("reason");
        JsonNode code = reason.isObject() ? reason.path("code") : reason;
        return Optional.of(new Outcome(parsed, code.isTextual() ? code.asText() : null));
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "api-terminal-observer");
            thread.setDaemon(true);
            return thread;
        });
        running = true;
        tracker.onAccepted(order -> schedule(order.orderId()));
    }

    private void schedule(String orderId) {
        if (running) {
            try {
                scheduler.schedule(() -> poll(orderId), interval.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // closed meanwhile: the order stays unfinished
            }
        }
    }

    private void poll(String orderId) {
        if (!running || !tracker.isInFlight(orderId)) {
            return;
        }
        polls.increment();
        client.order(orderId).whenComplete((body, failure) -> {
            long observedNanos = System.nanoTime();
            Optional<Outcome> outcome = failure == null && body.isPresent() ? outcomeOf(body.get()) : Optional.empty();
            if (outcome.isPresent()) {
                tracker.observed(orderId, outcome.get(), observedNanos);
            } else {
                schedule(orderId);
            }
        });
    }

    /** Order reads issued so far. */
    public long polls() {
        return polls.sum();
    }

    @Override
    public String name() {
        return "api";
    }

    @Override
    public void close() {
        running = false;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
