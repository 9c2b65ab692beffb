package io.orderflow.projections.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.mock.MockProducerFactory;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * The error handler of a read model's container with small Kafka fakes: which failures are retried,
 * when a record goes to the dead-letter topic, and what the dead letter carries.
 */
class ReadModelErrorHandlingTest {

    private static final String TOPIC = "orderflow.events";
    private static final String DEAD_LETTERS = "orderflow.events.orderflow.projections.order-view.DLT";
    private static final String GROUP = "orderflow.projections.order-view";

    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
    private final MockProducer<String, byte[]> producer = new MockProducer<>(
            new Cluster("test", List.of(), deadLetterPartitions(), Set.of(), Set.of()),
            true, null, new StringSerializer(), new ByteArraySerializer());
    private final Counter deadLetterCount = Counter.builder("dead.letters").register(new SimpleMeterRegistry());
    private final KafkaMessageListenerContainer<String, byte[]> container =
            new KafkaMessageListenerContainer<>(new DefaultKafkaConsumerFactory<>(Map.of()), new ContainerProperties(TOPIC));
    private DefaultErrorHandler errorHandler;

    @BeforeEach
    void wire() {
        consumer.assign(List.of(new TopicPartition(TOPIC, 3)));
        consumer.updatePartitions(DEAD_LETTERS, deadLetterPartitions());
        errorHandler = ReadModelErrorHandling.errorHandler(
                ReadModelErrorHandling.deadLetterRecoverer(new KafkaTemplate<>(new MockProducerFactory<>(() -> producer)),
                        DEAD_LETTERS, Duration.ofSeconds(5), deadLetterCount),
                new KafkaFeedProperties.Retry(2, Duration.ofMillis(1), 1.0, Duration.ofMillis(1)));
    }

    @Test
    void unreadableRecordGoesToTheDeadLetterTopicOnItsFirstFailure() {
        ConsumerRecord<String, byte[]> record = record(7);

        errorHandler.handleRemaining(failed(new UnreadableEventException("no axon-message-type")), List.of(record), consumer, container);

        assertThat(producer.history()).singleElement().satisfies(letter -> {
            assertThat(letter.topic()).isEqualTo(DEAD_LETTERS);
            assertThat(letter.partition()).isEqualTo(3);
            assertThat(letter.key()).isEqualTo("order-1");
            assertThat(letter.value()).isEqualTo(record.value());
            assertThat(header(letter, "event-id")).isEqualTo("event-7");
            assertThat(header(letter, "orderflow-dlt-exception-fqcn")).isEqualTo(UnreadableEventException.class.getName());
            assertThat(header(letter, "orderflow-dlt-exception-message")).isEqualTo("no axon-message-type");
            assertThat(header(letter, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(TOPIC);
            assertThat(header(letter, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP)).isEqualTo(GROUP);
        });
        assertThat(deadLetterCount.count()).isEqualTo(1);
    }

    @Test
    void malformedPayloadIsNotRetriedEither() {
        errorHandler.handleRemaining(failed(new IllegalArgumentException("eventId must not be blank")), List.of(record(8)),
                consumer, container);

        assertThat(producer.history()).hasSize(1);
    }

    @Test
    void failingUpdateIsRetriedAndDeadLetteredOnlyWhenTheRetriesAreUsedUp() {
        ConsumerRecord<String, byte[]> record = record(9);
        ListenerExecutionFailedException failure = failed(new IllegalStateException("database unavailable"));

        for (int attempt = 1; attempt <= 2; attempt++) {
            assertThatThrownBy(() -> errorHandler.handleRemaining(failure, List.of(record), consumer, container))
                    .as("attempt %d is retried", attempt)
                    .hasCause(failure);
            assertThat(consumer.position(new TopicPartition(TOPIC, 3))).as("seeks back to the failed record").isEqualTo(9);
            assertThat(producer.history()).isEmpty();
        }
        errorHandler.handleRemaining(failure, List.of(record), consumer, container);

        assertThat(producer.history()).singleElement()
                .satisfies(letter -> assertThat(header(letter, "orderflow-dlt-exception-message")).isEqualTo("database unavailable"));
        assertThat(deadLetterCount.count()).isEqualTo(1);
    }

    private static List<PartitionInfo> deadLetterPartitions() {
        return IntStream.range(0, 6).mapToObj(partition -> new PartitionInfo(DEAD_LETTERS, partition, null, null, null)).toList();
    }

    private static ListenerExecutionFailedException failed(Exception cause) {
        return new ListenerExecutionFailedException("Listener failed", GROUP, cause);
    }

    private static ConsumerRecord<String, byte[]> record(long offset) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("event-id", ("event-" + offset).getBytes(StandardCharsets.UTF_8));
        return new ConsumerRecord<>(TOPIC, 3, offset, 0L, TimestampType.CREATE_TIME, -1, -1, "order-1",
                "{}".getBytes(StandardCharsets.UTF_8), headers, Optional.empty());
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        return EventHeaders.string(record.headers(), name);
    }
}
