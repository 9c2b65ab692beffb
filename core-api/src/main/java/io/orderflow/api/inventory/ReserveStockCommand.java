package io.orderflow.api.inventory;

import io.orderflow.api.order.OrderId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Reserves units of one product for one order. Idempotent per order: a repeat for an order that
 * holds a reservation, or whose reservation was released, changes nothing. Answered by
 * {@link StockReservedEvent} or {@link StockReservationRejectedEvent}, never by an exception.
 */
public record ReserveStockCommand(@TargetAggregateIdentifier Sku sku, OrderId orderId, int quantity) {
}
