package io.orderflow.bridge.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.bridge.KafkaBridgeProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.extensions.kafka.KafkaProperties;
import org.junit.jupiter.api.Test;

class KafkaPublishingConfigurationTest {

    private static final KafkaBridgeProperties.Publisher PUBLISHER =
            new KafkaBridgeProperties.Publisher(Duration.ofSeconds(35), Duration.ofSeconds(30), 16, AckWait.BATCH);

    @Test
    void producerWaitsForEveryReplicaAndIsIdempotentEvenWhenConfiguredOtherwise() {
        KafkaProperties axonKafka = new KafkaProperties();
        axonKafka.setBootstrapServers(List.of("kafka-1:9092"));
        axonKafka.getProducer().setAcks("1");
        axonKafka.getProducer().getProperties().put("enable.idempotence", "false");

        Map<String, Object> configuration = KafkaPublishingConfiguration.producerConfiguration(axonKafka, PUBLISHER);

        assertThat(configuration)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")
                .containsEntry(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class)
                .containsEntry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        assertThat(configuration.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG).toString()).contains("kafka-1:9092");
    }

    @Test
    void producerGivesUpOnARecordBeforeThePublisherStopsWaitingForIt() {
        Map<String, Object> configuration =
                KafkaPublishingConfiguration.producerConfiguration(new KafkaProperties(), PUBLISHER);

        assertThat(configuration)
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000)
                .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000)
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000L);
        assertThat((int) configuration.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG))
                .isLessThan((int) PUBLISHER.ackTimeout().toMillis());
    }

    @Test
    void keepsProducerTimeoutsTheOperatorChose() {
        KafkaProperties axonKafka = new KafkaProperties();
        axonKafka.getProducer().getProperties().put("delivery.timeout.ms", "60000");

        Map<String, Object> configuration = KafkaPublishingConfiguration.producerConfiguration(axonKafka, PUBLISHER);

        assertThat(configuration).containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
    }
}
