package io.orderflow.app.kafka;

import static io.orderflow.app.kafka.TopicContents.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderflow.bridge.broker.InProcessKafkaBroker;
import io.orderflow.bridge.observability.PublisherLag;
import io.orderflow.bridge.publishing.KafkaPublishingConfiguration;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The broker is stopped in the middle of a run and started again. Every saga still completes (the saga
 * runs on the event store, not on Kafka), and every event reaches Kafka; none is missing.
 */
class BrokerOutageIT extends KafkaBackboneIT {

    private static final int ORDERS_PER_PHASE = 20;

    @Autowired
    private InProcessKafkaBroker inProcessKafkaBroker;

    @Autowired
    private EventProcessingConfiguration eventProcessing;

    @Autowired
    private PublisherLag publisherLag;

    @AfterEach
    void brokerIsBack() {
        inProcessKafkaBroker.start();
    }

    @Test
    void completesEverySagaAndPublishesEveryEventWhenTheBrokerIsStoppedAndStartedAgain() {
        String sku = registerProduct();
        Set<String> orders = new LinkedHashSet<>();
        for (int i = 0; i < ORDERS_PER_PHASE; i++) {
            orders.add(placeOrder(sku, "it-outage-before-" + UUID.randomUUID()));
        }

        inProcessKafkaBroker.stop();
        assertThat(inProcessKafkaBroker.isRunning()).isFalse();
        for (int i = 0; i < ORDERS_PER_PHASE; i++) {
            orders.add(placeOrder(sku, "it-outage-during-" + UUID.randomUUID()));
        }
        await().atMost(Duration.ofSeconds(60)).until(this::publisherIsRetrying);
        assertThat(publisherLag.current().orElse(0)).as("events stored but not on Kafka").isPositive();
        inProcessKafkaBroker.start();

        awaitLastEvent(orders, "OrderCompletedEvent");
        Set<String> stored = storedEventsOf(orders).keySet();
        assertThat(stored).hasSizeGreaterThanOrEqualTo(orders.size() * 8);

        try (TopicContents topic = new TopicContents(bootstrapServers, EVENTS)) {
            // The publisher retries with back-off (up to a minute between attempts) until Kafka is back.
            await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(
                    eventIdsKeyedBy(topic, orders)).containsAll(stored));
            assertThat(eventIdsKeyedBy(topic, orders)).containsExactlyInAnyOrderElementsOf(stored);
        }

        // The read models are fed from Kafka: they catch up once the broker is back.
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(orders).allSatisfy(orderId -> assertThat(http().get().uri("/api/orders/{id}", orderId)
                        .retrieve().body(Map.class).get("status")).as("read model of %s", orderId)
                        .isEqualTo("COMPLETED")));
    }

    private boolean publisherIsRetrying() {
        return eventProcessing.eventProcessor(KafkaPublishingConfiguration.PUBLISHING_PROCESSOR,
                        StreamingEventProcessor.class)
                .map(processor -> processor.processingStatus().values().stream()
                        .anyMatch(EventTrackerStatus::isErrorState))
                .orElseThrow();
    }

    private static Set<String> eventIdsKeyedBy(TopicContents topic, Set<String> orders) {
        return topic.poll(record -> orders.contains(record.key())).stream()
                .map(record -> header(record, "event-id"))
                .collect(Collectors.toSet());
    }
}
