package io.orderflow.app.kafka;

import static io.orderflow.app.kafka.TopicContents.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.bridge.broker.InProcessKafkaBroker;
import io.orderflow.schema.upcasting.ExactDecimals;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.http.ResponseEntity;

/**
 * What an operator and a consumer can see of the backbone in the running application: the lag meters at
 * {@code /actuator/prometheus}, Kafka in {@code /actuator/health}, the same numbers at
 * {@code /api/admin/backbone}, and, for every record on the topic, its schema over HTTP.
 */
class BackboneVisibilityIT extends KafkaBackboneIT {

    private static final List<String> READ_MODEL_GROUPS =
            List.of("orderflow.projections.order-view", "orderflow.projections.product-stock");

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private InProcessKafkaBroker inProcessKafkaBroker;

    @Autowired
    private ApplicationContext context;

    @Autowired
    @Qualifier("eventSerializer")
    private Serializer eventSerializer;

    @Test
    void reportsKafkaInTheHealthEndpoint() throws Exception {
        JsonNode health = JSON.readTree(http().get().uri("/actuator/health").retrieve().body(String.class));

        assertThat(health.path("components").path("kafka").path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("kafka").path("details").path("clusterId").asText())
                .isEqualTo(inProcessKafkaBroker.clusterId());
        assertThat(health.path("components").path("kafka").path("details").path("nodes").asInt()).isEqualTo(1);
    }

    @Test
    void exposesPublisherLagConsumerLagAndTheReadModelsCountersToPrometheusAndTheAdminApi() throws Exception {
        String orderId = placeOrder(registerProduct(), "it-visibility-" + UUID.randomUUID());
        awaitLastEvent(Set.of(orderId), "OrderCompletedEvent");

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode backbone = JSON.readTree(http().get().uri("/api/admin/backbone").retrieve().body(String.class));
            assertThat(backbone.path("kafkaStatus").asText()).isEqualTo("UP");
            assertThat(backbone.path("publisherLag").asLong()).isZero();
            Set<String> groups = new HashSet<>();
            backbone.path("consumerLag").forEach(lag -> {
                groups.add(lag.path("group").asText());
                assertThat(lag.path("topic").asText()).isEqualTo(EVENTS);
            });
            assertThat(groups).containsAll(READ_MODEL_GROUPS);
            assertThat(backbone.path("consumerLag").size()).isGreaterThanOrEqualTo(12);
            READ_MODEL_GROUPS.forEach(group ->
                    assertThat(backbone.path("deadLetters").has(group)).as("dead letters of %s", group).isTrue());
        });

        String prometheus = http().get().uri("/actuator/prometheus").retrieve().body(String.class);
        assertThat(prometheus)
                .contains("orderflow_kafka_publisher_lag{application=\"orderflow\"} 0.0")
                .containsPattern("orderflow_kafka_consumer_lag\\{application=\"orderflow\","
                        + "group=\"orderflow\\.projections\\.order-view\",partition=\"[0-5]\",topic=\"orderflow\\.events\"} ")
                .contains("orderflow_projections_dead_letters_total{application=\"orderflow\","
                        + "group=\"orderflow.projections.order-view\"}");
    }

    @Test
    void servesTheSchemaOfEveryRecordOfAnOrderAtTheAddressItsHeadersName() throws Exception {
        String orderId = placeOrder(registerProduct(), "it-schemas-" + UUID.randomUUID());
        awaitLastEvent(Set.of(orderId), "OrderCompletedEvent");
        int expected = storedEventsOf(Set.of(orderId)).size();

        List<ConsumerRecord<String, byte[]>> records;
        try (TopicContents topic = new TopicContents(bootstrapServers, EVENTS)) {
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                    TopicContents.firstOfEachEvent(topic.poll(record -> orderId.equals(record.key())))).hasSize(expected));
            records = TopicContents.firstOfEachEvent(topic.poll(record -> orderId.equals(record.key())));
        }

        for (ConsumerRecord<String, byte[]> record : records) {
            String eventType = header(record, "event-type");
            String revision = header(record, "schema-version");
            ResponseEntity<String> schema = http().get().uri("/api/schemas/{type}/v{revision}", eventType, revision)
                    .retrieve().toEntity(String.class);
            assertThat(schema.getHeaders().getContentType()).hasToString("application/schema+json");
            assertThat(JSON.readTree(schema.getBody()).path("$id").asText())
                    .isEqualTo("urn:orderflow:event:" + eventType + ":" + revision);
        }
        JsonNode index = JSON.readTree(http().get().uri("/api/schemas").retrieve().body(String.class));
        Set<String> listed = new HashSet<>();
        index.path("eventTypes").forEach(entry -> listed.add(entry.path("eventType").asText()));
        assertThat(listed).containsAll(records.stream().map(record -> header(record, "event-type")).toList());
    }

    @Test
    void readsStoredEventsThroughTheProjectsUpcastersWithExactDecimals() {
        assertThat(context.getBeansOfType(EventUpcasterChain.class)).hasSize(1);
        assertThat(ExactDecimals.isEnabled(((JacksonSerializer) eventSerializer).getObjectMapper())).isTrue();
    }
}
