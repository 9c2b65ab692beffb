package io.orderflow.projections.order;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of {@code order_history} a batch inserts: one event of an order's story, in words. Its id comes
 * from the column's default ({@code order_history_seq}, see {@link OrderViewTable}).
 */
record OrderHistoryRow(String orderId, String eventId, Instant occurredAt, String eventType, String description) {

    OrderHistoryRow {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(description, "description");
    }
}
