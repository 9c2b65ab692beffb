package io.orderflow.bridge.changes;

import static io.orderflow.bridge.changes.OrderEvents.event;
import static io.orderflow.bridge.changes.OrderEvents.placed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderflow.api.order.OrderCompletedEvent;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.order.OrderStatus;
import io.orderflow.api.order.OrderStockReservedEvent;
import io.orderflow.bridge.BridgeTestApplication;
import io.orderflow.bridge.TopicRecords;
import io.orderflow.bridge.TrackingProgress;
import io.orderflow.bridge.broker.InProcessKafkaBroker;
import java.time.Duration;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * Kafka goes away while an order moves on: the change feed's token stays before the first change Kafka
 * did not acknowledge, and when Kafka is back every change arrives, none skipped. The feed runs with its
 * default batches, whose acknowledgements are awaited together: the two changes made while Kafka is down
 * are one batch, and its failure moves no token (this application has no transaction manager, so the
 * in-memory token store would keep a token stored in prepare-commit). The feed runs in its own processor
 * here ({@code processor=own}, the isolated shape); {@link SharedPublishingProcessorIT} covers the default,
 * the feed inside the event publisher's processor.
 */
@SpringBootTest(classes = BridgeTestApplication.class, properties = {
    "orderflow.kafka.embedded.log-dir=target/kafka-it/changes-outage-${random.uuid}",
    "orderflow.kafka.embedded.port=0",
    "orderflow.kafka.embedded.controller-port=0",
    "orderflow.kafka.changes.processor=own",
    "orderflow.kafka.changes.delivery-timeout=3s",
    "orderflow.kafka.changes.ack-timeout=5s",
    "orderflow.kafka.publisher.delivery-timeout=3s",
    "orderflow.kafka.publisher.ack-timeout=5s"
})
@Import(TrackingProgress.class)
class OrderChangesOutageIT {

    private static final String CHANGES = "orderflow.order-changes";
    private static final String FEED = OrderChangePublisher.PROCESSING_GROUP;

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
    void keepsItsPlaceWhileKafkaIsDownAndPublishesEveryChangeWhenKafkaIsBack() {
        OrderId orderId = OrderId.random();
        eventStore.publish(event(orderId, 0, placed(orderId)));
        try (TopicRecords records = new TopicRecords(broker.bootstrapServers(), CHANGES)) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(records.withKey(orderId.toString())).hasSize(1));
        }
        long publishedUpTo = progress.headOfEventStore();
        await().atMost(Duration.ofSeconds(30)).until(() -> progress.tokenIsAt(FEED, publishedUpTo));

        broker.stop();
        eventStore.publish(event(orderId, 1, new OrderStockReservedEvent(orderId)),
                event(orderId, 2, new OrderCompletedEvent(orderId)));

        await().atMost(Duration.ofSeconds(60)).until(() -> progress.isInErrorState(FEED));
        assertThat(progress.tokenPosition(FEED)).hasValue(publishedUpTo);

        broker.start();

        long storedUpTo = progress.headOfEventStore();
        try (TopicRecords records = new TopicRecords(broker.bootstrapServers(), CHANGES)) {
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                    assertThat(distinctStatuses(records, orderId)).containsExactly(
                            OrderStatus.PENDING, OrderStatus.STOCK_RESERVED, OrderStatus.COMPLETED));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> progress.tokenIsAt(FEED, storedUpTo));
        assertThat(progress.isInErrorState(FEED)).isFalse();
    }

    /** A retried batch may repeat a change (same content): the distinct states, in order. */
    private static List<OrderStatus> distinctStatuses(TopicRecords records, OrderId orderId) {
        return records.withKey(orderId.toString()).stream()
                .map(record -> OrderChangeJson.read(record.value()))
                .map(change -> change.after().status())
                .distinct()
                .toList();
    }
}
