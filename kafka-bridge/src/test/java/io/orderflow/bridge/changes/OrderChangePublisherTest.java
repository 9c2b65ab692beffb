package io.orderflow.bridge.changes;

import static io.orderflow.bridge.changes.OrderEvents.event;
import static io.orderflow.bridge.changes.OrderEvents.placed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.orderflow.api.common.Money;
import io.orderflow.api.order.OrderCompletedEvent;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.order.OrderPaymentAuthorizedEvent;
import io.orderflow.api.order.OrderStatus;
import io.orderflow.api.order.OrderStockReservedEvent;
import io.orderflow.api.payment.PaymentId;
import io.orderflow.bridge.publishing.EnvelopeHeaders;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.SendResult;

class OrderChangePublisherTest {

    private static final String TOPIC = "orderflow.order-changes";

    private final EmbeddedEventStore eventStore =
            EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    @SuppressWarnings("unchecked")
    private final KafkaOperations<String, byte[]> kafka = mock(KafkaOperations.class);
    private final OrderChangePublisher publisher =
            new OrderChangePublisher(eventStore, kafka, TOPIC, Duration.ofMillis(200));
    private final OrderId orderId = OrderId.random();

    @AfterEach
    void shutDownEventStore() {
        eventStore.shutDown();
    }

    @Test
    void foldsTheStateBeforeAnEventFromTheOrdersEarlierEventsInTheEventStore() {
        DomainEventMessage<?> placed = event(orderId, 0, placed(orderId));
        DomainEventMessage<?> reserved = event(orderId, 1, new OrderStockReservedEvent(orderId));
        DomainEventMessage<?> authorized = event(orderId, 2, new OrderPaymentAuthorizedEvent(orderId,
                new PaymentId(UUID.randomUUID()), Money.of("25.10", "EUR")));
        DomainEventMessage<?> completed = event(orderId, 3, new OrderCompletedEvent(orderId));
        eventStore.publish(placed, reserved, authorized, completed);
        when(kafka.send(any(ProducerRecord.class))).thenReturn(CompletableFuture.completedFuture(null));

        publisher.publish(authorized);

        ProducerRecord<String, byte[]> record = sentRecord();
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
        DomainEventMessage<?> placed = event(orderId, 0, placed(orderId));
        when(kafka.send(any(ProducerRecord.class))).thenReturn(CompletableFuture.completedFuture(null));

        publisher.publish(placed);

        OrderChange change = OrderChangeJson.read(sentRecord().value());
        assertThat(change.op()).isEqualTo("c");
        assertThat(change.before()).isNull();
        assertThat(change.after().status()).isEqualTo(OrderStatus.PENDING);
    }

    @Test
    void failsWhenKafkaRefusesTheChangeSoTheProcessorRetriesIt() {
        eventStore.publish(event(orderId, 0, placed(orderId)));
        when(kafka.send(any(ProducerRecord.class))).thenReturn(
                CompletableFuture.failedFuture(new NotEnoughReplicasException("1 of 3 in sync")));

        assertThatThrownBy(() -> publisher.publish(event(orderId, 1, new OrderStockReservedEvent(orderId))))
                .isInstanceOf(OrderChangePublicationException.class)
                .hasMessageContaining(orderId.toString())
                .hasRootCauseInstanceOf(NotEnoughReplicasException.class);
    }

    @Test
    void failsWhenKafkaDoesNotAcknowledgeTheChangeInTime() {
        when(kafka.send(any(ProducerRecord.class))).thenReturn(new CompletableFuture<SendResult<String, byte[]>>());

        assertThatThrownBy(() -> publisher.publish(event(orderId, 0, placed(orderId))))
                .isInstanceOf(OrderChangePublicationException.class)
                .hasMessageContaining("within PT0.2S");
    }

    @SuppressWarnings("unchecked")
    private ProducerRecord<String, byte[]> sentRecord() {
        ArgumentCaptor<ProducerRecord<String, byte[]>> sent = ArgumentCaptor.forClass(ProducerRecord.class);
        verify(kafka).send(sent.capture());
        return sent.getValue();
    }
}
