package io.orderflow.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Saga end: the order is cancelled after every completed step was compensated. */
public record CancelOrderCommand(@TargetAggregateIdentifier OrderId orderId, FailureReason reason) {
}
