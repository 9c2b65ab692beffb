package io.orderflow.bridge.publishing;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.producer.Producer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.extensions.kafka.eventhandling.producer.TopicResolver;
import org.axonframework.messaging.EventPublicationFailedException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * The extension's {@link KafkaPublisher}, but with {@link AckWait#BATCH} it waits for the broker once
 * per batch of the publishing processor instead of once per event.
 *
 * <p>The extension (4.9.0) sends each event and blocks until that record is acknowledged before the
 * next event is handled: one broker round trip per event on the processor's only thread, and one
 * produce request per record for the broker. Here every event of the processor's batch is handed to
 * the producer without waiting (the producer batches records that are in flight together), and the
 * acknowledgements are awaited, {@code ackTimeout} for all together, once the batch's last event was
 * handled; for any other unit of work, at the latest when it prepares to commit. Either way this is
 * before the batch's transaction commits and the processor's token moves: a refused or missing
 * acknowledgement throws {@link EventPublicationFailedException}, the batch rolls back and is
 * published again (at least once, as before; consumers de-duplicate on the {@code event-id} header).
 *
 * <p>Order per key holds: the processor hands the events of one key to the producer in event store
 * order from one thread, and the producer is idempotent with {@code acks=all} and at most 5 requests
 * in flight ({@link KafkaPublishingConfiguration}), so the records of a partition stay in send order
 * even when a request is retried.
 *
 * <p>The extension's {@code KafkaEventPublisher} hands it every event of the processor's batch, so it
 * sees the batch's last event even when the order-change feed shares the processor (and the producer);
 * the two wait for their own records, each under its own key of {@link PendingAcknowledgements}.
 *
 * <p>With {@link AckWait#RECORD}, or outside a unit of work, the extension's own per-event behaviour
 * applies unchanged. The producer factory must not be transactional (it is {@code WAIT_FOR_ACK}).
 *
 * @param <K> the record key type
 * @param <V> the record value type
 */
public class BatchAcknowledgingKafkaPublisher<K, V> extends KafkaPublisher<K, V> {

    private final ProducerFactory<K, V> producerFactory;
    private final KafkaMessageConverter<K, V> messageConverter;
    private final TopicResolver topicResolver;
    private final Duration ackTimeout;
    private final AckWait ackWait;
    private final String batchResource = BatchAcknowledgingKafkaPublisher.class.getName() + "@"
            + Integer.toHexString(System.identityHashCode(this)) + "/acknowledgements";

    /**
     * @param producerFactory  the (non-transactional) producer factory
     * @param messageConverter turns an event into a record
     * @param topicResolver    the topic of an event
     * @param ackTimeout       how long to wait for the acknowledgements of a batch (or of one record)
     * @param ackWait          when to wait
     */
    public BatchAcknowledgingKafkaPublisher(ProducerFactory<K, V> producerFactory,
                                            KafkaMessageConverter<K, V> messageConverter,
                                            TopicResolver topicResolver, Duration ackTimeout, AckWait ackWait) {
        super(KafkaPublisher.<K, V>builder().producerFactory(producerFactory).messageConverter(messageConverter)
                .topicResolver(topicResolver).publisherAckTimeout(ackTimeout.toMillis()));
        this.producerFactory = producerFactory;
        this.messageConverter = messageConverter;
        this.topicResolver = topicResolver;
        this.ackTimeout = Objects.requireNonNull(ackTimeout, "ackTimeout");
        this.ackWait = Objects.requireNonNull(ackWait, "ackWait");
        if (producerFactory.confirmationMode().isTransactional()) {
            throw new IllegalArgumentException("a transactional producer factory publishes per event; use WAIT_FOR_ACK");
        }
    }

    @Override
    public <T extends EventMessage<?>> void send(T event) {
        if (ackWait == AckWait.RECORD || !CurrentUnitOfWork.isStarted()) {
            super.send(event);
            return;
        }
        Optional<String> topic = topicResolver.resolve(event);
        if (topic.isEmpty()) {
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        Producer<K, V> producer = producerFactory.createProducer();
        PendingAcknowledgements.of(unitOfWork, batchResource, ackTimeout)
                .add(producer.send(messageConverter.createKafkaMessage(event, topic.get())), failure(event));
        PendingAcknowledgements.awaitAtEndOfBatch(unitOfWork, batchResource);
    }

    private PendingAcknowledgements.Failure failure(EventMessage<?> event) {
        return (outcome, cause) -> {
            String what = switch (outcome) {
                case REFUSED -> "refused: " + cause.getMessage();
                case TIMED_OUT -> "not acknowledged within " + ackTimeout;
                case INTERRUPTED -> "interrupted while waiting for the acknowledgement";
            };
            return new EventPublicationFailedException("Event " + event.getIdentifier() + " ("
                    + event.getPayloadType().getSimpleName() + ") was " + what
                    + "; the batch is rolled back and published again", cause);
        };
    }
}
