package io.orderflow.bridge.changes;

import static io.orderflow.bridge.TopicRecords.eventIds;
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
import io.orderflow.bridge.publishing.KafkaPublishingConfiguration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * The default shape: the order-change feed runs inside the event publisher's tracking processor and sends
 * through its producer. One processor, one token; both topics get the records of a batch, and a batch
 * commits only when both topics acknowledged them. The order-change topic is made to refuse its records
 * (its largest accepted record batch is made smaller than a change record) while the events topic accepts
 * them: the publisher's records of the batch are on Kafka, yet the token stays, and once the topic accepts
 * records again the whole batch is sent again. (The in-memory token store of the test application stores
 * a token only after the commit; that the acknowledgements are awaited before prepare-commit, where a
 * token store without a transaction would store it, is shown by {@link SharedProcessorBatchTest}.)
 */
@SpringBootTest(classes = BridgeTestApplication.class, properties = {
    "orderflow.kafka.embedded.log-dir=target/kafka-it/shared-${random.uuid}",
    "orderflow.kafka.embedded.port=0",
    "orderflow.kafka.embedded.controller-port=0",
    "orderflow.kafka.publisher.delivery-timeout=3s",
    "orderflow.kafka.publisher.ack-timeout=5s",
    "orderflow.kafka.changes.ack-timeout=5s"
})
@Import(TrackingProgress.class)
class SharedPublishingProcessorIT {

    private static final String EVENTS = "orderflow.events";
    private static final String CHANGES = "orderflow.order-changes";
    private static final String PUBLISHER = KafkaPublishingConfiguration.PUBLISHING_PROCESSOR;
    /** Bytes; a change record is several hundred bytes of JSON plus headers. */
    private static final int TOO_SMALL_FOR_A_CHANGE = 200;

    @Autowired
    private EventStore eventStore;

    @Autowired
    private TokenStore tokenStore;

    @Autowired
    private EventProcessingConfiguration eventProcessing;

    @Autowired
    private InProcessKafkaBroker broker;

    @Autowired
    private TrackingProgress progress;

    @Autowired
    private ApplicationContext applicationContext;

    @AfterEach
    void changeTopicAcceptsRecordsAgain() throws Exception {
        limitRecordBatchesOfTheChangeTopic(null);
    }

    @Test
    void publishesBothTopicsFromTheOneProcessorWithOneTokenAndOneProducer() {
        OrderId orderId = OrderId.random();
        DomainEventMessage<?> placement = event(orderId, 0, placed(orderId));
        DomainEventMessage<?> reservation = event(orderId, 1, new OrderStockReservedEvent(orderId));
        eventStore.publish(placement, reservation);

        try (TopicRecords events = new TopicRecords(broker.bootstrapServers(), EVENTS);
             TopicRecords changes = new TopicRecords(broker.bootstrapServers(), CHANGES)) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(eventIds(events.withKey(orderId.toString())))
                        .containsExactly(placement.getIdentifier(), reservation.getIdentifier());
                assertThat(statuses(changes.withKey(orderId.toString())))
                        .containsExactly(OrderStatus.PENDING, OrderStatus.STOCK_RESERVED);
            });
        }
        long storedUpTo = progress.headOfEventStore();
        await().atMost(Duration.ofSeconds(30)).until(() -> progress.tokenIsAt(PUBLISHER, storedUpTo));

        assertThat(tokenStore.fetchSegments(OrderChangePublisher.PROCESSING_GROUP)).as("no token of its own").isEmpty();
        assertThat(eventProcessing.eventProcessors()).doesNotContainKey(OrderChangePublisher.PROCESSING_GROUP);
        assertThat(applicationContext.getBeansOfType(OrderChangeProducer.class)).as("no producer of its own").isEmpty();
    }

    @Test
    void keepsTheTokenAndSendsTheWholeBatchAgainWhenOnlyTheChangeTopicRefusesItsRecords() throws Exception {
        OrderId orderId = OrderId.random();
        eventStore.publish(event(orderId, 0, placed(orderId)));
        try (TopicRecords changes = new TopicRecords(broker.bootstrapServers(), CHANGES)) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(changes.withKey(orderId.toString())).hasSize(1));
        }
        long publishedUpTo = progress.headOfEventStore();
        await().atMost(Duration.ofSeconds(30)).until(() -> progress.tokenIsAt(PUBLISHER, publishedUpTo));

        limitRecordBatchesOfTheChangeTopic(TOO_SMALL_FOR_A_CHANGE);
        await().atMost(Duration.ofSeconds(30)).until(this::changeTopicRefusesRecords);
        DomainEventMessage<?> reservation = event(orderId, 1, new OrderStockReservedEvent(orderId));
        DomainEventMessage<?> completion = event(orderId, 2, new OrderCompletedEvent(orderId));
        // The batch ends with an event the feed makes no change for.
        eventStore.publish(reservation, completion, GenericEventMessage.asEventMessage("catalogue re-indexed"));

        try (TopicRecords events = new TopicRecords(broker.bootstrapServers(), EVENTS);
             TopicRecords changes = new TopicRecords(broker.bootstrapServers(), CHANGES)) {
            // The publisher's records of the batch were acknowledged ...
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(eventIds(events.withKey(
                    orderId.toString()))).contains(reservation.getIdentifier(), completion.getIdentifier()));
            // ... but the change records were not, so the batch failed and the token stayed.
            await().atMost(Duration.ofSeconds(60)).until(() -> progress.isInErrorState(PUBLISHER));
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
                    .until(() -> progress.tokenIsAt(PUBLISHER, publishedUpTo));
            assertThat(statuses(changes.withKey(orderId.toString()))).containsExactly(OrderStatus.PENDING);

            limitRecordBatchesOfTheChangeTopic(null);

            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(
                    statuses(changes.withKey(orderId.toString())).stream().distinct().toList()).containsExactly(
                            OrderStatus.PENDING, OrderStatus.STOCK_RESERVED, OrderStatus.COMPLETED));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(eventIds(events.withKey(
                    orderId.toString()))).as("the batch's events were sent again with it")
                    .filteredOn(reservation.getIdentifier()::equals).hasSizeGreaterThanOrEqualTo(2));
        }
        long storedUpTo = progress.headOfEventStore();
        await().atMost(Duration.ofSeconds(30)).until(() -> progress.tokenIsAt(PUBLISHER, storedUpTo));
        assertThat(progress.isInErrorState(PUBLISHER)).isFalse();
    }

    /**
     * Sets the topic's {@code max.message.bytes}: the broker refuses a record batch above it (a record
     * larger than it fails). {@code null} goes back to the broker's default.
     */
    private void limitRecordBatchesOfTheChangeTopic(Integer maxBytes) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, CHANGES);
            AlterConfigOp change = maxBytes == null
                    ? new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, null),
                            AlterConfigOp.OpType.DELETE)
                    : new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, maxBytes.toString()),
                            AlterConfigOp.OpType.SET);
            admin.incrementalAlterConfigs(Map.of(topic, List.of(change))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** Whether the broker already applies the limit: a probe record of change size, sent once, is refused. */
    private boolean changeTopicRefusesRecords() throws InterruptedException {
        Map<String, Object> configuration = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.RETRIES_CONFIG, 0);
        try (KafkaProducer<String, String> probe =
                     new KafkaProducer<>(configuration, new StringSerializer(), new StringSerializer())) {
            probe.send(new ProducerRecord<>(CHANGES, "probe", "x".repeat(2 * TOO_SMALL_FOR_A_CHANGE)))
                    .get(30, TimeUnit.SECONDS);
            return false;
        } catch (ExecutionException e) {
            return e.getCause() instanceof RecordTooLargeException;
        } catch (TimeoutException e) {
            return false;
        }
    }

    private static List<OrderStatus> statuses(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(record -> OrderChangeJson.read(record.value()).after().status()).toList();
    }
}
