package io.orderflow.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Saga end: the order could not be accepted (nothing was charged), for example out of stock. */
public record RejectOrderCommand(@TargetAggregateIdentifier OrderId orderId, FailureReason reason) {
}
