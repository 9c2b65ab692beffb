package io.orderflow.bridge.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.orderflow.bridge.TopicRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InProcessKafkaBrokerIT {

    private static final String TOPIC = "broker-it";

    @TempDir
    Path logDir;

    @Test
    void servesProducersAndConsumers() throws Exception {
        try (InProcessKafkaBroker broker = new InProcessKafkaBroker(logDir, 0, 0, Map.of())) {
            broker.start();

            createTopic(broker, TOPIC);
            produce(broker, TOPIC, "order-1", "placed");

            assertThat(broker.isRunning()).isTrue();
            assertThat(broker.clusterId()).isNotBlank();
            try (TopicRecords records = new TopicRecords(broker.bootstrapServers(), TOPIC)) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(values(records.poll())).containsExactly("order-1=placed"));
            }
        }
    }

    @Test
    void keepsClusterTopicsAndRecordsWhenStartedAgainOnTheSameLogDirectory() throws Exception {
        String clusterId;
        try (InProcessKafkaBroker firstRun = new InProcessKafkaBroker(logDir, 0, 0, Map.of())) {
            firstRun.start();
            clusterId = firstRun.clusterId();
            createTopic(firstRun, TOPIC);
            produce(firstRun, TOPIC, "order-1", "placed");
        }

        // A later run of the application: another broker object, other ports, the same directory.
        try (InProcessKafkaBroker secondRun = new InProcessKafkaBroker(logDir, 0, 0, Map.of())) {
            secondRun.start();
            produce(secondRun, TOPIC, "order-1", "completed");

            assertThat(secondRun.clusterId()).isEqualTo(clusterId);
            try (TopicRecords records = new TopicRecords(secondRun.bootstrapServers(), TOPIC)) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(values(records.poll())).containsExactly("order-1=placed", "order-1=completed"));
            }
        }
    }

    @Test
    void comesBackOnTheSameAddressAfterAStop() throws Exception {
        try (InProcessKafkaBroker broker = new InProcessKafkaBroker(logDir, 0, 0, Map.of())) {
            broker.start();
            String address = broker.bootstrapServers();
            createTopic(broker, TOPIC);

            broker.stop();
            assertThat(broker.isRunning()).isFalse();
            broker.start();
            produce(broker, TOPIC, "order-2", "placed");

            assertThat(broker.bootstrapServers()).isEqualTo(address);
            try (TopicRecords records = new TopicRecords(address, TOPIC)) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(values(records.poll())).containsExactly("order-2=placed"));
            }
        }
    }

    @Test
    void refusesToStartOnADirectoryAnotherBrokerIsUsing() {
        try (InProcessKafkaBroker running = new InProcessKafkaBroker(logDir, 0, 0, Map.of());
             InProcessKafkaBroker intruder = new InProcessKafkaBroker(logDir, 0, 0, Map.of())) {
            running.start();

            assertThatThrownBy(intruder::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(logDir.toAbsolutePath().toString());
            assertThat(intruder.isRunning()).isFalse();
            assertThat(running.isRunning()).isTrue();
        }
    }

    private static void createTopic(InProcessKafkaBroker broker, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static void produce(InProcessKafkaBroker broker, String topic, String key, String value) throws Exception {
        Map<String, Object> configuration = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(configuration, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8)))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> values(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream()
                .map(record -> record.key() + "=" + new String(record.value(), StandardCharsets.UTF_8))
                .toList();
    }
}
