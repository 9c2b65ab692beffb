package io.orderflow.projections.kafka;

import jakarta.persistence.PersistenceException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Lists and replays the dead letters of the read models' Kafka feed. Each read model's consumer group
 * has its own dead-letter topic, {@code <events topic>.<group>.DLT}.
 *
 * <p>A replay re-publishes the dead letter's original key, value and headers (without the
 * {@code kafka_dlt-*} and {@code orderflow-dlt-*} headers of the failure, with {@code orderflow-replayed-from: <topic>/<partition>/<offset>}) to
 * the event topic. The key puts it on the partition of its order again. Every consumer group of the
 * topic sees the replay; a read model that applied the event before skips it by its event id, so a
 * replay is harmless wherever it is not needed. Each dead letter is replayed at most once: the replay
 * is recorded in {@code replayed_dead_letter} in the same database transaction that waits for the
 * broker's acknowledgement. If the cause is not fixed, the replayed record fails again and becomes a
 * new dead letter, which can be replayed later.
 *
 * <p>Reads use a short-lived consumer outside every consumer group, so listing never disturbs the
 * feed. Methods block for at most the configured read and send timeouts per Kafka call and throw
 * {@link DeadLetterReplayException} when Kafka does not answer.
 */
public class DeadLetterReplay {

    /** The most dead letters one {@link #list} returns. */
    public static final int MAX_LIST_LIMIT = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterReplay.class);

    private final EventsTopic topic;
    private final List<String> groupIds;
    private final DeadLetterTopicReader reader;
    private final KafkaOperations<String, byte[]> producer;
    private final ReplayedDeadLetters replayed;
    private final TransactionTemplate transaction;
    private final Duration sendTimeout;
    private final Clock clock;

    DeadLetterReplay(EventsTopic topic, List<String> groupIds, DeadLetterTopicReader reader,
            KafkaOperations<String, byte[]> producer, ReplayedDeadLetters replayed, TransactionTemplate transaction,
            Duration sendTimeout, Clock clock) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.groupIds = List.copyOf(groupIds);
        this.reader = Objects.requireNonNull(reader, "reader");
        this.producer = Objects.requireNonNull(producer, "producer");
        this.replayed = Objects.requireNonNull(replayed, "replayed");
        this.transaction = Objects.requireNonNull(transaction, "transaction");
        this.sendTimeout = Objects.requireNonNull(sendTimeout, "sendTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The consumer groups of the read models, whose dead letters this service handles. */
    public List<String> groupIds() {
        return groupIds;
    }

    /**
     * The dead-letter topic of a consumer group.
     *
     * @throws IllegalArgumentException if the group is not one of {@link #groupIds()}
     */
    public String deadLetterTopic(String groupId) {
        requireKnown(groupId);
        return topic.deadLetterTopic(groupId);
    }

    /**
     * The most recent dead letters of a consumer group, oldest first, replayed ones included (and
     * marked).
     *
     * @param groupId the consumer group, one of {@link #groupIds()}
     * @param limit   how many at most; kept between 1 and {@value #MAX_LIST_LIMIT}
     * @throws IllegalArgumentException   if the group is unknown
     * @throws DeadLetterReplayException if the topic cannot be read in time
     */
    public List<DeadLetter> list(String groupId, int limit) {
        String deadLetterTopic = deadLetterTopic(groupId);
        List<ConsumerRecord<String, byte[]>> records =
                reader.latest(deadLetterTopic, Math.max(1, Math.min(limit, MAX_LIST_LIMIT)));
        Map<Integer, Set<Long>> replayedOffsets = replayedOffsets(deadLetterTopic, records);
        return records.stream()
                .map(record -> toDeadLetter(groupId, record,
                        replayedOffsets.getOrDefault(record.partition(), Set.of()).contains(record.offset())))
                .toList();
    }

    /**
     * Replays one dead letter, unless it was replayed before.
     *
     * @param groupId   the consumer group, one of {@link #groupIds()}
     * @param partition the dead letter's partition on the dead-letter topic
     * @param offset    its offset there
     * @return replayed now, replayed before, or not found
     * @throws IllegalArgumentException   if the group is unknown
     * @throws DeadLetterReplayException if Kafka does not answer in time; nothing is recorded then
     */
    public ReplayResult replay(String groupId, int partition, long offset) {
        String deadLetterTopic = deadLetterTopic(groupId);
        Optional<ReplayedDeadLetterEntity> before = transaction.execute(status -> replayed.find(deadLetterTopic, partition, offset));
        if (before.isPresent()) {
            return alreadyReplayed(groupId, before.get());
        }
        return reader.at(deadLetterTopic, partition, offset)
                .map(record -> replay(groupId, record))
                .orElseGet(() -> new ReplayResult(groupId, partition, offset, ReplayResult.Outcome.NOT_FOUND, null, null, null));
    }

    /**
     * Replays every dead letter of a consumer group that was not replayed before, in partition and
     * offset order. Dead letters written while this runs (a replay that fails again) are left for later.
     *
     * @param groupId the consumer group, one of {@link #groupIds()}
     * @return one result per dead letter replayed now
     * @throws IllegalArgumentException   if the group is unknown
     * @throws DeadLetterReplayException if Kafka does not answer in time; what was replayed until then stays replayed
     */
    public List<ReplayResult> replayAll(String groupId) {
        String deadLetterTopic = deadLetterTopic(groupId);
        List<ReplayResult> results = new ArrayList<>();
        reader.forEach(deadLetterTopic, record -> {
            ReplayResult result = replay(groupId, record);
            if (result.outcome() == ReplayResult.Outcome.REPLAYED) {
                results.add(result);
            }
            return true;
        });
        LOG.info("Replayed {} dead letters of {} from {}", results.size(), groupId, deadLetterTopic);
        return results;
    }

    private ReplayResult replay(String groupId, ConsumerRecord<String, byte[]> deadLetter) {
        String eventId = eventId(deadLetter);
        try {
            return transaction.execute(status -> {
                Optional<ReplayedDeadLetterEntity> before =
                        replayed.find(deadLetter.topic(), deadLetter.partition(), deadLetter.offset());
                if (before.isPresent()) {
                    return alreadyReplayed(groupId, before.get());
                }
                ReplayedDeadLetterEntity replay = new ReplayedDeadLetterEntity(deadLetter.topic(), deadLetter.partition(),
                        deadLetter.offset(), groupId, eventId, topic.name(), clock.instant());
                replayed.claim(replay);
                RecordMetadata sent = send(deadLetter);
                replay.sentTo(sent.partition(), sent.offset());
                LOG.info("Dead letter {}-{}@{} (event {}) replayed to {}-{}@{}", deadLetter.topic(), deadLetter.partition(),
                        deadLetter.offset(), eventId, sent.topic(), sent.partition(), sent.offset());
                return new ReplayResult(groupId, deadLetter.partition(), deadLetter.offset(), ReplayResult.Outcome.REPLAYED,
                        eventId, sent.partition(), sent.offset());
            });
        } catch (DataIntegrityViolationException | PersistenceException concurrentReplay) {
            // another replay of the same dead letter committed first (or the database failed: then rethrown)
            return transaction.execute(status -> replayed.find(deadLetter.topic(), deadLetter.partition(), deadLetter.offset()))
                    .map(replay -> alreadyReplayed(groupId, replay))
                    .orElseThrow(() -> concurrentReplay);
        }
    }

    private RecordMetadata send(ConsumerRecord<String, byte[]> deadLetter) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : deadLetter.headers()) {
            if (!header.key().startsWith(EventHeaders.DEAD_LETTER_PREFIX)
                    && !header.key().startsWith(EventHeaders.FEED_DEAD_LETTER_PREFIX)
                    && !header.key().equals(EventHeaders.REPLAYED_FROM)) {
                headers.add(header);
            }
        }
        headers.add(EventHeaders.REPLAYED_FROM, (deadLetter.topic() + "/" + deadLetter.partition() + "/" + deadLetter.offset())
                .getBytes(StandardCharsets.UTF_8));
        ProducerRecord<String, byte[]> replay =
                new ProducerRecord<>(topic.name(), null, deadLetter.key(), deadLetter.value(), headers);
        try {
            return producer.send(replay).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS).getRecordMetadata();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadLetterReplayException("Interrupted while replaying " + deadLetter.topic() + "-"
                    + deadLetter.partition() + "@" + deadLetter.offset(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new DeadLetterReplayException("Replaying " + deadLetter.topic() + "-" + deadLetter.partition() + "@"
                    + deadLetter.offset() + " to " + topic.name() + " failed: " + e.getMessage(), e);
        }
    }

    private Map<Integer, Set<Long>> replayedOffsets(String deadLetterTopic, List<ConsumerRecord<String, byte[]>> records) {
        Map<Integer, List<Long>> offsetsByPartition = records.stream().collect(Collectors.groupingBy(
                ConsumerRecord::partition, Collectors.mapping(ConsumerRecord::offset, Collectors.toList())));
        return transaction.execute(status -> {
            Map<Integer, Set<Long>> result = new HashMap<>();
            offsetsByPartition.forEach((partition, offsets) -> result.put(partition, new HashSet<>(replayed.replayedOffsets(
                    deadLetterTopic, partition, offsets.stream().min(Comparator.naturalOrder()).orElseThrow(),
                    offsets.stream().max(Comparator.naturalOrder()).orElseThrow()))));
            return result;
        });
    }

    private static DeadLetter toDeadLetter(String groupId, ConsumerRecord<String, byte[]> record, boolean replayed) {
        var headers = record.headers();
        return new DeadLetter(
                groupId,
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                eventId(record),
                eventType(record),
                occurredAt(record),
                Instant.ofEpochMilli(record.timestamp()),
                EventHeaders.string(headers, KafkaHeaders.DLT_ORIGINAL_TOPIC),
                EventHeaders.intValue(headers, KafkaHeaders.DLT_ORIGINAL_PARTITION),
                longOrNull(record, KafkaHeaders.DLT_ORIGINAL_OFFSET),
                firstNonNull(EventHeaders.string(headers, EventHeaders.DLT_FAILURE_CLASS),
                        EventHeaders.string(headers, KafkaHeaders.DLT_EXCEPTION_FQCN)),
                firstNonNull(EventHeaders.string(headers, EventHeaders.DLT_FAILURE_MESSAGE),
                        EventHeaders.string(headers, KafkaHeaders.DLT_EXCEPTION_MESSAGE)),
                replayed);
    }

    private static String eventId(ConsumerRecord<String, byte[]> record) {
        String eventId = EventHeaders.string(record.headers(), EventHeaders.EVENT_ID);
        return eventId != null ? eventId : EventHeaders.string(record.headers(), EventHeaders.AXON_MESSAGE_ID);
    }

    private static String eventType(ConsumerRecord<String, byte[]> record) {
        String eventType = EventHeaders.string(record.headers(), EventHeaders.EVENT_TYPE);
        if (eventType != null) {
            return eventType;
        }
        String className = EventHeaders.string(record.headers(), EventHeaders.AXON_MESSAGE_TYPE);
        return className == null ? null : className.substring(className.lastIndexOf('.') + 1);
    }

    private static Instant occurredAt(ConsumerRecord<String, byte[]> record) {
        String text = EventHeaders.string(record.headers(), EventHeaders.OCCURRED_AT);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException malformed) {
            return null;
        }
    }

    private static Long longOrNull(ConsumerRecord<String, byte[]> record, String header) {
        try {
            return EventHeaders.longValue(record.headers(), header);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    private static String firstNonNull(String first, String second) {
        return first != null ? first : second;
    }

    private static ReplayResult alreadyReplayed(String groupId, ReplayedDeadLetterEntity replay) {
        return new ReplayResult(groupId, replay.partition(), replay.offset(), ReplayResult.Outcome.ALREADY_REPLAYED,
                replay.eventId(), replay.targetPartition(), replay.targetOffset());
    }

    private void requireKnown(String groupId) {
        if (!groupIds.contains(groupId)) {
            throw new IllegalArgumentException("Unknown consumer group " + groupId + "; the read models' groups are " + groupIds);
        }
    }
}
