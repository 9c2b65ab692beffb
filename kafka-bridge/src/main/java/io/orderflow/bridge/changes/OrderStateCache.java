package io.orderflow.bridge.changes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The latest state the order-change feed published for recently changed orders: order id &rarr;
 * (sequence number of the event, state after that event), at most {@code maxEntries} orders, the least
 * recently used evicted first.
 *
 * <p>Why it is safe. An entry says "the state of order X after its event n"; it is only ever computed
 * from committed events (a tracking processor sees nothing else), which never change, so the entry is
 * true forever, whatever happens to the batch that computed it. The one way to misuse a true entry is
 * to take the state <em>after</em> event n as the state <em>before</em> event n, which would apply the
 * event twice. So a lookup asks for exactly one sequence number, {@code n - 1} for event {@code n}
 * ({@link #stateAfter}): when the same event n is handled again (a rolled-back batch is redelivered,
 * a replay, another node processed the order in between) the entry is for n or later, not n - 1, the
 * lookup misses and the caller folds the state from the event store as without a cache. The feed
 * writes entries only after its batch committed, so an entry normally never runs ahead of the token;
 * the exact-sequence lookup makes it right even when it does.
 *
 * <p>All operations are synchronized: the feed's processor has one thread, and each operation is one
 * map access, so the lock is uncontended. A cache of size 0 keeps nothing and always misses.
 */
final class OrderStateCache {

    private final int maxEntries;
    private final LinkedHashMap<String, Known> entries;

    /**
     * @param maxEntries the largest number of orders kept; {@code 0} switches the cache off
     */
    OrderStateCache(int maxEntries) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries must not be negative: " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.entries = new LinkedHashMap<>(Math.min(Math.max(maxEntries, 1), 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
                return size() > OrderStateCache.this.maxEntries;
            }
        };
    }

    /** Whether the cache keeps anything. */
    boolean enabled() {
        return maxEntries > 0;
    }

    /**
     * The state of an order after exactly the given event.
     *
     * @param orderId  the order
     * @param sequence the sequence number of the event the state must be after
     * @return the state, empty when the cache holds no state of the order or one after another event
     */
    synchronized Optional<OrderState> stateAfter(String orderId, long sequence) {
        Known known = entries.get(orderId);
        return known != null && known.sequence() == sequence ? Optional.of(known.state()) : Optional.empty();
    }

    /**
     * Remembers the state of an order after one of its events, replacing what was known of the order.
     *
     * @param orderId  the order
     * @param sequence the sequence number of the event
     * @param state    the state after that event
     */
    synchronized void remember(String orderId, long sequence, OrderState state) {
        if (enabled()) {
            entries.put(Objects.requireNonNull(orderId, "orderId"), new Known(sequence, state));
        }
    }

    /** The number of orders currently held. */
    synchronized int size() {
        return entries.size();
    }

    /**
     * What is known of one order.
     *
     * @param sequence the sequence number of the event the state is after
     * @param state    the state after that event
     */
    record Known(long sequence, OrderState state) {

        Known {
            Objects.requireNonNull(state, "state");
        }
    }
}
