package io.orderflow.api.shipping;

import io.orderflow.api.order.OrderId;
import org.axonframework.serialization.Revision;

/** The carrier booked the shipment. */
@Revision("1")
public record ShipmentScheduledEvent(ShipmentId shipmentId, OrderId orderId, String carrier, String trackingNumber) {
}
