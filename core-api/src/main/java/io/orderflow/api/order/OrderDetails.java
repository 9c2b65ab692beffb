package io.orderflow.api.order;

import io.orderflow.api.common.Money;
import java.time.Instant;
import java.util.List;

/**
 * The read model of one order.
 *
 * @param reason  why the order was rejected or cancelled, {@code null} otherwise
 * @param history every step of the order's story, oldest first
 */
public record OrderDetails(
        OrderId orderId,
        CustomerId customerId,
        OrderStatus status,
        FailureReason reason,
        List<OrderLine> lines,
        Money total,
        Instant placedAt,
        Instant updatedAt,
        List<HistoryEntry> history) {

    public OrderDetails {
        lines = List.copyOf(lines);
        history = List.copyOf(history);
    }

    /**
     * One step in an order's story.
     *
     * @param eventType   the simple name of the event, for example {@code PaymentRefundedEvent}
     * @param description what happened, in words
     */
    public record HistoryEntry(Instant at, String eventType, String description) {
    }
}
