package io.orderflow.app.kafka;

import static io.orderflow.app.kafka.TopicContents.firstOfEachEvent;
import static io.orderflow.app.kafka.TopicContents.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * What a consumer of {@code orderflow.events} sees of one order placed through the REST API: all its
 * events, whichever aggregate applied them, on one partition, keyed by the order id, in the order of
 * each aggregate, with the envelope headers, and with the HTTP request's correlation id on every record.
 */
class OrderEventsOnKafkaIT extends KafkaBackboneIT {

    private static final List<String> ENVELOPE = List.of("event-type", "event-id", "occurred-at", "aggregate-id",
            "schema-version", "correlation-id", "causation-id", "source");

    @Test
    void deliversAllEventsOfOneOrderToOnePartitionInOrderKeyedByTheOrderIdWithEveryHeaderPresentAndCorrect() {
        String correlationId = "it-order-" + UUID.randomUUID();
        String orderId = placeOrder(registerProduct(), correlationId);
        awaitLastEvent(Set.of(orderId), "OrderCompletedEvent");
        Map<String, StoredEvent> stored = storedEventsOf(Set.of(orderId));
        assertThat(stored.values()).extracting(StoredEvent::aggregateType)
                .as("the order's events come from every aggregate of the saga")
                .contains("Order", "Product", "Payment", "Shipment");

        List<ConsumerRecord<String, byte[]>> records = recordsOf(orderId, stored.keySet());

        assertThat(records).extracting(record -> header(record, "event-id"))
                .containsExactlyInAnyOrderElementsOf(stored.keySet());
        assertThat(records).extracting(ConsumerRecord::partition).containsOnly(records.get(0).partition());
        assertThat(header(records.get(0), "event-type")).isEqualTo("OrderPlacedEvent");
        assertThat(header(records.get(records.size() - 1), "event-type")).isEqualTo("OrderCompletedEvent");
        for (ConsumerRecord<String, byte[]> record : records) {
            StoredEvent event = stored.get(header(record, "event-id"));
            assertThat(ENVELOPE).allSatisfy(name -> assertThat(header(record, name))
                    .as("header %s of %s", name, event.eventType()).isNotBlank());
            assertThat(header(record, "event-type")).isEqualTo(event.eventType());
            assertThat(Instant.parse(header(record, "occurred-at"))).isEqualTo(event.occurredAt());
            assertThat(header(record, "aggregate-id")).isEqualTo(event.aggregateId());
            assertThat(header(record, "schema-version")).isEqualTo(event.revision());
            assertThat(header(record, "correlation-id")).isEqualTo(correlationId);
            assertThat(header(record, "causation-id")).isNotEqualTo(event.eventId());
            assertThat(header(record, "source")).isEqualTo("orderflow/" + event.aggregateType());
            assertThat(new String(record.value())).contains(orderId);
        }
        Map<String, List<Long>> sequencesPerAggregate = new LinkedHashMap<>();
        records.forEach(record -> sequencesPerAggregate
                .computeIfAbsent(header(record, "aggregate-id"), id -> new ArrayList<>())
                .add(stored.get(header(record, "event-id")).sequence()));
        assertThat(sequencesPerAggregate).allSatisfy((aggregate, sequences) ->
                assertThat(sequences).as("sequences of %s", aggregate).isSortedAccordingTo(Long::compare)
                        .doesNotHaveDuplicates());
    }

    @Test
    void putsTheCorrelationIdOfTheHttpRequestOnEveryRecordOfThatOrder() {
        String sku = registerProduct();
        String firstCorrelationId = "it-first-" + UUID.randomUUID();
        String secondCorrelationId = "it-second-" + UUID.randomUUID();
        String first = placeOrder(sku, firstCorrelationId);
        String second = placeOrder(sku, secondCorrelationId);
        awaitLastEvent(Set.of(first, second), "OrderCompletedEvent");
        Map<String, StoredEvent> storedFirst = storedEventsOf(Set.of(first));
        Map<String, StoredEvent> storedSecond = storedEventsOf(Set.of(second));

        try (TopicContents topic = new TopicContents(bootstrapServers, EVENTS)) {
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                    eventIds(topic.poll(record -> firstCorrelationId.equals(header(record, "correlation-id")))))
                    .containsExactlyInAnyOrderElementsOf(storedFirst.keySet()));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                    eventIds(topic.poll(record -> secondCorrelationId.equals(header(record, "correlation-id")))))
                    .containsExactlyInAnyOrderElementsOf(storedSecond.keySet()));
            assertThat(topic.poll(record -> first.equals(record.key())))
                    .extracting(record -> header(record, "correlation-id")).containsOnly(firstCorrelationId);
            assertThat(topic.poll(record -> second.equals(record.key())))
                    .extracting(record -> header(record, "correlation-id")).containsOnly(secondCorrelationId);
        }
    }

    /** The records keyed by the order id, once all the order's stored events have arrived. */
    private List<ConsumerRecord<String, byte[]>> recordsOf(String orderId, Set<String> eventIds) {
        try (TopicContents topic = new TopicContents(bootstrapServers, EVENTS)) {
            await().atMost(PATIENCE).untilAsserted(() ->
                    assertThat(eventIds(topic.poll(record -> orderId.equals(record.key())))).containsAll(eventIds));
            return firstOfEachEvent(topic.poll(record -> orderId.equals(record.key())));
        }
    }

    private static List<String> eventIds(List<ConsumerRecord<String, byte[]>> records) {
        return firstOfEachEvent(records).stream().map(record -> header(record, "event-id")).toList();
    }
}
