package io.orderflow.ui.api.order;

import io.orderflow.api.order.CustomerId;
import io.orderflow.api.order.OrderId;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The client's {@code Idempotency-Key} of an order request: 1 to 128 visible ASCII characters. The order
 * id is derived from it and the customer id, so one key of one customer can never create two orders.
 */
public record IdempotencyKey(String value) {

    private static final Pattern FORMAT = Pattern.compile("[\\x21-\\x7E]{1,128}");

    /**
     * Creates a key.
     *
     * @throws IllegalArgumentException if the value is not 1 to 128 visible ASCII characters
     */
    public IdempotencyKey {
        if (!isValid(value)) {
            throw new IllegalArgumentException("an idempotency key is 1 to 128 visible ASCII characters");
        }
    }

    /**
     * Whether a header value is a valid key.
     *
     * @param value the header value, may be {@code null}
     * @return {@code true} if it is 1 to 128 visible ASCII characters
     */
    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    /**
     * The order id this key stands for: a name-based UUID of {@code "order:" + customerId + ":" + key}.
     * Customer ids cannot contain {@code ':'}, so no two (customer, key) pairs share a name.
     *
     * @param customerId the customer placing the order
     * @return the same id for the same customer and key, every time
     */
    public OrderId orderIdFor(CustomerId customerId) {
        Objects.requireNonNull(customerId, "customerId");
        String name = "order:" + customerId.value() + ":" + value;
        return new OrderId(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    }
}
