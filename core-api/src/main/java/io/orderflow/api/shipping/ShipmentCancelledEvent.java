package io.orderflow.api.shipping;

import io.orderflow.api.order.OrderId;
import org.axonframework.serialization.Revision;

/** Compensation: the shipment booking was cancelled (or none was held, and later ones are refused). */
@Revision("1")
public record ShipmentCancelledEvent(ShipmentId shipmentId, OrderId orderId, String reason) {
}
