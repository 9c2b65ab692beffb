package io.orderflow.bridge.changes;

import static io.orderflow.bridge.changes.OrderEvents.event;
import static io.orderflow.bridge.changes.OrderEvents.placed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderflow.api.common.Money;
import io.orderflow.api.order.FailureReason;
import io.orderflow.api.order.OrderCancelledEvent;
import io.orderflow.api.order.OrderCompletedEvent;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.order.OrderPaymentAuthorizedEvent;
import io.orderflow.api.order.OrderShipmentScheduledEvent;
import io.orderflow.api.order.OrderStatus;
import io.orderflow.api.order.OrderStockReservedEvent;
import io.orderflow.api.order.ReasonCode;
import io.orderflow.api.payment.PaymentId;
import io.orderflow.api.payment.PaymentDeclinedEvent;
import io.orderflow.api.shipping.ShipmentId;
import io.orderflow.bridge.BridgeTestApplication;
import io.orderflow.bridge.TopicRecords;
import io.orderflow.bridge.broker.InProcessKafkaBroker;
import io.orderflow.bridge.publishing.EnvelopeHeaders;
import io.orderflow.bridge.publishing.KafkaPublishingConfiguration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The order-change feed end to end: order events stored in the event store arrive on the compacted
 * {@code orderflow.order-changes} topic as one state change each, keyed by order id, in order.
 */
@SpringBootTest(classes = BridgeTestApplication.class, properties = {
    "orderflow.kafka.embedded.log-dir=target/kafka-it/changes-${random.uuid}",
    "orderflow.kafka.embedded.port=0",
    "orderflow.kafka.embedded.controller-port=0"
})
class OrderChangesIT {

    private static final String CHANGES = "orderflow.order-changes";
    private static final Duration DELIVERY = Duration.ofSeconds(60);

    @Autowired
    private EventStore eventStore;

    @Autowired
    private InProcessKafkaBroker broker;

    @Autowired
    private EventProcessingConfiguration eventProcessing;

    @Test
    void runsTheFeedInsideTheEventPublishersTrackingProcessorByDefault() {
        assertThat(eventProcessing.eventProcessor(OrderChangePublisher.PROCESSING_GROUP))
                .as("no processor of its own").isEmpty();
        assertThat(eventProcessing.eventProcessorByProcessingGroup(OrderChangePublisher.PROCESSING_GROUP))
                .get().isInstanceOf(TrackingEventProcessor.class)
                .isSameAs(eventProcessing.eventProcessor(KafkaPublishingConfiguration.PUBLISHING_PROCESSOR).orElseThrow());
    }

    @Test
    void publishesTheStateOfAnOrderBeforeAndAfterEachOfItsEventsKeyedByTheOrderId() {
        OrderId completed = OrderId.random();
        OrderId cancelled = OrderId.random();
        PaymentId payment = new PaymentId(UUID.randomUUID());
        FailureReason declined = new FailureReason(ReasonCode.PAYMENT_DECLINED, "insufficient funds");

        eventStore.publish(event(completed, 0, placed(completed)), event(cancelled, 0, placed(cancelled)));
        eventStore.publish(event(completed, 1, new OrderStockReservedEvent(completed)),
                event(cancelled, 1, new OrderStockReservedEvent(cancelled)),
                // not an Order event: no change
                new GenericDomainEventMessage<>("Payment", payment.toString(), 0,
                        new PaymentDeclinedEvent(payment, cancelled, Money.of("25.10", "EUR"), "insufficient funds")));
        eventStore.publish(event(completed, 2, new OrderPaymentAuthorizedEvent(completed, payment, Money.of("25.10", "EUR"))),
                event(cancelled, 2, new OrderCancelledEvent(cancelled, declined)));
        eventStore.publish(event(completed, 3, new OrderShipmentScheduledEvent(completed,
                        new ShipmentId(UUID.randomUUID()), "TRK-1")),
                event(completed, 4, new OrderCompletedEvent(completed)));

        try (TopicRecords records = new TopicRecords(broker.bootstrapServers(), CHANGES)) {
            await().atMost(DELIVERY).untilAsserted(() -> {
                assertThat(records.withKey(completed.toString())).hasSize(5);
                assertThat(records.withKey(cancelled.toString())).hasSize(3);
            });

            List<ConsumerRecord<String, byte[]>> ofCompleted = records.withKey(completed.toString());
            List<OrderChange> changes = ofCompleted.stream().map(record -> OrderChangeJson.read(record.value())).toList();
            assertThat(ofCompleted).extracting(ConsumerRecord::partition).containsOnly(ofCompleted.get(0).partition());
            assertThat(changes).extracting(OrderChange::op).containsExactly("c", "u", "u", "u", "u");
            assertThat(changes).extracting(change -> change.after().status()).containsExactly(OrderStatus.PENDING,
                    OrderStatus.STOCK_RESERVED, OrderStatus.PAYMENT_AUTHORIZED, OrderStatus.SHIPMENT_SCHEDULED,
                    OrderStatus.COMPLETED);
            assertThat(changes).extracting(change -> change.after().version()).containsExactly(0L, 1L, 2L, 3L, 4L);
            assertThat(changes.get(0).before()).isNull();
            for (int i = 1; i < changes.size(); i++) {
                assertThat(changes.get(i).before()).as("before of change %d", i).isEqualTo(changes.get(i - 1).after());
            }
            assertThat(changes.get(4).after().total()).isEqualTo(Money.of("25.10", "EUR"));
            assertThat(EnvelopeHeaders.read(ofCompleted.get(4).headers(), EnvelopeHeaders.EVENT_TYPE))
                    .contains("OrderCompletedEvent");

            List<OrderChange> ofCancelled = records.withKey(cancelled.toString()).stream()
                    .map(record -> OrderChangeJson.read(record.value())).toList();
            assertThat(ofCancelled).extracting(change -> change.after().status())
                    .containsExactly(OrderStatus.PENDING, OrderStatus.STOCK_RESERVED, OrderStatus.CANCELLED);
            assertThat(ofCancelled.get(2).after().reason()).isEqualTo(declined);
            assertThat(ofCancelled.get(2).source().eventType()).isEqualTo("OrderCancelledEvent");
        }
    }

    @Test
    void keepsTheChangesOfEachOrderInOrderWhenManyOrdersShareABatch() {
        List<OrderId> orders = IntStream.range(0, 30).mapToObj(i -> OrderId.random()).toList();
        PaymentId payment = new PaymentId(UUID.randomUUID());
        // 150 events, the orders interleaved step by step, stored at once: the feed takes them in batches of
        // up to 64 and sends each batch's records without waiting in between.
        List<DomainEventMessage<?>> events = new ArrayList<>();
        orders.forEach(order -> events.add(event(order, 0, placed(order))));
        orders.forEach(order -> events.add(event(order, 1, new OrderStockReservedEvent(order))));
        orders.forEach(order -> events.add(event(order, 2,
                new OrderPaymentAuthorizedEvent(order, payment, Money.of("25.10", "EUR")))));
        orders.forEach(order -> events.add(event(order, 3,
                new OrderShipmentScheduledEvent(order, new ShipmentId(UUID.randomUUID()), "TRK-" + order))));
        orders.forEach(order -> events.add(event(order, 4, new OrderCompletedEvent(order))));
        eventStore.publish(events);

        try (TopicRecords records = new TopicRecords(broker.bootstrapServers(), CHANGES)) {
            await().atMost(DELIVERY).untilAsserted(() -> assertThat(orders)
                    .allSatisfy(order -> assertThat(records.withKey(order.toString())).hasSize(5)));

            for (OrderId order : orders) {
                List<OrderChange> changes = records.withKey(order.toString()).stream()
                        .map(record -> OrderChangeJson.read(record.value())).toList();
                assertThat(changes).as("changes of %s in offset order", order)
                        .extracting(change -> change.after().version()).containsExactly(0L, 1L, 2L, 3L, 4L);
                assertThat(changes.get(0).before()).isNull();
                for (int i = 1; i < changes.size(); i++) {
                    assertThat(changes.get(i).before()).as("before of change %d of %s", i, order)
                            .isEqualTo(changes.get(i - 1).after());
                }
                assertThat(changes.get(4).after().status()).isEqualTo(OrderStatus.COMPLETED);
            }
        }
    }
}
