package io.orderflow.api.order;

import org.axonframework.serialization.Revision;

/** Cancellation was requested while the order was in flight; the saga undoes what was done. */
@Revision("1")
public record OrderCancellationRequestedEvent(OrderId orderId, ReasonCode requestedBy, String comment, OrderStatus statusAtRequest) {
}
