package io.orderflow.bridge.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProjectionCountersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ProjectionCounters counters = new ProjectionCounters(registry);

    @Test
    void readsDeadLettersPerConsumerGroupAndDuplicatesPerReadModel() {
        Counter.builder("orderflow.projections.dead.letters").tag("group", "orderflow.projections.order-view")
                .register(registry).increment(2);
        Counter.builder("orderflow.projections.dead.letters").tag("group", "orderflow.projections.product-stock")
                .register(registry);
        Counter.builder("orderflow.projections.duplicates.skipped").tag("processor", "order-view")
                .register(registry).increment(5);

        assertThat(counters.deadLetters()).isEqualTo(Map.of(
                "orderflow.projections.order-view", 2L, "orderflow.projections.product-stock", 0L));
        assertThat(counters.duplicatesSkipped()).isEqualTo(Map.of("order-view", 5L));
    }

    @Test
    void reportsNothingWhileTheReadModelsHaveNotRegisteredTheirCounters() {
        assertThat(counters.deadLetters()).isEmpty();
        assertThat(counters.duplicatesSkipped()).isEmpty();
    }
}
