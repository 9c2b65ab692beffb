package io.orderflow.api.shipping;

import io.orderflow.api.order.OrderId;
import io.orderflow.api.order.OrderLine;
import io.orderflow.api.order.ShippingAddress;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Books the order's shipment with the carrier. Answered by {@link ShipmentScheduledEvent} or
 * {@link ShipmentFailedEvent}. Idempotent.
 */
public record ScheduleShipmentCommand(@TargetAggregateIdentifier ShipmentId shipmentId, OrderId orderId, ShippingAddress address, List<OrderLine> lines) {

    public ScheduleShipmentCommand {
        lines = List.copyOf(lines);
    }
}
