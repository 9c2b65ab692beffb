package io.orderflow.api.shipping;

import io.orderflow.api.order.OrderId;
import org.axonframework.serialization.Revision;

/**
 * The carrier refused the booking ({@code technical == false}) or could not be reached after
 * {@code attempts} tries ({@code technical == true}).
 */
@Revision("1")
public record ShipmentFailedEvent(ShipmentId shipmentId, OrderId orderId, String reason, boolean technical, int attempts) {
}
