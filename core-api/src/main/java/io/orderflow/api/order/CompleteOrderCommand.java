package io.orderflow.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Saga step: the order is fulfilled (shipment scheduled and reserved stock committed). */
public record CompleteOrderCommand(@TargetAggregateIdentifier OrderId orderId) {
}
