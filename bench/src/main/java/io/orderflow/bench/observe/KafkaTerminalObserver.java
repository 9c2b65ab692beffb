package io.orderflow.bench.observe;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Observes terminal order events on the application's event topic. It assigns itself every
 * partition (no consumer group, no rebalancing, no offset commits), seeks to the end before the run
 * starts, and stamps each record with {@link System#nanoTime()} the moment {@code poll} hands it
 * over. There is no polling interval: a fetch waits on the broker and returns as soon as a record
 * arrives, so the observation lags the publication by one network round trip at most.
 */
public final class KafkaTerminalObserver implements TerminalObserver {

    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);

    private final String bootstrapServers;
    private final String topic;
    private final OrderTracker tracker;
    private final TerminalEventParser parser;
    private final Duration topicWait;
    private final LongAdder recordsSeen = new LongAdder();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private KafkaConsumer<String, byte[]> consumer;
    private Thread pollThread;
    private volatile boolean running;

    /**
     * @param bootstrapServers the Kafka cluster the application publishes to
     * @param topic            the application's event topic
     * @param tracker          receives the observations
     * @param parser           recognises terminal events
     * @param topicWait        how long {@link #start()} waits for the topic to exist
     */
    public KafkaTerminalObserver(String bootstrapServers, String topic, OrderTracker tracker,
                                 TerminalEventParser parser, Duration topicWait) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.topicWait = Objects.requireNonNull(topicWait, "topicWait");
    }

    /** The consumer settings: no group, read committed, fetches answered as soon as one byte is there. */
    public static Properties consumerProperties(String bootstrapServers, String clientId) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "1");
        properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        return properties;
    }

    /**
     * The partitions of a topic, waiting up to {@code wait} for it to exist.
     *
     * @throws IllegalStateException when the topic does not appear in time
     */
    public static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        RuntimeException last = null;
        do {
            try {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream()
                            .map(info -> new TopicPartition(info.topic(), info.partition()))
                            .sorted((a, b) -> Integer.compare(a.partition(), b.partition()))
                            .collect(Collectors.toList());
                }
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                last = e;
            }
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        } while (System.nanoTime() - deadline < 0);
        throw new IllegalStateException("topic " + topic + " not found within " + wait + (last == null ? "" : ": " + last.getMessage()), last);
    }

    @Override
    public void start() {
        consumer = new KafkaConsumer<>(consumerProperties(bootstrapServers, "orderflow-bench-observer"));
        List<TopicPartition> partitions = partitions(consumer, topic, topicWait);
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // seekToEnd is lazy: resolve every position now, so no event of the run is skipped or replayed.
        partitions.forEach(partition -> consumer.position(partition, Duration.ofSeconds(30)));
        running = true;
        pollThread = new Thread(this::pollLoop, "kafka-terminal-observer");
        pollThread.setDaemon(true);
        pollThread.start();
    }

    private void pollLoop() {
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL_TIMEOUT);
                long observedNanos = System.nanoTime();
                for (ConsumerRecord<String, byte[]> record : records) {
                    recordsSeen.increment();
                    parser.parse(record.key(), record.headers(), record.value())
                            .ifPresent(observation -> tracker.observed(
                                    observation.orderId(), observation.outcome(), observedNanos));
                }
            }
        } catch (WakeupException e) {
            // close() was called
        } catch (RuntimeException e) {
            failure.set(e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Records read from the topic since the start, terminal or not. */
    public long recordsSeen() {
        return recordsSeen.sum();
    }

    /** What stopped the poll loop, if anything but {@link #close()} did. */
    public Throwable failure() {
        return failure.get();
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public void close() {
        running = false;
        if (consumer != null && pollThread != null) {
            consumer.wakeup();
            try {
                pollThread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else if (consumer != null) {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
