package io.orderflow.bridge.changes;

import io.orderflow.api.common.Money;
import io.orderflow.api.inventory.Sku;
import io.orderflow.api.order.CustomerId;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.order.OrderLine;
import io.orderflow.api.order.OrderPlacedEvent;
import io.orderflow.api.order.ShippingAddress;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

/** Events of the {@code Order} aggregate as the event store holds them, for the change-feed tests. */
final class OrderEvents {

    static final Instant PLACED_AT = Instant.parse("2025-11-26T10:15:30.123Z");

    private OrderEvents() {
    }

    static OrderPlacedEvent placed(OrderId orderId) {
        return new OrderPlacedEvent(orderId, new CustomerId("customer-42"),
                List.of(new OrderLine(new Sku("BOOK-1"), 2, new BigDecimal("12.50")),
                        new OrderLine(new Sku("MUG-7"), 1, new BigDecimal("0.10"))),
                Money.of("25.10", "EUR"),
                new ShippingAddress("Ada Lovelace", "St James's Square 12", "London", "SW1Y 4JH", "GB"),
                PLACED_AT);
    }

    /** An event of the order, one second after the placement per sequence number. */
    static DomainEventMessage<?> event(OrderId orderId, long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Order", orderId.toString(), sequence, payload,
                Map.of("correlationId", "request-" + orderId), UUID.randomUUID().toString(),
                PLACED_AT.plusSeconds(sequence));
    }
}
