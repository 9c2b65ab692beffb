package io.orderflow.bridge.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.api.operations.BackboneStatus.ConsumerLag;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicOffsetsTest {

    private static final String TOPIC = "orderflow.events";

    @Test
    void lagIsTheEndOffsetMinusTheCommittedOffsetPerGroupAndPartition() {
        TopicOffsets offsets = new TopicOffsets(TOPIC, Map.of(0, 0L, 1, 0L), Map.of(0, 10L, 1, 4L), Map.of(
                "order-view", Map.of(0, 7L, 1, 4L),
                "product-stock", Map.of(0, 10L, 1, 1L)));

        assertThat(offsets.lags()).containsExactly(
                new ConsumerLag("order-view", TOPIC, 0, 3),
                new ConsumerLag("order-view", TOPIC, 1, 0),
                new ConsumerLag("product-stock", TOPIC, 0, 0),
                new ConsumerLag("product-stock", TOPIC, 1, 3));
    }

    @Test
    void countsAPartitionTheGroupHasNotCommittedOnFromTheStartOfThePartition() {
        TopicOffsets offsets = new TopicOffsets(TOPIC, Map.of(0, 0L, 1, 5L), Map.of(0, 10L, 1, 8L),
                Map.of("order-view", Map.of(0, 10L)));

        assertThat(offsets.lags()).containsExactly(
                new ConsumerLag("order-view", TOPIC, 0, 0),
                new ConsumerLag("order-view", TOPIC, 1, 3));
    }

    @Test
    void ignoresRecordsTheRetentionHasAlreadyRemoved() {
        TopicOffsets offsets = new TopicOffsets(TOPIC, Map.of(0, 90L), Map.of(0, 100L),
                Map.of("order-view", Map.of(0, 20L)));

        assertThat(offsets.lags()).containsExactly(new ConsumerLag("order-view", TOPIC, 0, 10));
    }

    @Test
    void hasNoLagWithoutConsumerGroups() {
        assertThat(new TopicOffsets(TOPIC, Map.of(0, 0L), Map.of(0, 100L), Map.of()).lags()).isEmpty();
    }
}
