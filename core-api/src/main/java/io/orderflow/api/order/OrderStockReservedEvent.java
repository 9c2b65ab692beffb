package io.orderflow.api.order;

import org.axonframework.serialization.Revision;

/** Every line of the order has stock reserved. */
@Revision("1")
public record OrderStockReservedEvent(OrderId orderId) {
}
