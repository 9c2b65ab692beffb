package io.orderflow.ui.api.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.orderflow.api.order.CustomerId;
import io.orderflow.api.order.OrderId;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotencyKeyTest {

    @Test
    void derivesTheSameOrderIdForTheSameCustomerAndKey() {
        OrderId first = new IdempotencyKey("checkout-1").orderIdFor(new CustomerId("customer-42"));
        OrderId second = new IdempotencyKey("checkout-1").orderIdFor(new CustomerId("customer-42"));

        assertThat(first).isEqualTo(second);
        assertThat(first.value())
                .isEqualTo(UUID.nameUUIDFromBytes("order:customer-42:checkout-1".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void derivesDifferentOrderIdsForDifferentCustomersWithTheSameKey() {
        IdempotencyKey key = new IdempotencyKey("checkout-1");

        assertThat(key.orderIdFor(new CustomerId("alice"))).isNotEqualTo(key.orderIdFor(new CustomerId("bob")));
    }

    @Test
    void derivesDifferentOrderIdsForDifferentKeys() {
        CustomerId customer = new CustomerId("alice");

        assertThat(new IdempotencyKey("a").orderIdFor(customer))
                .isNotEqualTo(new IdempotencyKey("b").orderIdFor(customer));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "!~", "b7e1c9a0-checkout:1/2"})
    void acceptsVisibleAsciiKeys(String value) {
        assertThat(IdempotencyKey.isValid(value)).isTrue();
        assertThat(new IdempotencyKey(value).value()).isEqualTo(value);
    }

    @Test
    void acceptsKeysOfUpTo128Characters() {
        assertThat(IdempotencyKey.isValid("k".repeat(128))).isTrue();
        assertThat(IdempotencyKey.isValid("k".repeat(129))).isFalse();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "two words", "naïve", "line\nbreak", "\u007f"})
    void refusesKeysThatAreNotVisibleAscii(String value) {
        assertThat(IdempotencyKey.isValid(value)).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> new IdempotencyKey(value));
    }
}
