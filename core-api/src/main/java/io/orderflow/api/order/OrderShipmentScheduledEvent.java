package io.orderflow.api.order;

import io.orderflow.api.shipping.ShipmentId;
import org.axonframework.serialization.Revision;

/** The order's shipment is scheduled; from now on the customer can no longer cancel. */
@Revision("1")
public record OrderShipmentScheduledEvent(OrderId orderId, ShipmentId shipmentId, String trackingNumber) {
}
