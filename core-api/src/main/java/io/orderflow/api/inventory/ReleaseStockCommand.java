package io.orderflow.api.inventory;

import io.orderflow.api.order.OrderId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Compensation: gives back the units reserved for an order. Idempotent per order; a release for an
 * order that holds nothing is recorded with quantity 0, and a later reservation for that order is
 * refused, so a late reserve can never leak stock.
 */
public record ReleaseStockCommand(@TargetAggregateIdentifier Sku sku, OrderId orderId) {
}
