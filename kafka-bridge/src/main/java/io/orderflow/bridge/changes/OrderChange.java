package io.orderflow.bridge.changes;

import java.time.Instant;
import java.util.Objects;

/**
 * One record of the order-change feed: an order's state before and after one of its events, in the
 * change-data-capture style (Debezium's envelope: {@code before}, {@code after}, {@code op},
 * {@code source}).
 *
 * @param before the state before the event; {@code null} when the event created the order
 * @param after  the state after the event
 * @param op     {@value #CREATE} for the event that created the order, {@value #UPDATE} for every later
 *               one; {@value #DELETE} is reserved (orders are never deleted)
 * @param source where the change comes from
 */
public record OrderChange(OrderState before, OrderState after, String op, Source source) {

    /** {@link #op()} of the event that created the order ({@code OrderPlacedEvent}). */
    public static final String CREATE = "c";

    /** {@link #op()} of every later event of the order. */
    public static final String UPDATE = "u";

    /** {@link #op()} reserved for the deletion of an order, which the application never does. */
    public static final String DELETE = "d";

    public OrderChange {
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(source, "source");
    }

    /**
     * The event a change comes from.
     *
     * @param system        always {@value #SYSTEM}
     * @param aggregateType the type of the aggregate that applied the event, {@code Order}
     * @param eventId       the event's identifier (the {@code event-id} header on {@code orderflow.events})
     * @param eventType     the event's simple class name, for example {@code OrderPlacedEvent}
     * @param sequence      the event's sequence number in the order's stream
     * @param occurredAt    when the event happened
     */
    public record Source(String system, String aggregateType, String eventId, String eventType, long sequence,
                         Instant occurredAt) {

        /** The value of {@link #system()}. */
        public static final String SYSTEM = "orderflow";
    }
}
