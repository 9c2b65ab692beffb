package io.orderflow.api.order;

import org.axonframework.serialization.Revision;

/** The order is fulfilled. Terminal. */
@Revision("1")
public record OrderCompletedEvent(OrderId orderId) {
}
