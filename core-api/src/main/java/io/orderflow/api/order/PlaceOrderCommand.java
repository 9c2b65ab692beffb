package io.orderflow.api.order;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Places a new order. Sent by the command API; the order id is chosen by the sender. */
public record PlaceOrderCommand(
        @TargetAggregateIdentifier OrderId orderId,
        CustomerId customerId,
        List<OrderLine> lines,
        String currency,
        ShippingAddress shippingAddress,
        Instant placedAt) {

    public PlaceOrderCommand {
        lines = List.copyOf(lines);
    }
}
