package io.orderflow.bridge.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.ConfirmationMode;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.messaging.EventPublicationFailedException;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.junit.jupiter.api.Test;

/**
 * The publisher in Axon's {@link BatchingUnitOfWork}, as the publishing processor runs it, against
 * Kafka's own {@link MockProducer} whose acknowledgements the test gives (or withholds) one by one.
 */
class BatchAcknowledgingKafkaPublisherTest {

    private static final String TOPIC = "orderflow.events";
    private static final Duration ACK_TIMEOUT = Duration.ofMillis(300);

    /** Shared, like the extension's producer: closing it after a send (as the extension does) changes nothing. */
    private final MockProducer<String, String> producer =
            new MockProducer<>(false, new StringSerializer(), new StringSerializer()) {
                @Override
                public void close() {
                }
            };

    @Test
    void sendsEveryRecordOfTheBatchBeforeWaitingAndCommitsOnceAllAreAcknowledged() {
        List<EventMessage<?>> batch = events(3);
        CompletableFuture<Void> processing = CompletableFuture.runAsync(() -> process(publisher(AckWait.BATCH), batch));

        await().until(() -> producer.history().size() == 3);
        assertThat(processing).isNotDone();
        producer.completeNext();
        producer.completeNext();
        assertThat(processing).isNotDone();
        producer.completeNext();

        await().until(processing::isDone);
        assertThat(processing).isCompleted();
        assertThat(producer.history()).extracting(ProducerRecord::value)
                .containsExactly(payloadOf(batch.get(0)), payloadOf(batch.get(1)), payloadOf(batch.get(2)));
    }

    @Test
    void failsTheWholeBatchWhenOneRecordIsRefused() {
        CompletableFuture<Void> processing =
                CompletableFuture.runAsync(() -> process(publisher(AckWait.BATCH), events(3)));

        await().until(() -> producer.history().size() == 3);
        producer.completeNext();
        producer.errorNext(new NotEnoughReplicasException("1 of 3 replicas in sync"));
        producer.completeNext();

        await().until(processing::isDone);
        assertThat(processing).isCompletedExceptionally();
        assertThatThrownBy(processing::join).hasCauseInstanceOf(EventPublicationFailedException.class)
                .hasRootCauseInstanceOf(NotEnoughReplicasException.class)
                .hasMessageContaining("rolled back and published again");
    }

    @Test
    void failsTheBatchWhenAnAcknowledgementDoesNotComeInTime() {
        assertThatThrownBy(() -> process(publisher(AckWait.BATCH), events(2)))
                .isInstanceOf(EventPublicationFailedException.class)
                .hasMessageContaining("not acknowledged within PT0.3S");
        assertThat(producer.history()).hasSize(2);
    }

    @Test
    void waitsForEachRecordBeforeSendingTheNextWithAckWaitRecord() {
        CompletableFuture<Void> processing =
                CompletableFuture.runAsync(() -> process(publisher(AckWait.RECORD), events(2)));

        await().until(() -> producer.history().size() == 1);
        assertThat(processing).isNotDone();
        producer.completeNext();
        await().until(() -> producer.history().size() == 2);
        producer.completeNext();

        await().until(processing::isDone);
        assertThat(processing).isCompleted();
    }

    private BatchAcknowledgingKafkaPublisher<String, String> publisher(AckWait ackWait) {
        return new BatchAcknowledgingKafkaPublisher<>(new SharedProducer(), new PayloadConverter(),
                event -> Optional.of(TOPIC), ACK_TIMEOUT, ackWait);
    }

    /** Runs the batch as the processor does: the handler for each event, then commit (or rollback). */
    private static void process(BatchAcknowledgingKafkaPublisher<String, String> publisher, List<EventMessage<?>> batch) {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        var result = unitOfWork.executeWithResult(() -> {
            publisher.send((EventMessage<?>) CurrentUnitOfWork.get().getMessage());
            return null;
        });
        if (result.isExceptional()) {
            throw (RuntimeException) result.exceptionResult();
        }
    }

    private static List<EventMessage<?>> events(int count) {
        return IntStream.range(0, count)
                .<EventMessage<?>>mapToObj(i -> GenericEventMessage.asEventMessage("event-" + i))
                .toList();
    }

    private static String payloadOf(EventMessage<?> event) {
        return event.getPayload().toString();
    }

    /** A non-transactional factory handing out the one (shared) producer, as the extension's does. */
    private final class SharedProducer implements ProducerFactory<String, String> {

        @Override
        public Producer<String, String> createProducer() {
            return producer;
        }

        @Override
        public ConfirmationMode confirmationMode() {
            return ConfirmationMode.WAIT_FOR_ACK;
        }

        @Override
        public void shutDown() {
        }
    }

    /** Record value = the event's payload. */
    private static final class PayloadConverter implements KafkaMessageConverter<String, String> {

        @Override
        public ProducerRecord<String, String> createKafkaMessage(EventMessage<?> event, String topic) {
            return new ProducerRecord<>(topic, event.getIdentifier(), payloadOf(event));
        }

        @Override
        public Optional<EventMessage<?>> readKafkaMessage(ConsumerRecord<String, String> record) {
            return Optional.empty();
        }
    }
}
