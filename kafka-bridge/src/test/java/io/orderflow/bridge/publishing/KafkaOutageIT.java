package io.orderflow.bridge.publishing;

import static io.orderflow.bridge.TopicRecords.eventIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderflow.api.order.OrderCancellationRequestedEvent;
import io.orderflow.api.order.OrderCompletedEvent;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.order.OrderStatus;
import io.orderflow.api.order.OrderStockReservedEvent;
import io.orderflow.api.order.ReasonCode;
import io.orderflow.bridge.BridgeTestApplication;
import io.orderflow.bridge.TopicRecords;
import io.orderflow.bridge.TrackingProgress;
import io.orderflow.bridge.broker.InProcessKafkaBroker;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * Kafka goes away while events are being stored: nothing is lost and nothing is skipped. The
 * publisher's token stays where it was until Kafka is back, then every event arrives, in order.
 */
@SpringBootTest(classes = BridgeTestApplication.class, properties = {
    "orderflow.kafka.embedded.log-dir=target/kafka-it/outage-${random.uuid}",
    "orderflow.kafka.embedded.port=0",
    "orderflow.kafka.embedded.controller-port=0",
    "orderflow.kafka.publisher.delivery-timeout=3s",
    "orderflow.kafka.publisher.ack-timeout=5s",
    "orderflow.kafka.publisher.batch-size=1"
})
@Import(TrackingProgress.class)
class KafkaOutageIT {

    private static final String EVENTS = "orderflow.events";
    private static final String PUBLISHER = KafkaPublishingConfiguration.PUBLISHING_PROCESSOR;

    @Autowired
    private EventStore eventStore;

    @Autowired
    private InProcessKafkaBroker broker;

    @Autowired
    private TrackingProgress progress;

    @AfterEach
    void brokerIsBack() {
        broker.start();
    }

    @Test
    void keepsItsPlaceWhileKafkaIsDownAndPublishesEverythingWhenKafkaIsBack() {
        OrderId orderId = OrderId.random();
        DomainEventMessage<?> beforeOutage = event(orderId, 0, new OrderStockReservedEvent(orderId));
        eventStore.publish(beforeOutage);
        try (TopicRecords records = new TopicRecords(broker.bootstrapServers(), EVENTS)) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(records.withKey(orderId.toString())).hasSize(1));
        }
        long publishedUpTo = progress.headOfEventStore();
        await().atMost(Duration.ofSeconds(30)).until(() -> progress.tokenIsAt(PUBLISHER, publishedUpTo));

        broker.stop();
        DomainEventMessage<?> cancellation = event(orderId, 1, new OrderCancellationRequestedEvent(
                orderId, ReasonCode.CUSTOMER_CANCELLED, "changed my mind", OrderStatus.STOCK_RESERVED));
        DomainEventMessage<?> completion = event(orderId, 2, new OrderCompletedEvent(orderId));
        eventStore.publish(cancellation, completion);

        await().atMost(Duration.ofSeconds(60)).until(() -> progress.isInErrorState(PUBLISHER));
        await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(10))
                .until(() -> progress.tokenIsAt(PUBLISHER, publishedUpTo));

        broker.start();

        long storedUpTo = progress.headOfEventStore();
        try (TopicRecords records = new TopicRecords(broker.bootstrapServers(), EVENTS)) {
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                    assertThat(distinctEventIds(records.withKey(orderId.toString()))).containsExactly(
                            beforeOutage.getIdentifier(), cancellation.getIdentifier(), completion.getIdentifier()));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> progress.tokenIsAt(PUBLISHER, storedUpTo));
        assertThat(progress.isInErrorState(PUBLISHER)).isFalse();
    }

    /** Delivery is at least once: a retried batch may repeat a record; consumers de-duplicate on event-id. */
    private static List<String> distinctEventIds(List<ConsumerRecord<String, byte[]>> records) {
        return eventIds(records).stream().distinct().toList();
    }

    private static DomainEventMessage<?> event(OrderId orderId, long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Order", orderId.toString(), sequence, payload);
    }
}
