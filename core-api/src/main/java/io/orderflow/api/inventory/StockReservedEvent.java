package io.orderflow.api.inventory;

import io.orderflow.api.order.OrderId;
import org.axonframework.serialization.Revision;

/** Units were reserved for an order; {@code onHand} and {@code reserved} are the levels after it. */
@Revision("1")
public record StockReservedEvent(Sku sku, OrderId orderId, int quantity, int onHand, int reserved) {
}
