package io.orderflow.bridge.changes;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.api.order.OrderStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderStateCacheTest {

    @Test
    void answersOnlyForExactlyTheEventTheStateIsAfter() {
        OrderStateCache cache = new OrderStateCache(10);
        OrderState afterTwo = state("order-1", 2);

        cache.remember("order-1", 2, afterTwo);

        assertThat(cache.stateAfter("order-1", 2)).contains(afterTwo);
        assertThat(cache.stateAfter("order-1", 1)).as("before event 2 is not after event 2").isEmpty();
        assertThat(cache.stateAfter("order-1", 3)).isEmpty();
        assertThat(cache.stateAfter("order-2", 2)).isEmpty();
    }

    @Test
    void keepsOnlyTheLatestRememberedStateOfAnOrder() {
        OrderStateCache cache = new OrderStateCache(10);
        cache.remember("order-1", 4, state("order-1", 4));

        // A replay remembers an earlier state again: the later one is gone, and so cannot be misused.
        cache.remember("order-1", 1, state("order-1", 1));

        assertThat(cache.stateAfter("order-1", 1)).contains(state("order-1", 1));
        assertThat(cache.stateAfter("order-1", 4)).isEmpty();
        assertThat(cache.size()).isOne();
    }

    @Test
    void evictsTheLeastRecentlyUsedOrderBeyondItsSize() {
        OrderStateCache cache = new OrderStateCache(2);
        cache.remember("order-1", 0, state("order-1", 0));
        cache.remember("order-2", 0, state("order-2", 0));
        cache.stateAfter("order-1", 0);

        cache.remember("order-3", 0, state("order-3", 0));

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.stateAfter("order-1", 0)).isPresent();
        assertThat(cache.stateAfter("order-2", 0)).as("least recently used").isEmpty();
        assertThat(cache.stateAfter("order-3", 0)).isPresent();
    }

    @Test
    void keepsNothingWithSizeZero() {
        OrderStateCache cache = new OrderStateCache(0);

        cache.remember("order-1", 0, state("order-1", 0));

        assertThat(cache.enabled()).isFalse();
        assertThat(cache.size()).isZero();
        assertThat(cache.stateAfter("order-1", 0)).isEmpty();
    }

    private static OrderState state(String orderId, long version) {
        return new OrderState(orderId, "customer-42", OrderStatus.PENDING, null, null, List.of(),
                Instant.EPOCH, Instant.EPOCH.plusSeconds(version), version);
    }
}
