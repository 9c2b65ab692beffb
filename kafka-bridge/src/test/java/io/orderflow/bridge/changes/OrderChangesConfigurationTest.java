package io.orderflow.bridge.changes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class OrderChangesConfigurationTest {

    private static final OrderChangesProperties CHANGES =
            new OrderChangesProperties(true, 16, Duration.ofSeconds(35), Duration.ofSeconds(30));

    @Test
    void producerWaitsForEveryReplicaAndIsIdempotentEvenWhenConfiguredOtherwise() {
        Map<String, Object> configuration = OrderChangesConfiguration.producerConfiguration(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka-1:9092",
                ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false",
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-"), CHANGES);

        assertThat(configuration)
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka-1:9092")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")
                .containsEntry(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class)
                .containsEntry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)
                .doesNotContainKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    }

    @Test
    void producerGivesUpOnAChangeBeforeTheFeedStopsWaitingForIt() {
        Map<String, Object> configuration = OrderChangesConfiguration.producerConfiguration(Map.of(), CHANGES);

        assertThat(configuration)
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000)
                .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000)
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000L);
    }
}
