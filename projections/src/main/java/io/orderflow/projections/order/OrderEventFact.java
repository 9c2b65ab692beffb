package io.orderflow.projections.order;

import io.orderflow.api.order.OrderId;
import java.util.Objects;

/**
 * What one event means for the story of one order.
 *
 * @param orderId     the order the event belongs to
 * @param eventType   the simple name of the event class, for example {@code PaymentRefundedEvent}
 * @param description what happened, in words
 */
record OrderEventFact(OrderId orderId, String eventType, String description) {

    OrderEventFact {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(description, "description");
    }
}
