package io.orderflow.bridge.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.orderflow.api.inventory.ProductRegisteredEvent;
import io.orderflow.api.inventory.Sku;
import io.orderflow.api.operations.BackboneStatus;
import io.orderflow.api.operations.FindBackboneStatusQuery;
import io.orderflow.bridge.BridgeTestApplication;
import io.orderflow.bridge.broker.InProcessKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The backbone's visibility against a real broker: consumer lag per group and partition, publisher lag,
 * the read models' counters, Kafka health, and the status query that answers with all of them.
 */
@SpringBootTest(classes = BridgeTestApplication.class, properties = {
    "orderflow.kafka.embedded.log-dir=target/kafka-it/observability-${random.uuid}",
    "orderflow.kafka.embedded.port=0",
    "orderflow.kafka.embedded.controller-port=0",
    "orderflow.kafka.observability.consumer-lag-interval=300ms",
    "orderflow.kafka.observability.publisher-lag-cache=0s",
    "orderflow.kafka.publisher.delivery-timeout=3s",
    "orderflow.kafka.publisher.ack-timeout=5s"
})
@Import(BackboneObservabilityIT.Metrics.class)
class BackboneObservabilityIT {

    private static final String EVENTS = "orderflow.events";

    @Autowired
    private InProcessKafkaBroker broker;

    @Autowired
    private KafkaHealthIndicator kafkaHealth;

    @Autowired
    private MeterRegistry meterRegistry;

    @Autowired
    private QueryGateway queryGateway;

    @Autowired
    private EventStore eventStore;

    @AfterEach
    void brokerIsBack() {
        broker.start();
    }

    @Test
    void reportsKafkaUpWithTheClusterIdOfTheBroker() {
        Health health = kafkaHealth.health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("clusterId", broker.clusterId()).containsEntry("nodes", 1)
                .containsEntry("bootstrapServers", broker.bootstrapServers());
    }

    @Test
    void measuresTheLagOfEveryConsumerGroupOfTheEventTopicPerPartition() throws Exception {
        String group = "lag-probe-" + UUID.randomUUID();
        String key = "order-" + UUID.randomUUID();
        try (KafkaProducer<String, byte[]> producer = producer();
             KafkaConsumer<String, byte[]> consumer = consumer(group)) {
            List<TopicPartition> partitions = consumer.partitionsFor(EVENTS, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(EVENTS, info.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, OffsetAndMetadata> atStart = new HashMap<>();
            consumer.endOffsets(partitions).forEach((partition, end) -> atStart.put(partition, new OffsetAndMetadata(end)));
            consumer.commitSync(atStart);
            int partition = 0;
            for (int i = 0; i < 3; i++) {
                partition = producer.send(new ProducerRecord<>(EVENTS, key, "{}".getBytes(StandardCharsets.UTF_8)))
                        .get(30, TimeUnit.SECONDS).partition();
            }
            int written = partition;

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (TopicPartition topicPartition : partitions) {
                    assertThat(consumerLag(group, topicPartition.partition()))
                            .as("lag of partition %d", topicPartition.partition())
                            .isEqualTo(topicPartition.partition() == written ? 3.0 : 0.0);
                }
            });
            assertThat(status().consumerLag()).contains(new BackboneStatus.ConsumerLag(group, EVENTS, written, 3));

            Map<TopicPartition, OffsetAndMetadata> caughtUp = new HashMap<>();
            consumer.endOffsets(partitions).forEach((tp, end) -> caughtUp.put(tp, new OffsetAndMetadata(end)));
            consumer.commitSync(caughtUp);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(consumerLag(group, written)).isZero());
        }
    }

    @Test
    void answersTheStatusQueryWithTheReadModelsCountersAndNoPublisherLagOnceEverythingIsOnKafka() throws Exception {
        Counter.builder(ProjectionCounters.DEAD_LETTERS).tag("group", "orderflow.projections.order-view")
                .register(meterRegistry).increment(2);
        registerProduct();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(status().publisherLag()).isZero());
        BackboneStatus status = status();

        assertThat(status.kafkaStatus()).isEqualTo("UP");
        assertThat(status.deadLetters()).containsEntry("orderflow.projections.order-view", 2L);
        assertThat(status.duplicatesSkipped()).isEmpty();
        assertThat(publisherLagGauge()).isZero();
    }

    @Test
    void showsAKafkaOutageAsDownWithGrowingPublisherLagAndRecoversWhenKafkaIsBack() {
        registerProduct();
        await().atMost(Duration.ofSeconds(60)).until(() -> publisherLagGauge() == 0.0);

        broker.stop();
        registerProduct();
        registerProduct();
        registerProduct();

        assertThat(kafkaHealth.health().getStatus()).isEqualTo(Status.DOWN);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            BackboneStatus status = status();
            assertThat(status.kafkaStatus()).isEqualTo("DOWN");
            assertThat(status.publisherLag()).isEqualTo(3);
            assertThat(publisherLagGauge()).isEqualTo(3.0);
        });

        broker.start();

        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            BackboneStatus status = status();
            assertThat(status.kafkaStatus()).isEqualTo("UP");
            assertThat(status.publisherLag()).isZero();
        });
    }

    private void registerProduct() {
        Sku sku = new Sku("SKU-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase());
        eventStore.publish(new GenericDomainEventMessage<>("Product", sku.value(), 0,
                new ProductRegisteredEvent(sku, "Probe", 1)));
    }

    private BackboneStatus status() throws Exception {
        return queryGateway.query(new FindBackboneStatusQuery(), BackboneStatus.class).get(30, TimeUnit.SECONDS);
    }

    private double consumerLag(String group, int partition) {
        Gauge gauge = meterRegistry.find(ConsumerLagMonitor.METER)
                .tags("group", group, "topic", EVENTS, "partition", Integer.toString(partition)).gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    private double publisherLagGauge() {
        return meterRegistry.get(BackboneObservabilityConfiguration.PUBLISHER_LAG).gauge().value();
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }

    private KafkaConsumer<String, byte[]> consumer(String group) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** A meter registry, which the application gets from Spring Boot's actuator. */
    @TestConfiguration
    static class Metrics {

        @Bean
        SimpleMeterRegistry simpleMeterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}
