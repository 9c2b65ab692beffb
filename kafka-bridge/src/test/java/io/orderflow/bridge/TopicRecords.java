package io.orderflow.bridge;

import io.orderflow.bridge.publishing.EnvelopeHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads every record of a topic from the beginning, without a consumer group, accumulating what it
 * has seen. Meant to be polled from an Awaitility condition.
 */
public final class TopicRecords implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    /**
     * Assigns every partition of {@code topic} and rewinds them.
     *
     * @param bootstrapServers the broker
     * @param topic            an existing topic
     */
    public TopicRecords(String bootstrapServers, String topic) {
        Map<String, Object> configuration = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(configuration, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /**
     * Polls once and returns everything read so far, in the order read (per partition: offset order).
     */
    public List<ConsumerRecord<String, byte[]>> poll() {
        consumer.poll(Duration.ofMillis(250)).forEach(seen::add);
        return List.copyOf(seen);
    }

    /** Everything read so far with this key, in offset order. */
    public List<ConsumerRecord<String, byte[]>> withKey(String key) {
        return poll().stream().filter(record -> key.equals(record.key())).toList();
    }

    /**
     * The {@value EnvelopeHeaders#EVENT_ID} header of each record, in the order given. Delivery is at least
     * once, so a retried batch may repeat an id; consumers de-duplicate on it.
     */
    public static List<String> eventIds(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream()
                .map(record -> EnvelopeHeaders.read(record.headers(), EnvelopeHeaders.EVENT_ID).orElseThrow())
                .toList();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
