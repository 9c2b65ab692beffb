package io.orderflow.bridge.changes;

import static io.orderflow.bridge.changes.OrderEvents.event;
import static io.orderflow.bridge.changes.OrderEvents.placed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.orderflow.api.common.Money;
import io.orderflow.api.order.OrderCompletedEvent;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.order.OrderPaymentAuthorizedEvent;
import io.orderflow.api.order.OrderShipmentScheduledEvent;
import io.orderflow.api.order.OrderStatus;
import io.orderflow.api.order.OrderStockReservedEvent;
import io.orderflow.api.payment.PaymentId;
import io.orderflow.api.shipping.ShipmentId;
import io.orderflow.bridge.publishing.AckWait;
import io.orderflow.bridge.publishing.EnvelopeHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.SendResult;

/**
 * The feed's event handler against an in-memory event store and a stand-in for the producer. Batches
 * run in Axon's {@link BatchingUnitOfWork}, as in the tracking processor: handlers for each event, then
 * prepare-commit, commit (or rollback) and after-commit for the whole batch.
 */
class OrderChangePublisherTest {

    private static final String TOPIC = "orderflow.order-changes";
    private static final Duration ACK_TIMEOUT = Duration.ofMillis(200);

    private final InMemoryEventStorageEngine storage = spy(new InMemoryEventStorageEngine());
    private final EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(storage).build();
    @SuppressWarnings("unchecked")
    private final KafkaOperations<String, byte[]> kafka = mock(KafkaOperations.class);
    private final OrderChangePublisher publisher = publisher(AckWait.BATCH, 100);
    private final OrderId orderId = OrderId.random();

    /** Every record handed to the producer, in send order. */
    private final List<ProducerRecord<String, byte[]>> sent = new ArrayList<>();
    /** The acknowledgement the broker gives each record; at once by default. */
    private Function<ProducerRecord<String, byte[]>, CompletableFuture<SendResult<String, byte[]>>> broker =
            record -> CompletableFuture.completedFuture(null);

    @BeforeEach
    @SuppressWarnings("unchecked")
    void producerHandsEveryRecordToTheBroker() {
        doAnswer(invocation -> {
            ProducerRecord<String, byte[]> record = invocation.getArgument(0);
            sent.add(record);
            return broker.apply(record);
        }).when(kafka).send(any(ProducerRecord.class));
    }

    @AfterEach
    void shutDownEventStore() {
        eventStore.shutDown();
    }

    @Test
    void foldsTheStateBeforeAnEventFromTheOrdersEarlierEventsInTheEventStore() {
        DomainEventMessage<?> placed = event(orderId, 0, placed(orderId));
        DomainEventMessage<?> reserved = event(orderId, 1, new OrderStockReservedEvent(orderId));
        DomainEventMessage<?> authorized = authorized(orderId, 2);
        DomainEventMessage<?> completed = event(orderId, 3, new OrderCompletedEvent(orderId));
        eventStore.publish(placed, reserved, authorized, completed);

        publisher.publish(authorized);

        ProducerRecord<String, byte[]> record = sent.get(0);
        OrderChange change = OrderChangeJson.read(record.value());
        assertThat(record.topic()).isEqualTo(TOPIC);
        assertThat(record.key()).isEqualTo(orderId.toString());
        assertThat(change.op()).isEqualTo("u");
        assertThat(change.before()).isEqualTo(OrderStateFolding.fold(List.of(placed, reserved)));
        assertThat(change.before().status()).isEqualTo(OrderStatus.STOCK_RESERVED);
        assertThat(change.after().status()).isEqualTo(OrderStatus.PAYMENT_AUTHORIZED);
        assertThat(change.after().version()).isEqualTo(2);
        assertThat(EnvelopeHeaders.read(record.headers(), EnvelopeHeaders.EVENT_ID)).contains(authorized.getIdentifier());
        assertThat(EnvelopeHeaders.read(record.headers(), EnvelopeHeaders.EVENT_TYPE))
                .contains("OrderPaymentAuthorizedEvent");
        assertThat(EnvelopeHeaders.read(record.headers(), EnvelopeHeaders.CORRELATION_ID)).contains("request-" + orderId);
    }

    @Test
    void sendsNoBeforeForThePlacementWithoutReadingTheEventStore() {
        publisher.publish(event(orderId, 0, placed(orderId)));

        OrderChange change = OrderChangeJson.read(sent.get(0).value());
        assertThat(change.op()).isEqualTo("c");
        assertThat(change.before()).isNull();
        assertThat(change.after().status()).isEqualTo(OrderStatus.PENDING);
        verify(storage, never()).readEvents(anyString(), anyLong());
    }

    @Test
    void failsWhenKafkaRefusesTheChangeSoTheProcessorRetriesIt() {
        eventStore.publish(event(orderId, 0, placed(orderId)));
        broker = record -> CompletableFuture.failedFuture(new NotEnoughReplicasException("1 of 3 in sync"));

        assertThatThrownBy(() -> publisher.publish(event(orderId, 1, new OrderStockReservedEvent(orderId))))
                .isInstanceOf(OrderChangePublicationException.class)
                .hasMessageContaining(orderId.toString())
                .hasRootCauseInstanceOf(NotEnoughReplicasException.class);
    }

    @Test
    void failsWhenKafkaDoesNotAcknowledgeTheChangeInTime() {
        broker = record -> new CompletableFuture<>();

        assertThatThrownBy(() -> publisher.publish(event(orderId, 0, placed(orderId))))
                .isInstanceOf(OrderChangePublicationException.class)
                .hasMessageContaining("within PT0.2S");
    }

    @Test
    void sendsEveryChangeOfABatchBeforeWaitingForTheirAcknowledgements() {
        List<CompletableFuture<SendResult<String, byte[]>>> acknowledgements = new ArrayList<>();
        // The broker acknowledges nothing until the third record: a handler that waited would time out.
        broker = record -> {
            CompletableFuture<SendResult<String, byte[]>> acknowledgement = new CompletableFuture<>();
            acknowledgements.add(acknowledgement);
            if (acknowledgements.size() == 3) {
                acknowledgements.forEach(pending -> pending.complete(null));
            }
            return acknowledgement;
        };

        ResultMessage<?> result = batch(lifeOf(orderId).subList(0, 3));

        assertThat(result.isExceptional()).as("%s", result).isFalse();
        assertThat(sent).hasSize(3);
        assertThat(publisher.stateCache().stateAfter(orderId.toString(), 2)).get()
                .extracting(OrderState::status).isEqualTo(OrderStatus.PAYMENT_AUTHORIZED);
    }

    @Test
    void hasEveryAcknowledgementBeforeTheProcessorStoresItsTokenInPrepareCommit() {
        List<CompletableFuture<SendResult<String, byte[]>>> acknowledgements = new ArrayList<>();
        Executor later = CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS);
        broker = record -> {
            CompletableFuture<SendResult<String, byte[]>> acknowledgement =
                    CompletableFuture.supplyAsync(() -> null, later);
            acknowledgements.add(acknowledgement);
            return acknowledgement;
        };
        List<Boolean> acknowledgedWhenTheTokenWasStored = new ArrayList<>();
        BatchingUnitOfWork<DomainEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(lifeOf(orderId));

        ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
            if (unitOfWork.isFirstMessage()) {
                // What the tracking processor does without a transaction: store the token in prepare-commit,
                // in a handler registered before the first event is handled.
                unitOfWork.onPrepareCommit(committing -> acknowledgedWhenTheTokenWasStored.add(
                        acknowledgements.stream().allMatch(CompletableFuture::isDone)));
            }
            publisher.on(unitOfWork.getMessage());
            return null;
        });

        assertThat(result.isExceptional()).as("%s", result).isFalse();
        assertThat(acknowledgements).hasSize(5);
        assertThat(acknowledgedWhenTheTokenWasStored).containsExactly(true);
    }

    @Test
    void failsTheBatchWhenAnAcknowledgementDoesNotArriveInTimeAndRemembersNothingOfIt() {
        broker = record -> eventType(record).equals("OrderStockReservedEvent")
                ? new CompletableFuture<>() : CompletableFuture.completedFuture(null);

        ResultMessage<?> result = batch(lifeOf(orderId).subList(0, 3));

        assertThat(result.isExceptional()).isTrue();
        assertThat(result.exceptionResult()).isInstanceOf(OrderChangePublicationException.class)
                .hasMessageContaining("within PT0.2S");
        assertThat(sent).as("all sent before waiting").hasSize(3);
        assertThat(publisher.stateCache().size()).isZero();
    }

    @Test
    void waitsForEachAcknowledgementBeforeTheNextEventWithAckWaitRecord() {
        OrderChangePublisher perRecord = publisher(AckWait.RECORD, 100);
        broker = record -> new CompletableFuture<>();

        ResultMessage<?> result = batch(perRecord, lifeOf(orderId).subList(0, 3));

        assertThat(result.exceptionResult()).isInstanceOf(OrderChangePublicationException.class)
                .hasMessageContaining("within PT0.2S");
        assertThat(sent).as("the first unacknowledged record stops the batch").hasSize(1);
    }

    @Test
    void takesTheStateBeforeAnEventFromTheSameBatchAndKeepsEachOrdersChangesInOrder() {
        OrderId other = OrderId.random();
        List<DomainEventMessage<?>> mine = lifeOf(orderId);
        List<DomainEventMessage<?>> theirs = lifeOf(other);
        List<DomainEventMessage<?>> interleaved = new ArrayList<>();
        for (int i = 0; i < mine.size(); i++) {
            interleaved.add(mine.get(i));
            interleaved.add(theirs.get(i));
        }
        // Not in the event store: every before must come from the batch itself.

        ResultMessage<?> result = batch(interleaved);

        assertThat(result.isExceptional()).as("%s", result).isFalse();
        verify(storage, never()).readEvents(anyString(), anyLong());
        for (OrderId order : List.of(orderId, other)) {
            List<OrderChange> changes = changesOf(order);
            assertThat(changes).extracting(change -> change.after().version()).containsExactly(0L, 1L, 2L, 3L, 4L);
            assertThat(changes).extracting(change -> change.after().status()).containsExactly(OrderStatus.PENDING,
                    OrderStatus.STOCK_RESERVED, OrderStatus.PAYMENT_AUTHORIZED, OrderStatus.SHIPMENT_SCHEDULED,
                    OrderStatus.COMPLETED);
            assertChain(changes);
        }
    }

    @Test
    void takesTheStateBeforeAnEventFromTheCacheOfCommittedBatches() {
        List<DomainEventMessage<?>> life = lifeOf(orderId);
        batch(life.subList(0, 2));

        batch(life.subList(2, 3));

        verify(storage, never()).readEvents(anyString(), anyLong());
        assertChain(changesOf(orderId));
    }

    @Test
    void foldsFromTheEventStoreWhenTheCacheHoldsNoStateOfThePreviousEvent() {
        List<DomainEventMessage<?>> life = lifeOf(orderId);
        eventStore.publish(life);
        batch(life.subList(0, 1));
        // Events 1 and 2 were handled elsewhere (another node): the cache still holds event 0.

        batch(life.subList(3, 4));

        verify(storage, times(1)).readEvents(anyString(), anyLong());
        OrderChange change = changesOf(orderId).get(1);
        assertThat(change.before()).isEqualTo(OrderStateFolding.fold(life.subList(0, 3)));
        assertThat(change.after().status()).isEqualTo(OrderStatus.SHIPMENT_SCHEDULED);
    }

    @Test
    void foldsEveryTimeWithoutACache() {
        OrderChangePublisher withoutCache = publisher(AckWait.BATCH, 0);
        List<DomainEventMessage<?>> life = lifeOf(orderId);
        eventStore.publish(life);
        batch(withoutCache, life.subList(0, 2));

        batch(withoutCache, life.subList(2, 3));

        verify(storage, times(2)).readEvents(anyString(), anyLong());
        assertChain(changesOf(orderId));
    }

    @Test
    void aReplayedEventIsFoldedAgainAndMakesTheSameChange() {
        List<DomainEventMessage<?>> life = lifeOf(orderId);
        eventStore.publish(life);
        batch(life);
        List<ProducerRecord<String, byte[]>> first = List.copyOf(sent);
        sent.clear();

        // The cache holds event 4; a replay from the start and a re-delivery of event 2 alone.
        batch(life.subList(2, 3));
        batch(life);

        assertThat(sent.get(0).value()).isEqualTo(first.get(2).value());
        assertThat(sent.subList(1, sent.size())).extracting(ProducerRecord::value)
                .containsExactlyElementsOf(first.stream().map(ProducerRecord::value).toList());
        assertThat(OrderChangeJson.read(sent.get(0).value()).before().status()).isEqualTo(OrderStatus.STOCK_RESERVED);
    }

    @Test
    void aRolledBackBatchLeavesTheCacheAsItWasAndItsRedeliveryMakesTheSameChanges() {
        List<DomainEventMessage<?>> life = lifeOf(orderId);
        eventStore.publish(life);
        batch(life.subList(0, 1));
        List<OrderChange> clean = cleanRun(life);
        broker = record -> eventType(record).equals("OrderPaymentAuthorizedEvent")
                ? CompletableFuture.failedFuture(new NotEnoughReplicasException("1 of 3 in sync"))
                : CompletableFuture.completedFuture(null);

        ResultMessage<?> failed = batch(life.subList(1, 4));

        assertThat(failed.exceptionResult()).isInstanceOf(OrderChangePublicationException.class);
        assertThat(publisher.stateCache().stateAfter(orderId.toString(), 0)).as("cache as before the batch").isPresent();
        sent.clear();
        broker = record -> CompletableFuture.completedFuture(null);

        ResultMessage<?> redelivered = batch(life.subList(1, 4));

        assertThat(redelivered.isExceptional()).isFalse();
        assertThat(sent).extracting(record -> OrderChangeJson.read(record.value()))
                .containsExactlyElementsOf(clean.subList(1, 4));
        assertThat(publisher.stateCache().stateAfter(orderId.toString(), 3)).contains(clean.get(3).after());
    }

    /** The changes of a run without cache, without batches and without failures. */
    private List<OrderChange> cleanRun(List<DomainEventMessage<?>> life) {
        OrderChangePublisher reference = publisher(AckWait.RECORD, 0);
        int before = sent.size();
        life.forEach(reference::publish);
        List<OrderChange> changes = sent.subList(before, sent.size()).stream()
                .map(record -> OrderChangeJson.read(record.value())).toList();
        sent.subList(before, sent.size()).clear();
        return changes;
    }

    private OrderChangePublisher publisher(AckWait ackWait, int stateCacheSize) {
        return new OrderChangePublisher(eventStore, kafka::send, TOPIC, ACK_TIMEOUT, ackWait, stateCacheSize);
    }

    /** Handles the events in one batch, as the feed's tracking processor does, and commits it. */
    private ResultMessage<?> batch(List<DomainEventMessage<?>> events) {
        return batch(publisher, events);
    }

    private static ResultMessage<?> batch(OrderChangePublisher handler, List<DomainEventMessage<?>> events) {
        BatchingUnitOfWork<DomainEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(events);
        return unitOfWork.executeWithResult(() -> {
            handler.on(unitOfWork.getMessage());
            return null;
        });
    }

    private List<OrderChange> changesOf(OrderId order) {
        return sent.stream().filter(record -> record.key().equals(order.toString()))
                .map(record -> OrderChangeJson.read(record.value())).toList();
    }

    /** Each change starts where the previous one ended. */
    private static void assertChain(List<OrderChange> changes) {
        assertThat(changes.get(0).before()).isNull();
        for (int i = 1; i < changes.size(); i++) {
            assertThat(changes.get(i).before()).as("before of change %d", i).isEqualTo(changes.get(i - 1).after());
            assertThat(changes.get(i).after().version()).isEqualTo(changes.get(i - 1).after().version() + 1);
        }
    }

    private static String eventType(ProducerRecord<String, byte[]> record) {
        return EnvelopeHeaders.read(record.headers(), EnvelopeHeaders.EVENT_TYPE).orElseThrow();
    }

    private static DomainEventMessage<?> authorized(OrderId order, long sequence) {
        return event(order, sequence, new OrderPaymentAuthorizedEvent(order, new PaymentId(UUID.randomUUID()),
                Money.of("25.10", "EUR")));
    }

    /** The five events of an order that completes. */
    private static List<DomainEventMessage<?>> lifeOf(OrderId order) {
        return List.of(
                event(order, 0, placed(order)),
                event(order, 1, new OrderStockReservedEvent(order)),
                authorized(order, 2),
                event(order, 3, new OrderShipmentScheduledEvent(order, new ShipmentId(UUID.randomUUID()), "TRK-1")),
                event(order, 4, new OrderCompletedEvent(order)));
    }
}
