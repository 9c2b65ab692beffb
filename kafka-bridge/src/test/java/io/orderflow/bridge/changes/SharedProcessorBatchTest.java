package io.orderflow.bridge.changes;

import static io.orderflow.bridge.changes.OrderEvents.event;
import static io.orderflow.bridge.changes.OrderEvents.placed;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.api.order.OrderCompletedEvent;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.order.OrderStatus;
import io.orderflow.api.order.OrderStockReservedEvent;
import io.orderflow.bridge.publishing.AckWait;
import io.orderflow.bridge.publishing.BatchAcknowledgingKafkaPublisher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.ConfirmationMode;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaEventPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.messaging.EventPublicationFailedException;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The event publisher and the order-change feed sharing one batch, as in the shared tracking processor
 * ({@code orderflow.kafka.changes.processor=shared}): Axon's {@link BatchingUnitOfWork} and invokers, one
 * per processing group, in either order, as the processor builds them; the processor stores its token in
 * prepare-commit (as it does without a transaction). One Kafka {@link MockProducer} stands in for the shared producer; the broker
 * acknowledges each record a little later, or refuses the records of one topic.
 */
class SharedProcessorBatchTest {

    private static final String EVENTS = "orderflow.events";
    private static final String CHANGES = "orderflow.order-changes";
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(5);

    /** The order in which the processor calls the two handlers for each event. */
    enum HandlerOrder { PUBLISHER_FIRST, FEED_FIRST }

    private final EmbeddedEventStore eventStore =
            EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    private final Broker broker = new Broker();
    private final KafkaEventPublisher<String, byte[]> eventPublisher = KafkaEventPublisher.<String, byte[]>builder()
            .kafkaPublisher(new BatchAcknowledgingKafkaPublisher<>(new SharedProducer(), new PayloadConverter(),
                    event -> Optional.of(EVENTS), ACK_TIMEOUT, AckWait.BATCH))
            .build();
    private final OrderChangePublisher feed =
            new OrderChangePublisher(eventStore, broker::send, CHANGES, ACK_TIMEOUT, AckWait.BATCH, 100);
    private final OrderId orderId = OrderId.random();
    /** For each prepare-commit (token stored): whether every record sent so far was acknowledged then. */
    private final List<Boolean> acknowledgedWhenTheTokenWasStored = new ArrayList<>();

    @AfterEach
    void shutDownEventStore() {
        eventStore.shutDown();
    }

    @ParameterizedTest
    @EnumSource(HandlerOrder.class)
    void sendsTheRecordsOfBothTopicsFromOneBatchAndHasAllTheirAcknowledgementsBeforeTheTokenIsStored(
            HandlerOrder order) {
        // The changes take longer than the events: the feed must wait for its own records.
        broker.acknowledges = record -> acknowledgedAfter(record.topic().equals(CHANGES) ? 200 : 10);
        List<EventMessage<?>> batch = batchEndingWithAnEventTheFeedMakesNoChangeFor();

        ResultMessage<?> result = process(batch, order);

        assertThat(result.isExceptional()).as("%s", result).isFalse();
        assertThat(broker.history()).filteredOn(record -> record.topic().equals(EVENTS)).hasSize(4);
        assertThat(broker.history()).filteredOn(record -> record.topic().equals(CHANGES))
                .extracting(record -> OrderChangeJson.read(record.value()).after().status())
                .containsExactly(OrderStatus.PENDING, OrderStatus.STOCK_RESERVED, OrderStatus.COMPLETED);
        assertThat(acknowledgedWhenTheTokenWasStored).containsExactly(true);
        assertThat(feed.stateCache().stateAfter(orderId.toString(), 2)).isPresent();
    }

    @ParameterizedTest
    @EnumSource(HandlerOrder.class)
    void rollsTheBatchBackWhenTheChangeTopicRefusesThoughThePublishersRecordsWereAcknowledged(HandlerOrder order) {
        broker.acknowledges = record -> record.topic().equals(CHANGES)
                ? CompletableFuture.failedFuture(new NotEnoughReplicasException("1 of 2 in sync"))
                : acknowledgedAfter(30);
        List<EventMessage<?>> batch = batchEndingWithAnEventTheFeedMakesNoChangeFor();

        ResultMessage<?> failed = process(batch, order);

        assertThat(failed.exceptionResult()).isInstanceOf(OrderChangePublicationException.class);
        assertThat(acknowledgedWhenTheTokenWasStored).as("the token was not stored").isEmpty();
        assertThat(broker.acknowledgements).filteredOn(ack -> !ack.isCompletedExceptionally())
                .allSatisfy(ack -> assertThat(ack).succeedsWithin(ACK_TIMEOUT));
        assertThat(feed.stateCache().size()).as("nothing of the failed batch remembered").isZero();

        broker.clear();
        broker.acknowledges = record -> acknowledgedAfter(30);
        ResultMessage<?> redelivered = process(batch, order);

        assertThat(redelivered.isExceptional()).as("%s", redelivered).isFalse();
        assertThat(acknowledgedWhenTheTokenWasStored).containsExactly(true);
        assertThat(broker.history()).filteredOn(record -> record.topic().equals(EVENTS)).hasSize(4);
        List<OrderChange> changes = broker.history().stream().filter(record -> record.topic().equals(CHANGES))
                .map(record -> OrderChangeJson.read(record.value())).toList();
        assertThat(changes).extracting(change -> change.after().status())
                .containsExactly(OrderStatus.PENDING, OrderStatus.STOCK_RESERVED, OrderStatus.COMPLETED);
        assertThat(changes.get(1).before()).isEqualTo(changes.get(0).after());
        assertThat(changes.get(2).before()).isEqualTo(changes.get(1).after());
    }

    @ParameterizedTest
    @EnumSource(HandlerOrder.class)
    void rollsTheBatchBackWhenTheEventsTopicRefusesThoughTheChangesWereAcknowledged(HandlerOrder order) {
        broker.acknowledges = record -> record.topic().equals(EVENTS)
                ? CompletableFuture.failedFuture(new NotEnoughReplicasException("1 of 2 in sync"))
                : acknowledgedAfter(30);

        ResultMessage<?> failed = process(batchEndingWithAnEventTheFeedMakesNoChangeFor(), order);

        assertThat(failed.exceptionResult()).isInstanceOf(EventPublicationFailedException.class);
        assertThat(acknowledgedWhenTheTokenWasStored).as("the token was not stored").isEmpty();
        assertThat(feed.stateCache().size()).as("nothing of the failed batch remembered").isZero();
    }

    /** Three events of the order, then one the feed has no change for (not a domain event). */
    private List<EventMessage<?>> batchEndingWithAnEventTheFeedMakesNoChangeFor() {
        List<EventMessage<?>> batch = new ArrayList<>();
        batch.add(event(orderId, 0, placed(orderId)));
        batch.add(event(orderId, 1, new OrderStockReservedEvent(orderId)));
        batch.add(event(orderId, 2, new OrderCompletedEvent(orderId)));
        batch.add(GenericEventMessage.asEventMessage("catalogue re-indexed"));
        return batch;
    }

    /**
     * Runs the batch as the shared processor does, through Axon's invokers (one per processing group, each
     * handler called only for the events it accepts), and commits it (or rolls it back).
     */
    private ResultMessage<?> process(List<EventMessage<?>> batch, HandlerOrder order) {
        EventHandlerInvoker publisherGroup = invoker(eventPublisher);
        EventHandlerInvoker feedGroup = invoker(feed);
        EventHandlerInvoker processor = new MultiEventHandlerInvoker(order == HandlerOrder.PUBLISHER_FIRST
                ? List.of(publisherGroup, feedGroup) : List.of(feedGroup, publisherGroup));
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        return unitOfWork.executeWithResult(() -> {
            if (unitOfWork.isFirstMessage()) {
                // What the tracking processor does without a transaction: store its token in prepare-commit,
                // in a handler registered before the first event is handled.
                unitOfWork.onPrepareCommit(committing -> acknowledgedWhenTheTokenWasStored.add(
                        broker.acknowledgements.stream().allMatch(CompletableFuture::isDone)));
            }
            processor.handle(unitOfWork.getMessage(), Segment.ROOT_SEGMENT);
            return null;
        });
    }

    private static EventHandlerInvoker invoker(Object handler) {
        return SimpleEventHandlerInvoker.builder()
                .eventHandlers(handler)
                .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                .build();
    }

    private static CompletableFuture<RecordMetadata> acknowledgedAfter(long millis) {
        return CompletableFuture.supplyAsync(() -> null,
                CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS));
    }

    /** One producer for both topics, acknowledging each record as {@link #acknowledges} says. */
    private static final class Broker extends MockProducer<String, byte[]> {

        private Function<ProducerRecord<String, byte[]>, CompletableFuture<RecordMetadata>> acknowledges;
        private final List<CompletableFuture<RecordMetadata>> acknowledgements = new ArrayList<>();

        Broker() {
            super(true, new StringSerializer(), new ByteArraySerializer());
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
            super.send(record, callback);
            CompletableFuture<RecordMetadata> acknowledgement = acknowledges.apply(record);
            acknowledgements.add(acknowledgement);
            return acknowledgement;
        }

        @Override
        public void close() {
            // shared, as the extension's producer: closing it changes nothing
        }
    }

    /** The extension's non-transactional factory hands out its one shared producer. */
    private final class SharedProducer implements ProducerFactory<String, byte[]> {

        @Override
        public Producer<String, byte[]> createProducer() {
            return broker;
        }

        @Override
        public ConfirmationMode confirmationMode() {
            return ConfirmationMode.WAIT_FOR_ACK;
        }

        @Override
        public void shutDown() {
        }
    }

    /** Key = aggregate id (event id for other events), value = the payload's text. */
    private static final class PayloadConverter implements KafkaMessageConverter<String, byte[]> {

        @Override
        public ProducerRecord<String, byte[]> createKafkaMessage(EventMessage<?> event, String topic) {
            String key = event instanceof DomainEventMessage<?> domain
                    ? domain.getAggregateIdentifier() : event.getIdentifier();
            return new ProducerRecord<>(topic, key, event.getPayload().toString().getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public Optional<EventMessage<?>> readKafkaMessage(ConsumerRecord<String, byte[]> record) {
            return Optional.empty();
        }
    }
}
