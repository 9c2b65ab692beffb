package io.orderflow.bench.probe;

import io.orderflow.bench.observe.KafkaTerminalObserver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Counts the records written to the event topic: the sum over its partitions of the end offsets.
 * The difference between two readings is the number of records produced in between (transaction
 * markers included, when the application produces transactionally).
 */
public final class KafkaOffsetProbe implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<TopicPartition> partitions;

    /**
     * @param bootstrapServers the Kafka cluster
     * @param topic            the event topic
     * @param topicWait        how long to wait for the topic to exist
     */
    public KafkaOffsetProbe(String bootstrapServers, String topic, Duration topicWait) {
        Properties properties = KafkaTerminalObserver.consumerProperties(bootstrapServers, "orderflow-bench-offsets");
        // The high watermark, not the last stable offset: every record written counts.
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        this.consumer = new KafkaConsumer<>(properties);
        try {
            this.partitions = KafkaTerminalObserver.partitions(consumer, topic, topicWait);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    /** The sum of the end offsets of every partition now. */
    public long endOffsetSum() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
        return ends.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Number of partitions of the topic. */
    public int partitionCount() {
        return partitions.size();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
