package io.orderflow.bridge.changes;

import io.orderflow.bridge.publishing.AckWait;
import io.orderflow.bridge.publishing.EnvelopeHeaders;
import io.orderflow.bridge.publishing.PendingAcknowledgements;
import io.orderflow.bridge.tracing.TraceMetadata;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one record to the order-change topic for every event of the {@code Order} aggregate: key =
 * order id, value = the {@link OrderChange} as JSON ({@link OrderChangeJson}).
 *
 * <p><b>Where {@code before} comes from.</b> For event {@code n} of an order, in this order: the state
 * after event {@code n - 1} of the same order handled earlier in the same batch; else the
 * {@link OrderStateCache} entry for exactly {@code n - 1} (filled only after a batch committed);
 * else, as without a cache, folded from the order's earlier events in the event store
 * ({@code readEvents(orderId, 0)} up to the event's own sequence number). An order's events usually
 * arrive one after the other, so the event store is read only for an order's first event after a
 * start, an eviction or a replay, instead of once per event (which re-read the whole stream each time:
 * quadratic in the order's length). The feed needs no table of its own and is right after a replay:
 * a replayed event {@code n} finds an entry for a later event, not for {@code n - 1}, and is folded
 * (see {@link OrderStateCache} for why an exact-sequence lookup makes the cache safe against rolled-back
 * and redelivered batches). {@code after} is {@code before} plus the event. A state cache of size 0
 * switches both shortcuts off: every {@code before} is folded from the event store, as at first.
 *
 * <p><b>Acknowledgements.</b> Runs in the event publisher's tracking processor (processing group
 * {@value #PROCESSING_GROUP} assigned to it), or with {@code orderflow.kafka.changes.processor=own} in
 * its own processor {@value #PROCESSING_GROUP} (see {@link OrderChangesConfiguration}): one unit of work
 * (and database transaction, and token update) per batch. With {@link AckWait#BATCH}
 * ({@link PendingAcknowledgements}, the same mechanism as the event publisher's, under this handler's
 * own key) each record is handed to the producer without waiting, and the acknowledgements of all
 * records of the batch are awaited once, when the handler has handled the batch's last event. That is
 * before the unit of work commits, and also before it prepares to commit, where the processor stores
 * its token when it has no transaction to store it in (in-memory token store): waiting in
 * prepare-commit would come after that. The handler therefore takes <em>every</em> event, not only
 * domain events: a processor calls a handler only for the events it accepts, and in a processor shared
 * with the event publisher the batch's last event may be one this feed has no change for, so the
 * handler must still be called for it. The publisher waits for its own records the same way, under its
 * own key, when it handles the last event; whichever of the two handlers the processor calls last,
 * both have waited before prepare-commit. For any other unit of work, prepare-commit waits for what is
 * still pending. With {@link AckWait#RECORD} each send waits for its acknowledgement before the handler
 * returns. Either way a failed or unacknowledged send throws, the unit of work rolls back (with the
 * publisher's records of the same batch, which are sent again), the token does not move and the
 * processor retries the batch with back-off. Delivery is at least once: a retried batch sends some
 * changes again, with the same content, which the compacted topic absorbs.
 *
 * <p><b>Order per order.</b> The records of one order share a key, hence a partition, and are handed to
 * one producer from one thread in the order of the order's events. The producer (the publisher's, or the
 * feed's own) is idempotent with {@code acks=all} (enforced in {@code KafkaPublishingConfiguration} and
 * {@code OrderChangesConfiguration.producerConfiguration}) and Kafka's
 * default {@code max.in.flight.requests.per.connection=5}, the most an idempotent producer accepts:
 * its sequence numbers keep records of a partition in send order even when a request is retried, so
 * not waiting between the records of a batch does not reorder them. As before, the last record of
 * every order is its latest state; only a batch retried after a failure may repeat earlier versions
 * ({@code after.version}) before the latest.
 */
@ProcessingGroup(OrderChangePublisher.PROCESSING_GROUP)
public class OrderChangePublisher {

    /**
     * The processing group of the feed; also the name of its own tracking processor (and token) with
     * {@code orderflow.kafka.changes.processor=own}.
     */
    public static final String PROCESSING_GROUP = "order-changes";

    private static final Logger log = LoggerFactory.getLogger(OrderChangePublisher.class);

    private final EventStore eventStore;
    private final Sender kafka;
    private final String topic;
    private final Duration ackTimeout;
    private final AckWait ackWait;
    private final OrderStateCache stateCache;
    private final String batchResource = OrderChangePublisher.class.getName() + "@"
            + Integer.toHexString(System.identityHashCode(this)) + "/batch";
    private final String acknowledgementsResource = batchResource + "/acknowledgements";

    /**
     * Creates the publisher.
     *
     * @param eventStore     the event store the earlier events of an order are read from
     * @param kafka          sends the change records (an idempotent producer, {@code acks=all})
     * @param topic          the compacted order-change topic
     * @param ackTimeout     how long to wait for acknowledgements (per record, or per batch with
     *                       {@link AckWait#BATCH})
     * @param ackWait        when to wait for acknowledgements
     * @param stateCacheSize orders whose latest published state is kept; {@code 0} for none
     */
    public OrderChangePublisher(EventStore eventStore, Sender kafka, String topic,
                                Duration ackTimeout, AckWait ackWait, int stateCacheSize) {
        this.eventStore = Objects.requireNonNull(eventStore, "eventStore");
        this.kafka = Objects.requireNonNull(kafka, "kafka");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.ackTimeout = Objects.requireNonNull(ackTimeout, "ackTimeout");
        this.ackWait = Objects.requireNonNull(ackWait, "ackWait");
        this.stateCache = new OrderStateCache(stateCacheSize);
    }

    /**
     * Every event of the {@code Order} aggregate ({@link OrderStateFolding#ORDER_EVENTS}) makes one change.
     * Takes every event, so that it is called for the last event of every batch (see the class comment).
     */
    @EventHandler
    void on(EventMessage<?> message) {
        if (message instanceof DomainEventMessage<?> event
                && OrderStateFolding.ORDER_EVENTS.contains(event.getPayloadType())) {
            publish(event);
        }
        if (CurrentUnitOfWork.isStarted()) {
            PendingAcknowledgements.awaitAtEndOfBatch(CurrentUnitOfWork.get(), acknowledgementsResource);
        }
    }

    /**
     * Sends the change one order event makes. Inside a unit of work the acknowledgement is awaited as
     * {@link AckWait} says, at the latest before the unit of work commits; without one (direct calls)
     * it is awaited before this method returns.
     *
     * @param event an event of the {@code Order} aggregate
     * @throws OrderChangePublicationException if the broker refuses the record, or does not acknowledge
     *                                         it in time when the acknowledgement is awaited here
     */
    void publish(DomainEventMessage<?> event) {
        String orderId = event.getAggregateIdentifier();
        long sequence = event.getSequenceNumber();
        Batch batch = CurrentUnitOfWork.isStarted() ? batchOf(CurrentUnitOfWork.get()) : null;
        OrderChange change = OrderStateFolding.change(stateBefore(orderId, sequence, batch), event);
        Future<?> acknowledgement = send(orderId, change, event);
        PendingAcknowledgements.Failure failure = failure(orderId, change);
        if (batch == null || ackWait == AckWait.RECORD) {
            PendingAcknowledgements.await(acknowledgement, ackTimeout, failure);
        } else {
            PendingAcknowledgements.of(CurrentUnitOfWork.get(), acknowledgementsResource, ackTimeout)
                    .add(acknowledgement, failure);
        }
        if (batch == null) {
            stateCache.remember(orderId, sequence, change.after());
        } else {
            batch.states.put(orderId, new OrderStateCache.Known(sequence, change.after()));
        }
    }

    /** The cache of the latest published states, for tests. */
    OrderStateCache stateCache() {
        return stateCache;
    }

    /**
     * The state of the order before its event {@code sequence}: from this batch, the cache, or the event
     * store, always the state after exactly event {@code sequence - 1}.
     */
    private OrderState stateBefore(String orderId, long sequence, Batch batch) {
        if (sequence == 0) {
            return null;
        }
        long previous = sequence - 1;
        if (batch != null && stateCache.enabled()) {
            OrderStateCache.Known inBatch = batch.states.get(orderId);
            if (inBatch != null && inBatch.sequence() == previous) {
                return inBatch.state();
            }
        }
        Optional<OrderState> cached = stateCache.stateAfter(orderId, previous);
        if (cached.isPresent()) {
            return cached.get();
        }
        return OrderStateFolding.fold(eventStore.readEvents(orderId, 0).asStream()
                .takeWhile(earlier -> earlier.getSequenceNumber() < sequence)
                .toList());
    }

    /**
     * The publisher's state in the root unit of work, created with the unit of work's first change: its
     * states go to the cache after the commit (never from a rolled-back batch).
     */
    private Batch batchOf(UnitOfWork<?> unitOfWork) {
        UnitOfWork<?> root = unitOfWork.root();
        return root.getOrComputeResource(batchResource, key -> {
            Batch batch = new Batch();
            root.afterCommit(committed -> batch.states.forEach(
                    (orderId, known) -> stateCache.remember(orderId, known.sequence(), known.state())));
            return batch;
        });
    }

    private Future<?> send(String orderId, OrderChange change, DomainEventMessage<?> event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, orderId, OrderChangeJson.write(change));
        headers(record.headers(), event);
        log.debug("Sending change {} of order {} to {} ({} -> {})", change.source().eventType(), orderId, topic,
                change.before() == null ? null : change.before().status(), change.after().status());
        try {
            return kafka.send(record);
        } catch (RuntimeException e) {
            throw new OrderChangePublicationException("Kafka refused the change of order " + orderId + " ("
                    + change.source().eventType() + ", version " + change.after().version() + "): "
                    + e.getMessage(), e);
        }
    }

    private static void headers(Headers headers, DomainEventMessage<?> event) {
        EnvelopeHeaders.write(headers, EnvelopeHeaders.EVENT_ID, event.getIdentifier());
        EnvelopeHeaders.write(headers, EnvelopeHeaders.EVENT_TYPE, event.getPayloadType().getSimpleName());
        EnvelopeHeaders.write(headers, EnvelopeHeaders.OCCURRED_AT, event.getTimestamp().toString());
        EnvelopeHeaders.write(headers, EnvelopeHeaders.CORRELATION_ID, TraceMetadata.correlationIdOf(event));
        EnvelopeHeaders.write(headers, EnvelopeHeaders.SOURCE, OrderChange.Source.SYSTEM + "/" + event.getType());
    }

    /**
     * Hands a change record to a Kafka producer without waiting: spring-kafka's
     * {@code KafkaOperations::send} (the feed's own producer) or a Kafka {@code Producer::send} (the event
     * publisher's producer, shared).
     */
    @FunctionalInterface
    public interface Sender {

        /**
         * @param record the change record
         * @return completes with the broker's acknowledgement, or fails with the producer's error
         */
        Future<?> send(ProducerRecord<String, byte[]> record);
    }

    /** What one unit of work of the feed has computed so far. Used by the processor's thread only. */
    private static final class Batch {

        /** The latest state of each order changed in this batch, for its next event in the same batch. */
        private final Map<String, OrderStateCache.Known> states = new HashMap<>();
    }

    /** The exception for a change whose acknowledgement did not come. */
    private PendingAcknowledgements.Failure failure(String orderId, OrderChange change) {
        return (outcome, cause) -> switch (outcome) {
            case INTERRUPTED -> new OrderChangePublicationException(
                    "Interrupted while publishing the change of order " + orderId, cause);
            case REFUSED -> new OrderChangePublicationException("Kafka refused the change of order " + orderId + " ("
                    + change.source().eventType() + ", version " + change.after().version() + "): "
                    + cause.getMessage(), cause);
            case TIMED_OUT -> new OrderChangePublicationException("Kafka did not acknowledge the change of order "
                    + orderId + " within " + ackTimeout, cause);
        };
    }
}
