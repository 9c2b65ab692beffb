package io.orderflow.api.inventory;

import io.orderflow.api.order.OrderId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The order shipped: its reserved units leave the stock on hand. Idempotent per order. */
public record CommitStockCommand(@TargetAggregateIdentifier Sku sku, OrderId orderId) {
}
