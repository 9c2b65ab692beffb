package io.orderflow.api.inventory;

import io.orderflow.api.order.OrderId;
import org.axonframework.serialization.Revision;

/** A reservation was refused, for example because fewer units were available than requested. */
@Revision("1")
public record StockReservationRejectedEvent(Sku sku, OrderId orderId, int requested, int available, String reason) {
}
