package io.orderflow.api.inventory;

import io.orderflow.api.order.OrderId;
import org.axonframework.serialization.Revision;

/** The units reserved for a shipped order left the stock on hand. */
@Revision("1")
public record StockCommittedEvent(Sku sku, OrderId orderId, int quantity, int onHand, int reserved) {
}
