package io.orderflow.api.order;

import org.axonframework.serialization.Revision;

/** The order was cancelled after its completed steps were compensated. Terminal. */
@Revision("1")
public record OrderCancelledEvent(OrderId orderId, FailureReason reason) {
}
