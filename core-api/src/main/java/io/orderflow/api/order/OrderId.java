package io.orderflow.api.order;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies an order. {@link #toString()} is the bare UUID: it is the aggregate identifier in the
 * event store, the Kafka record key and the saga association value.
 */
public record OrderId(UUID value) {

    public OrderId {
        Objects.requireNonNull(value, "value");
    }

    public static OrderId random() {
        return new OrderId(UUID.randomUUID());
    }

    public static OrderId of(String value) {
        return new OrderId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
