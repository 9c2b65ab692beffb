package io.orderflow.write.inventory;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long a {@link Product} remembers an order whose reservation was released or committed
 * ({@code orderflow.inventory.order-memory}, default {@link #DEFAULT}).
 *
 * <p>It reaches the product's event sourcing handlers as a handler parameter: Axon resolves it from
 * the Spring bean that {@link InventoryConfiguration} declares (in tests, from a resource registered
 * on the fixture or configuration). An aggregate has no other way to read configuration while it is
 * rebuilt from its events, and a parameter keeps the value out of the aggregate's state and snapshot.
 * Every node must run with the same value: the state replayed from the same events depends on it.
 *
 * @param retention how long after its release or commit an order is forgotten; positive
 */
public record OrderMemory(Duration retention) {

    /** Seven days: far longer than any command can be delayed (see {@link Product}). */
    public static final OrderMemory DEFAULT = new OrderMemory(Duration.ofDays(7));

    public OrderMemory {
        Objects.requireNonNull(retention, "retention");
        if (retention.isZero() || retention.isNegative()) {
            throw new IllegalArgumentException("the order memory must be positive: " + retention);
        }
    }

    /**
     * @param eventTime the time of the event being applied
     * @return the oldest settlement time still remembered after that event; orders settled before it
     *         are forgotten
     */
    Instant horizon(Instant eventTime) {
        return eventTime.minus(retention);
    }
}
