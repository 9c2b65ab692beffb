package io.orderflow.api.order;

import io.orderflow.api.shipping.ShipmentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Saga step: the carrier has scheduled the order's shipment. */
public record MarkOrderShipmentScheduledCommand(@TargetAggregateIdentifier OrderId orderId, ShipmentId shipmentId, String trackingNumber) {
}
