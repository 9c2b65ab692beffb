package io.orderflow.api.inventory;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds a product to the catalogue with its initial stock on hand. */
public record RegisterProductCommand(@TargetAggregateIdentifier Sku sku, String name, int initialStock) {
}
