package io.orderflow.bridge.changes;

import io.orderflow.bridge.publishing.EnvelopeHeaders;
import io.orderflow.bridge.tracing.TraceMetadata;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;

/**
 * Writes one record to the order-change topic for every event of the {@code Order} aggregate: key =
 * order id, value = the {@link OrderChange} as JSON ({@link OrderChangeJson}).
 *
 * <p>{@code before} is folded from the order's earlier events, read from the event store
 * ({@code readEvents(orderId, 0)} up to the event's own sequence number), so the feed needs no table of
 * its own and is right after a replay; {@code after} is {@code before} plus the event.
 *
 * <p>Runs in the tracking processor {@value #PROCESSING_GROUP} (see {@link OrderChangesConfiguration}).
 * Each change is sent synchronously and the handler waits for the acknowledgement ({@code acks=all}); a
 * failed or unacknowledged send throws, the processor rolls the batch back without moving its token and
 * retries. A retried batch sends some changes again with the same content, which a compacted state
 * topic absorbs.
 */
@ProcessingGroup(OrderChangePublisher.PROCESSING_GROUP)
public class OrderChangePublisher {

    /** The processing group, and tracking processor, of the feed; its token lives in the token store. */
    public static final String PROCESSING_GROUP = "order-changes";

    private static final Logger log = LoggerFactory.getLogger(OrderChangePublisher.class);

    private final EventStore eventStore;
    private final KafkaOperations<String, byte[]> kafka;
    private final String topic;
    private final Duration ackTimeout;

    /**
     * Creates the publisher.
     *
     * @param eventStore the event store the earlier events of an order are read from
     * @param kafka      sends the change records (idempotent, {@code acks=all})
     * @param topic      the compacted order-change topic
     * @param ackTimeout how long to wait for the acknowledgement of one record
     */
    public OrderChangePublisher(EventStore eventStore, KafkaOperations<String, byte[]> kafka, String topic,
                                Duration ackTimeout) {
        this.eventStore = Objects.requireNonNull(eventStore, "eventStore");
        this.kafka = Objects.requireNonNull(kafka, "kafka");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.ackTimeout = Objects.requireNonNull(ackTimeout, "ackTimeout");
    }

    /** Every event of the {@code Order} aggregate ({@link OrderStateFolding#ORDER_EVENTS}) makes one change. */
    @EventHandler
    void on(DomainEventMessage<?> message) {
        if (OrderStateFolding.ORDER_EVENTS.contains(message.getPayloadType())) {
            publish(message);
        }
    }

    /**
     * Sends the change one order event makes and waits for the acknowledgement.
     *
     * @param event an event of the {@code Order} aggregate
     * @throws OrderChangePublicationException if the broker does not acknowledge the record in time
     */
    void publish(DomainEventMessage<?> event) {
        String orderId = event.getAggregateIdentifier();
        OrderChange change = OrderStateFolding.change(stateBefore(orderId, event.getSequenceNumber()), event);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, orderId, OrderChangeJson.write(change));
        headers(record.headers(), event);
        try {
            kafka.send(record).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrderChangePublicationException("Interrupted while publishing the change of order " + orderId, e);
        } catch (ExecutionException e) {
            throw new OrderChangePublicationException("Kafka refused the change of order " + orderId + " ("
                    + change.source().eventType() + ", version " + change.after().version() + "): "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new OrderChangePublicationException("Kafka did not acknowledge the change of order " + orderId
                    + " within " + ackTimeout, e);
        }
        log.debug("Published change {} of order {} to {} ({} -> {})", change.source().eventType(), orderId, topic,
                change.before() == null ? null : change.before().status(), change.after().status());
    }

    /** The order's state before the event with the given sequence number, folded from the event store. */
    private OrderState stateBefore(String orderId, long sequence) {
        if (sequence == 0) {
            return null;
        }
        return OrderStateFolding.fold(eventStore.readEvents(orderId, 0).asStream()
                .takeWhile(earlier -> earlier.getSequenceNumber() < sequence)
                .toList());
    }

    private static void headers(Headers headers, DomainEventMessage<?> event) {
        EnvelopeHeaders.write(headers, EnvelopeHeaders.EVENT_ID, event.getIdentifier());
        EnvelopeHeaders.write(headers, EnvelopeHeaders.EVENT_TYPE, event.getPayloadType().getSimpleName());
        EnvelopeHeaders.write(headers, EnvelopeHeaders.OCCURRED_AT, event.getTimestamp().toString());
        EnvelopeHeaders.write(headers, EnvelopeHeaders.CORRELATION_ID, TraceMetadata.correlationIdOf(event));
        EnvelopeHeaders.write(headers, EnvelopeHeaders.SOURCE, OrderChange.Source.SYSTEM + "/" + event.getType());
    }
}
