package io.orderflow.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Saga step: every line of the order has its stock reserved. */
public record MarkOrderStockReservedCommand(@TargetAggregateIdentifier OrderId orderId) {
}
