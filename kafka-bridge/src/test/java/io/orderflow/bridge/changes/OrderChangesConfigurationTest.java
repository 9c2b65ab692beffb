package io.orderflow.bridge.changes;

import io.orderflow.bridge.publishing.AckWait;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class OrderChangesConfigurationTest {

    private static final OrderChangesProperties CHANGES =
            new OrderChangesProperties(true, 64, Duration.ofSeconds(35), Duration.ofSeconds(30),
                    AckWait.BATCH, 10_000, OrderChangesProperties.Processor.SHARED);

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

    @Test
    void batchesSixtyFourEventsWaitsForAcknowledgementsPerBatchAndCachesTenThousandOrdersByDefault() {
        OrderChangesProperties defaults = bind(Map.of());

        assertThat(defaults.batchSize()).isEqualTo(64);
        assertThat(defaults.ackWait()).isEqualTo(AckWait.BATCH);
        assertThat(defaults.stateCacheSize()).isEqualTo(10_000);
        assertThat(defaults.ackTimeout()).isGreaterThan(defaults.deliveryTimeout());
    }

    @Test
    void runsInsideThePublishersProcessorByDefault() {
        assertThat(bind(Map.of()).processor()).isEqualTo(OrderChangesProperties.Processor.SHARED);
    }

    @Test
    void bindsTheSettingsThatRestoreTheFirstBehaviour() {
        OrderChangesProperties first = bind(Map.of(
                "orderflow.kafka.changes.processor", "own",
                "orderflow.kafka.changes.batch-size", "16",
                "orderflow.kafka.changes.ack-wait", "record",
                "orderflow.kafka.changes.state-cache-size", "0"));

        assertThat(first.processor()).isEqualTo(OrderChangesProperties.Processor.OWN);
        assertThat(first.batchSize()).isEqualTo(16);
        assertThat(first.ackWait()).isEqualTo(AckWait.RECORD);
        assertThat(first.stateCacheSize()).isZero();
    }

    private static OrderChangesProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate(OrderChangesProperties.PREFIX, OrderChangesProperties.class);
    }
}
