package io.orderflow.api.inventory;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds units to the stock on hand of a product. */
public record RestockCommand(@TargetAggregateIdentifier Sku sku, int quantity) {
}
