package io.orderflow.api.order;

import org.axonframework.serialization.Revision;

/** The order could not be fulfilled and nothing was charged. Terminal. */
@Revision("1")
public record OrderRejectedEvent(OrderId orderId, FailureReason reason) {
}
