package io.orderflow.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A customer (or operator) asks to cancel an order. Refused once the shipment is scheduled. */
public record RequestOrderCancellationCommand(@TargetAggregateIdentifier OrderId orderId, ReasonCode requestedBy, String comment) {
}
