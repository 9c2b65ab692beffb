package io.orderflow.api.order;

import java.util.Objects;

/** Identifies the customer who placed an order, as the client system knows them. */
public record CustomerId(String value) {

    public CustomerId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("customer id must not be blank");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
