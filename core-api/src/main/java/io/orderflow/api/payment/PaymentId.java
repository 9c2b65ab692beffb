package io.orderflow.api.payment;

import io.orderflow.api.order.OrderId;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifies the payment of one order. Derived from the order id, so it is also the idempotency key
 * sent to the payment provider: retries of the same order can never charge twice.
 */
public record PaymentId(UUID value) {

    public PaymentId {
        Objects.requireNonNull(value, "value");
    }

    public static PaymentId forOrder(OrderId orderId) {
        return new PaymentId(UUID.nameUUIDFromBytes(("payment:" + orderId).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
