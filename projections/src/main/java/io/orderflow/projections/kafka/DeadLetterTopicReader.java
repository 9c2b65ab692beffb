package io.orderflow.projections.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * Reads a dead-letter topic with a short-lived consumer that belongs to no consumer group (it assigns
 * partitions itself and commits nothing), from given offsets up to the end the topic had when the
 * read began. A read fails with {@link DeadLetterReplayException} when Kafka does not answer a call,
 * or no record arrives, within the timeout.
 */
final class DeadLetterTopicReader {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Comparator<ConsumerRecord<String, byte[]>> BY_TIME = Comparator
            .<ConsumerRecord<String, byte[]>>comparingLong(ConsumerRecord::timestamp)
            .thenComparingInt(ConsumerRecord::partition)
            .thenComparingLong(ConsumerRecord::offset);

    private final ConsumerFactory<String, byte[]> consumerFactory;
    private final Duration timeout;
    private final AtomicLong clientSequence = new AtomicLong();

    DeadLetterTopicReader(ConsumerFactory<String, byte[]> consumerFactory, Duration timeout) {
        this.consumerFactory = consumerFactory;
        this.timeout = timeout;
    }

    /** The last {@code limit} records of the topic, by the time they were written, oldest first. */
    List<ConsumerRecord<String, byte[]>> latest(String topic, int limit) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        scan(topic, bounds -> start(bounds, range -> Math.max(range.begin(), range.end() - limit)), record -> {
            records.add(record);
            return true;
        });
        records.sort(BY_TIME);
        return records.size() <= limit ? records : List.copyOf(records.subList(records.size() - limit, records.size()));
    }

    /** The record at one offset, if the topic still holds it. */
    Optional<ConsumerRecord<String, byte[]>> at(String topic, int partition, long offset) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>(1);
        scan(topic, bounds -> {
            Range range = bounds.get(new TopicPartition(topic, partition));
            return range == null || offset < range.begin() || offset >= range.end()
                    ? Map.of()
                    : Map.of(new TopicPartition(topic, partition), offset);
        }, record -> {
            if (record.partition() == partition && record.offset() == offset) {
                found.add(record);
            }
            return false;
        });
        return found.stream().findFirst();
    }

    /** Every record of the topic, partition by partition, oldest first; the visitor returns {@code false} to stop. */
    void forEach(String topic, Predicate<ConsumerRecord<String, byte[]>> visitor) {
        scan(topic, bounds -> start(bounds, Range::begin), visitor);
    }

    private void scan(String topic, Function<Map<TopicPartition, Range>, Map<TopicPartition, Long>> startAt,
            Predicate<ConsumerRecord<String, byte[]>> visitor) {
        try (Consumer<String, byte[]> consumer = consumerFactory.createConsumer(
                null, "orderflow-projections-dead-letter-reader-", Long.toString(clientSequence.incrementAndGet()))) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
            if (partitions == null || partitions.isEmpty()) {
                return;
            }
            List<TopicPartition> all = partitions.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(all, timeout);
            Map<TopicPartition, Long> end = consumer.endOffsets(all, timeout);
            Map<TopicPartition, Range> bounds = new HashMap<>();
            all.forEach(partition -> bounds.put(partition, new Range(begin.get(partition), end.get(partition))));

            Map<TopicPartition, Long> start = new HashMap<>(startAt.apply(bounds));
            start.entrySet().removeIf(entry -> entry.getValue() >= bounds.get(entry.getKey()).end());
            if (start.isEmpty()) {
                return;
            }
            consumer.assign(start.keySet());
            start.forEach(consumer::seek);
            Set<TopicPartition> open = new HashSet<>(start.keySet());
            Instant deadline = Instant.now().plus(timeout);
            while (!open.isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new DeadLetterReplayException("Reading " + topic + ": no records for " + timeout, null);
                }
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                if (!records.isEmpty()) {
                    deadline = Instant.now().plus(timeout);
                }
                for (ConsumerRecord<String, byte[]> record : records) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (open.contains(partition) && record.offset() < bounds.get(partition).end() && !visitor.test(record)) {
                        return;
                    }
                }
                open.removeIf(partition -> consumer.position(partition, timeout) >= bounds.get(partition).end());
            }
        } catch (KafkaException e) {
            throw new DeadLetterReplayException("Reading " + topic + " failed: " + e.getMessage(), e);
        }
    }

    private static Map<TopicPartition, Long> start(Map<TopicPartition, Range> bounds,
            ToLongFunction<Range> from) {
        Map<TopicPartition, Long> start = new HashMap<>();
        bounds.forEach((partition, range) -> start.put(partition, from.applyAsLong(range)));
        return start;
    }

    /** The offsets a partition holds: {@code [begin, end)}. */
    private record Range(long begin, long end) {
    }
}
