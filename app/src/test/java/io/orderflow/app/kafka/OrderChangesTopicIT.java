package io.orderflow.app.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.bridge.publishing.KafkaPublishingConfiguration;
import io.orderflow.write.simulation.SimulationControl;
import io.orderflow.write.simulation.SimulationSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The change topic holds the latest state of every order: after some orders complete and one is
 * cancelled, the last record of each order's key shows its final status, every order starts with a
 * create and continues with updates, and each record's {@code before} is the previous record's
 * {@code after}.
 */
class OrderChangesTopicIT extends KafkaBackboneIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private SimulationControl simulation;

    @Test
    void holdsTheLatestStateOfEveryOrderAsAChainOfChanges() {
        String sku = registerProduct();
        Set<String> completed = new LinkedHashSet<>();
        for (int i = 0; i < 3; i++) {
            completed.add(placeOrder(sku, "it-changes-" + UUID.randomUUID()));
        }
        awaitLastEvent(completed, "OrderCompletedEvent");
        String cancelled = placeOrderThatThePaymentProviderDeclines(sku);
        Set<String> orders = new LinkedHashSet<>(completed);
        orders.add(cancelled);

        Map<String, List<JsonNode>> changes = changesOf(orders);

        assertThat(changes).allSatisfy((orderId, chain) -> {
            assertThat(chain.get(0).path("op").asText()).as("first op of %s", orderId).isEqualTo("c");
            assertThat(chain.get(0).path("before").isNull()).isTrue();
            assertThat(chain.subList(1, chain.size())).extracting(change -> change.path("op").asText())
                    .as("later ops of %s", orderId).containsOnly("u");
            for (int i = 1; i < chain.size(); i++) {
                assertThat(chain.get(i).path("before")).as("before of change %d of %s", i, orderId)
                        .isEqualTo(chain.get(i - 1).path("after"));
            }
            JsonNode last = chain.get(chain.size() - 1);
            assertThat(last.path("after").path("status").asText()).as("final status of %s", orderId)
                    .isEqualTo(orderId.equals(cancelled) ? "CANCELLED" : "COMPLETED");
            assertThat(last.path("after").path("orderId").asText()).isEqualTo(orderId);
            assertThat(last.path("after").path("version").asLong()).isEqualTo(chain.size() - 1);
            assertThat(last.path("source").path("eventType").asText())
                    .isEqualTo(orderId.equals(cancelled) ? "OrderCancelledEvent" : "OrderCompletedEvent");
        });
        assertThat(changes.get(cancelled).get(changes.get(cancelled).size() - 1).path("after").path("reason")
                .path("code").asText()).isEqualTo("PAYMENT_DECLINED");
        // The feed runs in the publisher's processor (orderflow.kafka.changes.processor: shared): one token for both.
        assertThat(jdbc.queryForObject("select count(*) from token_entry where processor_name = ?",
                Integer.class, KafkaPublishingConfiguration.PUBLISHING_PROCESSOR))
                .as("the publisher's and feed's token is in the database").isPositive();
        assertThat(jdbc.queryForObject("select count(*) from token_entry where processor_name = 'order-changes'",
                Integer.class)).as("no processor of its own for the feed").isZero();
    }

    private String placeOrderThatThePaymentProviderDeclines(String sku) {
        SimulationSettings reliable = simulation.current();
        simulation.update(reliable.withPayment(reliable.payment().withRejectionRate(1.0)));
        try {
            String orderId = placeOrder(sku, "it-declined-" + UUID.randomUUID());
            awaitLastEvent(Set.of(orderId), "OrderCancelledEvent");
            return orderId;
        } finally {
            simulation.update(reliable);
        }
    }

    /** Each order's change records in offset order, once the last one shows the order's final event. */
    private Map<String, List<JsonNode>> changesOf(Set<String> orders) {
        Map<String, Integer> eventsPerOrder = new LinkedHashMap<>();
        orders.forEach(orderId -> eventsPerOrder.put(orderId, jdbc.queryForObject(
                "select count(*) from domain_event_entry where aggregate_identifier = ?", Integer.class, orderId)));
        try (TopicContents topic = new TopicContents(bootstrapServers, CHANGES)) {
            Map<String, List<JsonNode>> changes = new LinkedHashMap<>();
            await().atMost(PATIENCE).untilAsserted(() -> {
                changes.clear();
                for (ConsumerRecord<String, byte[]> record : topic.poll(record -> orders.contains(record.key()))) {
                    changes.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(json(record.value()));
                }
                assertThat(changes.keySet()).containsExactlyInAnyOrderElementsOf(orders);
                changes.forEach((orderId, chain) -> assertThat(chain.get(chain.size() - 1).path("after")
                        .path("version").asLong()).isEqualTo(eventsPerOrder.get(orderId) - 1));
            });
            changes.replaceAll((orderId, chain) -> withoutRepeats(chain));
            return changes;
        }
    }

    /** A retried batch may send a change twice (same content): keep one of each version. */
    private static List<JsonNode> withoutRepeats(List<JsonNode> chain) {
        Map<Long, JsonNode> byVersion = new LinkedHashMap<>();
        chain.forEach(change -> byVersion.putIfAbsent(change.path("after").path("version").asLong(), change));
        return List.copyOf(byVersion.values());
    }

    private static JsonNode json(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
