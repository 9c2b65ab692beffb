package io.orderflow.api.order;

import io.orderflow.api.common.Money;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** An order was accepted for fulfilment. Starts the fulfilment saga. */
@Revision("1")
public record OrderPlacedEvent(
        OrderId orderId,
        CustomerId customerId,
        List<OrderLine> lines,
        Money total,
        ShippingAddress shippingAddress,
        Instant placedAt) {

    public OrderPlacedEvent {
        lines = List.copyOf(lines);
    }
}
