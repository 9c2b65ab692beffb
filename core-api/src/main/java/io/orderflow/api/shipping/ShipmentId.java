package io.orderflow.api.shipping;

import io.orderflow.api.order.OrderId;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/** Identifies the shipment of one order; derived from the order id, so retries are idempotent. */
public record ShipmentId(UUID value) {

    public ShipmentId {
        Objects.requireNonNull(value, "value");
    }

    public static ShipmentId forOrder(OrderId orderId) {
        return new ShipmentId(UUID.nameUUIDFromBytes(("shipment:" + orderId).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
