package io.orderflow.bench.observe;

import io.orderflow.bench.stats.RunStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Pairs each accepted order with the observation of its terminal state and times it.
 *
 * <p>The application chooses the order id and returns it with the 202, so a terminal event can in
 * principle be observed before the 202 has been processed. Such an early observation is kept until
 * the acceptance arrives (and then counts with latency zero from the accept), or until it expires:
 * observations of orders this run did not place, and duplicates of an at-least-once delivery,
 * expire without effect. Each order counts once, however often its terminal event is delivered.
 */
public final class OrderTracker {

    private final RunStatistics statistics;
    private final Map<String, Object> entries = new ConcurrentHashMap<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong finished = new AtomicLong();
    private final List<Consumer<TrackedOrder>> acceptListeners = new CopyOnWriteArrayList<>();

    public OrderTracker(RunStatistics statistics) {
        this.statistics = Objects.requireNonNull(statistics, "statistics");
    }

    /** Calls {@code listener} for every order accepted from now on (the API observer polls them). */
    public void onAccepted(Consumer<TrackedOrder> listener) {
        acceptListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Records that the application accepted an order.
     *
     * @return the tracked order; its {@code terminal} future is already complete when the terminal
     *         state was observed first, or when the application returned an id already tracked
     */
    public TrackedOrder accepted(String orderId, long intendedNanos, long acceptedNanos) {
        TrackedOrder order = new TrackedOrder(orderId, intendedNanos, acceptedNanos, new CompletableFuture<>());
        Object[] previous = new Object[1];
        entries.compute(orderId, (id, existing) -> {
            previous[0] = existing;
            return existing == null ? order : (existing instanceof TrackedOrder ? existing : null);
        });
        statistics.accepted(intendedNanos, acceptedNanos);
        if (previous[0] instanceof TrackedOrder) {
            // The same id twice (an idempotent replay): the first acceptance is the one being timed.
            order.terminal().complete(null);
            return order;
        }
        accepted.incrementAndGet();
        if (previous[0] instanceof EarlyObservation early) {
            finish(order, early.outcome(), early.observedNanos());
            return order;
        }
        acceptListeners.forEach(listener -> listener.accept(order));
        return order;
    }

    /** Records that an order's terminal state was observed at {@code observedNanos}. */
    public void observed(String orderId, Outcome outcome, long observedNanos) {
        Object[] found = new Object[1];
        entries.compute(orderId, (id, existing) -> {
            if (existing instanceof TrackedOrder) {
                found[0] = existing;
                return null;
            }
            // Not accepted (yet): keep the first observation until the 202 arrives or it expires.
            return existing != null ? existing : new EarlyObservation(outcome, observedNanos);
        });
        if (found[0] instanceof TrackedOrder order) {
            finish(order, outcome, observedNanos);
        }
    }

    /** Whether an accepted order still waits for its terminal state. */
    public boolean isInFlight(String orderId) {
        return entries.get(orderId) instanceof TrackedOrder;
    }

    /** Orders accepted so far. */
    public long acceptedCount() {
        return accepted.get();
    }

    /** Accepted orders whose terminal state was observed. */
    public long finishedCount() {
        return finished.get();
    }

    /** Accepted orders still waiting for their terminal state. */
    public long inFlight() {
        return accepted.get() - finished.get();
    }

    /** Drops early observations older than {@code maxAgeNanos}; returns how many. */
    public int expireEarlyObservations(long nowNanos, long maxAgeNanos) {
        int[] expired = new int[1];
        entries.forEach((id, entry) -> {
            if (entry instanceof EarlyObservation early && nowNanos - early.observedNanos() > maxAgeNanos
                    && entries.remove(id, entry)) {
                expired[0]++;
            }
        });
        return expired[0];
    }

    /**
     * Ends tracking: every order still in flight is counted as unfinished and its future completed.
     *
     * @return the orders that never reached an observed terminal state
     */
    public List<TrackedOrder> closeUnfinished() {
        List<TrackedOrder> unfinished = new ArrayList<>();
        entries.forEach((id, entry) -> {
            if (entry instanceof TrackedOrder order && entries.remove(id, entry)) {
                unfinished.add(order);
                statistics.unfinished(order.intendedNanos());
                order.terminal().complete(null);
            }
        });
        return unfinished;
    }

    private void finish(TrackedOrder order, Outcome outcome, long observedNanos) {
        finished.incrementAndGet();
        statistics.terminal(order.intendedNanos(), order.acceptedNanos(), observedNanos, outcome.label(),
                outcome.isCompleted());
        order.terminal().complete(null);
    }

    private record EarlyObservation(Outcome outcome, long observedNanos) {
    }
}
