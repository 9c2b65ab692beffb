package io.orderflow.api.shipping;

import io.orderflow.api.order.OrderId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Compensation: cancels the booking with the carrier. Idempotent; answered by {@link ShipmentCancelledEvent}. */
public record CancelShipmentCommand(@TargetAggregateIdentifier ShipmentId shipmentId, OrderId orderId, String reason) {
}
