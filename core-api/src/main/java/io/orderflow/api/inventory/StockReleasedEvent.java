package io.orderflow.api.inventory;

import io.orderflow.api.order.OrderId;
import org.axonframework.serialization.Revision;

/** Compensation: the units reserved for an order went back to available stock (0 if none were held). */
@Revision("1")
public record StockReleasedEvent(Sku sku, OrderId orderId, int quantity, int onHand, int reserved) {
}
