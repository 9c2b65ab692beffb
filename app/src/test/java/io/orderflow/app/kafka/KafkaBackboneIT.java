package io.orderflow.app.kafka;

import static org.awaitility.Awaitility.await;

import io.orderflow.app.support.PostgresIT;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.web.client.RestClient;

/**
 * The whole application on PostgreSQL with its own in-process Kafka broker (free ports, its own log
 * directory), serving HTTP on a random port. Subclasses share one context: one database, one broker.
 *
 * <p>Orders are placed through the REST API; what happened is read from the event store (the truth, and
 * independent of Kafka) and from the topics with plain Kafka consumers. The producers of the event
 * publisher and the change feed give up on a record after a few seconds, so that an outage is noticed,
 * and retried, quickly.
 */
@PostgresIT(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "orderflow.kafka.embedded.port=0",
    "orderflow.kafka.embedded.controller-port=0",
    "orderflow.kafka.embedded.log-dir=target/kafka-it-${random.uuid}",
    "orderflow.kafka.publisher.delivery-timeout=5s",
    "orderflow.kafka.publisher.ack-timeout=7s",
    "orderflow.kafka.changes.delivery-timeout=5s",
    "orderflow.kafka.changes.ack-timeout=7s",
    "orderflow.kafka.observability.consumer-lag-interval=1s"
})
@AutoConfigureObservability(tracing = false)
abstract class KafkaBackboneIT {

    static final String EVENTS = "orderflow.events";
    static final String CHANGES = "orderflow.order-changes";

    /** Sagas and the publisher share two cores with the broker and the database. */
    static final Duration PATIENCE = Duration.ofMinutes(3);

    @LocalServerPort
    int port;

    @Value("${orderflow.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Autowired
    JdbcTemplate jdbc;

    RestClient http() {
        return RestClient.builder().baseUrl("http://localhost:" + port).build();
    }

    /** Registers a product with plenty of stock and returns its SKU. */
    String registerProduct() {
        String sku = "IT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        http().post().uri("/api/products").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("sku", sku, "name", "Kafka IT " + sku, "initialStock", 100_000))
                .retrieve().toBodilessEntity();
        return sku;
    }

    /**
     * Places an order of one line through the REST API.
     *
     * @param sku           the product
     * @param correlationId the request's {@code X-Correlation-Id}
     * @return the order id
     */
    String placeOrder(String sku, String correlationId) {
        Map<?, ?> receipt = http().post().uri("/api/orders")
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Correlation-Id", correlationId)
                .body(Map.of(
                        "customerId", "customer-kafka-it",
                        "currency", "EUR",
                        "shippingAddress", Map.of("name", "Ada Lovelace", "street", "St James's Square 12",
                                "city", "London", "postalCode", "SW1Y 4JH", "country", "GB"),
                        "lines", List.of(Map.of("sku", sku, "quantity", 2, "unitPrice", new BigDecimal("12.50")))))
                .retrieve().body(Map.class);
        return String.valueOf(receipt.get("orderId"));
    }

    /** Waits until every order's stream in the event store ends with the given event. */
    void awaitLastEvent(Set<String> orderIds, String eventType) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> orderIds.stream()
                .allMatch(orderId -> eventType.equals(lastOrderEvent(orderId))));
    }

    /** The simple name of the newest event of an order's own stream (the {@code Order} aggregate). */
    String lastOrderEvent(String orderId) {
        List<String> types = jdbc.queryForList("select payload_type from domain_event_entry"
                + " where aggregate_identifier = ? order by sequence_number desc limit 1", String.class, orderId);
        return types.isEmpty() ? null : simpleName(types.get(0));
    }

    /**
     * Every stored event that belongs to the orders: the events whose payload names one of them (the
     * order's own events, and those of the product, payment and shipment the saga involved).
     *
     * @return the stored events by event identifier
     */
    Map<String, StoredEvent> storedEventsOf(Set<String> orderIds) {
        String matches = orderIds.stream().map(id -> "convert_from(payload, 'UTF8') like ?")
                .collect(Collectors.joining(" or "));
        Map<String, StoredEvent> events = new LinkedHashMap<>();
        jdbc.query("select event_identifier, aggregate_identifier, sequence_number, type, payload_type,"
                        + " payload_revision, time_stamp, convert_from(payload, 'UTF8') as payload"
                        + " from domain_event_entry where " + matches + " order by global_index",
                (RowCallbackHandler) row -> events.put(row.getString("event_identifier"), new StoredEvent(
                        row.getString("event_identifier"), row.getString("aggregate_identifier"),
                        row.getLong("sequence_number"), row.getString("type"), simpleName(row.getString("payload_type")),
                        row.getString("payload_revision"), Instant.parse(row.getString("time_stamp")),
                        row.getString("payload"))),
                orderIds.stream().map(id -> "%\"" + id + "\"%").toArray());
        return events;
    }

    static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /**
     * One row of the event store.
     *
     * @param eventId       {@code event_identifier}
     * @param aggregateId   {@code aggregate_identifier}
     * @param sequence      {@code sequence_number}
     * @param aggregateType {@code type}
     * @param eventType     the payload's simple class name
     * @param revision      {@code payload_revision}
     * @param occurredAt    {@code time_stamp}
     * @param payload       the payload JSON
     */
    record StoredEvent(String eventId, String aggregateId, long sequence, String aggregateType, String eventType,
                       String revision, Instant occurredAt, String payload) {
    }
}
