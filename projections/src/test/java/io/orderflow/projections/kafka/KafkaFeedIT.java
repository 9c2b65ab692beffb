package io.orderflow.projections.kafka;

import io.orderflow.projections.support.EmbeddedPostgresDataSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.orderflow.api.common.Money;
import io.orderflow.api.inventory.FindProductQuery;
import io.orderflow.api.inventory.ProductRegisteredEvent;
import io.orderflow.api.inventory.ProductStock;
import io.orderflow.api.inventory.Sku;
import io.orderflow.api.inventory.StockCommittedEvent;
import io.orderflow.api.inventory.StockReservedEvent;
import io.orderflow.api.order.CustomerId;
import io.orderflow.api.order.FindOrderQuery;
import io.orderflow.api.order.OrderCompletedEvent;
import io.orderflow.api.order.OrderDetails;
import io.orderflow.api.order.OrderDetails.HistoryEntry;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.order.OrderLine;
import io.orderflow.api.order.OrderPaymentAuthorizedEvent;
import io.orderflow.api.order.OrderPlacedEvent;
import io.orderflow.api.order.OrderShipmentScheduledEvent;
import io.orderflow.api.order.OrderStatus;
import io.orderflow.api.order.OrderStockReservedEvent;
import io.orderflow.api.order.ShippingAddress;
import io.orderflow.api.payment.PaymentAuthorizedEvent;
import io.orderflow.api.payment.PaymentId;
import io.orderflow.api.shipping.ShipmentId;
import io.orderflow.api.shipping.ShipmentScheduledEvent;
import io.orderflow.projections.ProjectionsTestApplication;
import io.orderflow.projections.inventory.ProductStockUpdater;
import io.orderflow.projections.order.OrderViewUpdater;
import io.orderflow.projections.support.ProcessedEvents;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The read models fed from a real Kafka broker (in-process KRaft) into a real PostgreSQL, with
 * records written exactly as the kafka-bridge writes them. Failures come from a test-only
 * {@link ProjectionTransactionHook} that throws inside the read model's transaction.
 */
@SpringBootTest(
        classes = {ProjectionsTestApplication.class, KafkaFeedIT.Infrastructure.class},
        properties = {
                "axon.serializer.general=jackson",
                "axon.serializer.events=jackson",
                "axon.serializer.messages=jackson",
                "orderflow.projections.kafka-feed.concurrency=3",
                "orderflow.projections.kafka-feed.retry.max-retries=4",
                "orderflow.projections.kafka-feed.retry.initial-interval=300ms",
                "orderflow.projections.kafka-feed.retry.max-interval=2s",
                "logging.level.org.apache.kafka=WARN",
                "logging.level.kafka=WARN",
                "logging.level.org.apache.kafka.clients.NetworkClient=ERROR"
        })
@EmbeddedKafka(kraft = true, partitions = 6, topics = KafkaFeedIT.TOPIC, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class KafkaFeedIT {

    static final String TOPIC = "orderflow.events";

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String ORDER_VIEW_GROUP = "orderflow.projections.order-view";
    private static final String PRODUCT_STOCK_GROUP = "orderflow.projections.product-stock";
    private static final String ORDER_VIEW = OrderViewUpdater.PROCESSOR;

    @Autowired
    private EmbeddedKafkaBroker broker;

    @Autowired
    @Qualifier("eventSerializer")
    private Serializer eventSerializer;

    @Autowired
    private QueryGateway queryGateway;

    @Autowired
    private DeadLetterReplay deadLetters;

    @Autowired
    private ScriptedFailures failures;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private ProcessedEvents processedEvents;

    @Autowired
    private List<ConcurrentMessageListenerContainer<String, byte[]>> readModelFeeds;

    private KafkaProducer<String, byte[]> producer;
    private Admin admin;
    private BridgeRecords bridge;
    private final Sku widget = new Sku("WIDGET-" + System.nanoTime());

    /**
     * Every consumer of both groups holds partitions before a test sends: a consumer that joins its group
     * later rebalances it, and a record in retry then starts its attempts again on its new owner.
     */
    @BeforeEach
    void waitUntilEveryConsumerHasJoined() {
        await().atMost(PATIENCE).until(() -> readModelFeeds.stream()
                .flatMap(feed -> feed.getContainers().stream())
                .allMatch(consumer -> consumer.getAssignedPartitions() != null
                        && !consumer.getAssignedPartitions().isEmpty()));
    }

    @BeforeEach
    void connect() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
        bridge = new BridgeRecords(eventSerializer, TOPIC, Instant.parse("2025-03-01T10:00:00Z"));
    }

    @AfterEach
    void disconnect() {
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }

    @Test
    void recordProducedTwiceWithTheSameEventIdChangesTheReadModelsOnce() throws Exception {
        registerWidget(10);
        OrderId orderId = OrderId.random();
        double orderViewDuplicatesBefore = count(ProcessedEvents.DUPLICATES_METER, "processor", ORDER_VIEW);
        double productStockDuplicatesBefore = count(ProcessedEvents.DUPLICATES_METER, "processor", ProductStockUpdater.PROCESSOR);

        send(bridge.next("Order", orderId, placed(orderId)));
        DomainEventMessage<?> reserved = bridge.next("Product", widget, new StockReservedEvent(widget, orderId, 2, 10, 2));
        send(reserved);
        send(reserved);
        DomainEventMessage<?> confirmed = bridge.next("Order", orderId, new OrderStockReservedEvent(orderId));
        send(confirmed);
        send(confirmed);

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(count(ProcessedEvents.DUPLICATES_METER, "processor", ORDER_VIEW) - orderViewDuplicatesBefore).isEqualTo(2);
            assertThat(count(ProcessedEvents.DUPLICATES_METER, "processor", ProductStockUpdater.PROCESSOR)
                    - productStockDuplicatesBefore).isEqualTo(1);
        });
        OrderDetails order = findOrder(orderId).orElseThrow();
        assertThat(order.status()).isEqualTo(OrderStatus.STOCK_RESERVED);
        assertThat(order.history()).extracting(HistoryEntry::eventType)
                .containsExactly("OrderPlacedEvent", "StockReservedEvent", "OrderStockReservedEvent");
        assertThat(findProduct()).contains(new ProductStock(widget, "Widget", 10, 2, 8));
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicWithTheirHeadersAndTheRecordsBehindThemAreApplied() throws Exception {
        OrderId orderId = OrderId.random();
        double deadLettersBefore = count(KafkaFeedConfiguration.DEAD_LETTERS_METER, "group", ORDER_VIEW_GROUP);
        send(bridge.next("Order", orderId, placed(orderId)));

        ProducerRecord<String, byte[]> garbage = withValue(
                bridge.record(bridge.next("Order", orderId, new OrderStockReservedEvent(orderId))),
                "{not json".getBytes(StandardCharsets.UTF_8));
        ProducerRecord<String, byte[]> unknownType = withHeader(
                bridge.record(bridge.next("Order", orderId, new OrderStockReservedEvent(orderId))),
                "axon-message-type", "io.orderflow.api.order.OrderTeleportedEvent");
        RecordMetadata garbageSent = send(garbage);
        RecordMetadata unknownTypeSent = send(unknownType);
        RecordMetadata behind = send(bridge.next("Order", orderId, new OrderStockReservedEvent(orderId)));
        assertThat(List.of(garbageSent.partition(), unknownTypeSent.partition())).containsOnly(behind.partition());

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(findOrder(orderId)).hasValueSatisfying(order -> {
            assertThat(order.status()).isEqualTo(OrderStatus.STOCK_RESERVED);
            assertThat(order.history()).extracting(HistoryEntry::eventType)
                    .containsExactly("OrderPlacedEvent", "OrderStockReservedEvent");
        }));
        String deadLetterTopic = deadLetters.deadLetterTopic(ORDER_VIEW_GROUP);
        assertThat(deadLetterTopic).isEqualTo("orderflow.events.orderflow.projections.order-view.DLT");
        List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
        await().atMost(PATIENCE).untilAsserted(() -> {
            dead.clear();
            dead.addAll(TopicContents.read(broker.getBrokersAsString(), deadLetterTopic));
            assertThat(dead).extracting(record -> header(record, "event-id"))
                    .contains(header(garbage, "event-id"), header(unknownType, "event-id"));
        });

        assertDeadLetterOf(dead, garbage, garbageSent, "does not deserialize");
        assertDeadLetterOf(dead, unknownType, unknownTypeSent, "is unknown to this application");
        assertThat(count(KafkaFeedConfiguration.DEAD_LETTERS_METER, "group", ORDER_VIEW_GROUP) - deadLettersBefore)
                .isGreaterThanOrEqualTo(2);
        assertThat(deadLetters.list(ORDER_VIEW_GROUP, 1000)).filteredOn(letter -> header(garbage, "event-id").equals(letter.eventId()))
                .singleElement().satisfies(letter -> {
                    assertThat(letter.key()).isEqualTo(orderId.toString());
                    assertThat(letter.eventType()).isEqualTo("OrderStockReservedEvent");
                    assertThat(letter.exceptionClass()).isEqualTo(UnreadableEventException.class.getName());
                    assertThat(letter.exceptionMessage()).contains("does not deserialize as io.orderflow.api.order.OrderStockReservedEvent");
                    assertThat(letter.originalTopic()).isEqualTo(TOPIC);
                    assertThat(letter.originalPartition()).isEqualTo(garbageSent.partition());
                    assertThat(letter.originalOffset()).isEqualTo(garbageSent.offset());
                    assertThat(letter.replayed()).isFalse();
                });
        // the other read model cannot read it either, and says so on its own dead-letter topic
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(deadLetters.list(PRODUCT_STOCK_GROUP, 1000)).extracting(DeadLetter::eventId)
                        .contains(header(garbage, "event-id"), header(unknownType, "event-id")));
    }

    @Test
    void recordWhoseUpdateFailsTransientlyIsRetriedAndThenAppliedOnce() throws Exception {
        OrderId orderId = OrderId.random();
        DomainEventMessage<?> placed = bridge.next("Order", orderId, placed(orderId));
        failures.failTimes(ORDER_VIEW, placed.getIdentifier(), 2);

        send(placed);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(findOrder(orderId)).hasValueSatisfying(order -> {
            assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
            assertThat(order.history()).extracting(HistoryEntry::eventType).containsExactly("OrderPlacedEvent");
        }));
        assertThat(failures.attempts(ORDER_VIEW, placed.getIdentifier())).isEqualTo(3);
        assertThat(failures.passed(ORDER_VIEW)).containsOnlyOnce(placed.getIdentifier());
        assertThat(deadLetters.list(ORDER_VIEW_GROUP, 1000)).extracting(DeadLetter::eventId)
                .doesNotContain(placed.getIdentifier());
    }

    @Test
    void eventsOfOneOrderFromEveryAggregateShareAPartitionAndAreAppliedInOrder() throws Exception {
        registerWidget(10);
        OrderId orderId = OrderId.random();
        OrderId otherOrder = OrderId.random();
        PaymentId paymentId = PaymentId.forOrder(orderId);
        ShipmentId shipmentId = ShipmentId.forOrder(orderId);
        Money total = Money.of("30.00", "EUR");
        List<DomainEventMessage<?>> story = List.of(
                bridge.next("Order", orderId, placed(orderId)),
                bridge.next("Product", widget, new StockReservedEvent(widget, orderId, 2, 10, 2)),
                bridge.next("Order", orderId, new OrderStockReservedEvent(orderId)),
                bridge.next("Payment", paymentId, new PaymentAuthorizedEvent(paymentId, orderId, total, "AUTH-1")),
                bridge.next("Order", orderId, new OrderPaymentAuthorizedEvent(orderId, paymentId, total)),
                bridge.next("Shipment", shipmentId, new ShipmentScheduledEvent(shipmentId, orderId, "Parcelo", "TRK-1")),
                bridge.next("Order", orderId, new OrderShipmentScheduledEvent(orderId, shipmentId, "TRK-1")),
                bridge.next("Product", widget, new StockCommittedEvent(widget, orderId, 2, 8, 0)),
                bridge.next("Order", orderId, new OrderCompletedEvent(orderId)));

        List<Integer> partitions = new ArrayList<>();
        for (DomainEventMessage<?> event : story) {
            partitions.add(send(event).partition());
            send(bridge.next("Order", otherOrder, event == story.get(0) ? placed(otherOrder) : new OrderStockReservedEvent(otherOrder)));
        }

        assertThat(partitions).as("every record of one order on one partition").containsOnly(partitions.get(0));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(findOrder(orderId)).hasValueSatisfying(order -> {
            assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
            assertThat(order.history()).extracting(HistoryEntry::eventType).containsExactly(
                    "OrderPlacedEvent", "StockReservedEvent", "OrderStockReservedEvent", "PaymentAuthorizedEvent",
                    "OrderPaymentAuthorizedEvent", "ShipmentScheduledEvent", "OrderShipmentScheduledEvent",
                    "StockCommittedEvent", "OrderCompletedEvent");
        }));
        List<String> storyIds = story.stream().map(DomainEventMessage::getIdentifier).toList();
        assertThat(failures.passed(ORDER_VIEW)).filteredOn(storyIds::contains).containsExactlyElementsOf(storyIds);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(findProduct()).contains(new ProductStock(widget, "Widget", 8, 0, 8)));
    }

    @Test
    void deadLetteredRecordCanBeReplayedOnceTheCauseIsFixedAndThenChangesTheReadModelOnce() throws Exception {
        OrderId orderId = OrderId.random();
        PaymentId paymentId = PaymentId.forOrder(orderId);
        Money total = Money.of("30.00", "EUR");
        double deadLettersBefore = count(KafkaFeedConfiguration.DEAD_LETTERS_METER, "group", ORDER_VIEW_GROUP);
        DomainEventMessage<?> placed = bridge.next("Order", orderId, placed(orderId));
        DomainEventMessage<?> reserved = bridge.next("Order", orderId, new OrderStockReservedEvent(orderId));
        DomainEventMessage<?> authorised = bridge.next("Order", orderId, new OrderPaymentAuthorizedEvent(orderId, paymentId, total));
        failures.failUntilHealed(ORDER_VIEW, reserved.getIdentifier());

        send(placed);
        send(reserved);
        send(authorised);

        // consumption goes on behind the failing record, which ends on the dead-letter topic
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(findOrder(orderId)).hasValueSatisfying(order ->
                assertThat(order.history()).extracting(HistoryEntry::eventType)
                        .containsExactly("OrderPlacedEvent", "OrderPaymentAuthorizedEvent")));
        DeadLetter letter = await().atMost(PATIENCE).until(() -> deadLetterOf(reserved.getIdentifier()), Optional::isPresent).orElseThrow();
        assertThat(letter.replayed()).isFalse();
        assertThat(count(KafkaFeedConfiguration.DEAD_LETTERS_METER, "group", ORDER_VIEW_GROUP) - deadLettersBefore).isGreaterThanOrEqualTo(1);
        assertThat(failures.attempts(ORDER_VIEW, reserved.getIdentifier())).isEqualTo(5);

        failures.heal(ORDER_VIEW, reserved.getIdentifier());
        ReplayResult replay = deadLetters.replay(ORDER_VIEW_GROUP, letter.partition(), letter.offset());

        assertThat(replay.outcome()).isEqualTo(ReplayResult.Outcome.REPLAYED);
        assertThat(replay.eventId()).isEqualTo(reserved.getIdentifier());
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(findOrder(orderId)).hasValueSatisfying(order -> {
            assertThat(order.history()).extracting(HistoryEntry::eventType)
                    .containsExactly("OrderPlacedEvent", "OrderStockReservedEvent", "OrderPaymentAuthorizedEvent");
            // the late step does not move the order back
            assertThat(order.status()).isEqualTo(OrderStatus.PAYMENT_AUTHORIZED);
        }));

        assertThat(deadLetters.replay(ORDER_VIEW_GROUP, letter.partition(), letter.offset()).outcome())
                .isEqualTo(ReplayResult.Outcome.ALREADY_REPLAYED);
        assertThat(deadLetterOf(reserved.getIdentifier())).hasValueSatisfying(again -> assertThat(again.replayed()).isTrue());
        assertThat(deadLetters.replay(ORDER_VIEW_GROUP, letter.partition(), Long.MAX_VALUE - 1).outcome())
                .isEqualTo(ReplayResult.Outcome.NOT_FOUND);

        // a second failure, replayed with everything else that was not replayed yet
        DomainEventMessage<?> completed = bridge.next("Order", orderId, new OrderCompletedEvent(orderId));
        failures.failUntilHealed(ORDER_VIEW, completed.getIdentifier());
        send(completed);
        await().atMost(PATIENCE).until(() -> deadLetterOf(completed.getIdentifier()), Optional::isPresent);
        failures.heal(ORDER_VIEW, completed.getIdentifier());

        List<ReplayResult> replayed = deadLetters.replayAll(ORDER_VIEW_GROUP);

        assertThat(replayed).extracting(ReplayResult::eventId)
                .contains(completed.getIdentifier())
                .doesNotContain(reserved.getIdentifier());
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(findOrder(orderId)).hasValueSatisfying(order -> {
            assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
            assertThat(order.history()).extracting(HistoryEntry::eventType).containsOnlyOnce("OrderStockReservedEvent", "OrderCompletedEvent");
        }));
        assertThat(failures.passed(ORDER_VIEW)).containsOnlyOnce(reserved.getIdentifier(), completed.getIdentifier());
    }

    @Test
    void offsetIsCommittedOnlyAfterTheDatabaseTransactionCommits() throws Exception {
        OrderId orderId = OrderId.random();
        send(bridge.next("Order", orderId, placed(orderId)));
        await().atMost(PATIENCE).until(() -> findOrder(orderId).isPresent());
        DomainEventMessage<?> reserved = bridge.next("Order", orderId, new OrderStockReservedEvent(orderId));
        failures.failUntilHealed(ORDER_VIEW, reserved.getIdentifier());

        RecordMetadata sent = send(reserved);
        TopicPartition partition = new TopicPartition(TOPIC, sent.partition());

        // the update ran and its transaction rolled back
        await().atMost(PATIENCE).until(() -> failures.attempts(ORDER_VIEW, reserved.getIdentifier()) >= 1);
        assertThat(committedOffset(ORDER_VIEW_GROUP, partition)).as("committed offset").isLessThanOrEqualTo(sent.offset());
        assertThat(processedEvents.isProcessed(ORDER_VIEW, reserved.getIdentifier())).isFalse();
        assertThat(findOrder(orderId)).hasValueSatisfying(order -> {
            assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
            assertThat(order.history()).extracting(HistoryEntry::eventType).containsExactly("OrderPlacedEvent");
        });

        failures.heal(ORDER_VIEW, reserved.getIdentifier());

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(findOrder(orderId)).hasValueSatisfying(order -> assertThat(order.status()).isEqualTo(OrderStatus.STOCK_RESERVED));
            assertThat(committedOffset(ORDER_VIEW_GROUP, partition)).isGreaterThan(sent.offset());
        });
        assertThat(processedEvents.isProcessed(ORDER_VIEW, reserved.getIdentifier())).isTrue();
        assertThat(deadLetterOf(reserved.getIdentifier())).isEmpty();
    }

    @Test
    void aSteadyTrickleOfRecordsIsAppliedInFarFewerTransactionsThanRecords() throws Exception {
        OrderId orderId = OrderId.random();
        send(bridge.next("Order", orderId, placed(orderId)));
        // the consumers have their partitions: what follows is not a backlog found at start-up
        await().atMost(PATIENCE).until(() -> findOrder(orderId).isPresent());
        List<DomainEventMessage<?>> trickle = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            trickle.add(bridge.next("Order", orderId, new OrderStockReservedEvent(orderId)));
        }
        double batchesBefore = successfulBatches(ORDER_VIEW);

        // 40 events/s, as a busy write side publishes them: with Kafka's fetch defaults the consumer got
        // each record on its own (one transaction and one offset commit per record)
        ScheduledExecutorService writeSide = Executors.newSingleThreadScheduledExecutor();
        Iterator<DomainEventMessage<?>> next = trickle.iterator();
        CountDownLatch published = new CountDownLatch(trickle.size());
        writeSide.scheduleAtFixedRate(() -> {
            if (next.hasNext()) {
                producer.send(bridge.record(next.next()), (metadata, failure) -> published.countDown());
            }
        }, 0, 25, TimeUnit.MILLISECONDS);
        try {
            assertThat(published.await(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            writeSide.shutdownNow();
        }

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(findOrder(orderId)).hasValueSatisfying(order -> {
            assertThat(order.status()).isEqualTo(OrderStatus.STOCK_RESERVED);
            assertThat(order.history()).hasSize(1 + trickle.size());
        }));
        // each poll is one transaction; the consumer waits up to fetch-max-wait (200 ms) for more records
        assertThat(successfulBatches(ORDER_VIEW) - batchesBefore).as("transactions for %s records", trickle.size())
                .isLessThan(trickle.size() / 2.0);
    }

    @Test
    void exposesListenerTimersKafkaClientMetricsAndTheDeadLetterCounters() throws Exception {
        OrderId orderId = OrderId.random();

        send(bridge.next("Order", orderId, placed(orderId)));

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(findOrder(orderId)).isPresent();
            assertThat(meters.find("spring.kafka.listener").tag("read.model", ORDER_VIEW).tag("result", "success").timers())
                    .isNotEmpty()
                    .anySatisfy(timer -> assertThat(timer.count()).isPositive());
            assertThat(meters.getMeters()).anySatisfy(meter -> assertThat(meter.getId().getName()).startsWith("kafka.consumer."));
        });
        assertThat(meters.find(KafkaFeedConfiguration.DEAD_LETTERS_METER).tag("group", PRODUCT_STOCK_GROUP).counter()).isNotNull();
        assertThat(meters.find(KafkaFeedConfiguration.DEAD_LETTERS_METER).tag("group", ORDER_VIEW_GROUP).counter()).isNotNull();
    }

    private void registerWidget(int stock) throws Exception {
        send(bridge.next("Product", widget, new ProductRegisteredEvent(widget, "Widget", stock)));
        await().atMost(PATIENCE).until(() -> findProduct().isPresent());
    }

    private void assertDeadLetterOf(List<ConsumerRecord<String, byte[]>> dead, ProducerRecord<String, byte[]> original,
            RecordMetadata sent, String reason) {
        ConsumerRecord<String, byte[]> letter = dead.stream()
                .filter(record -> header(original, "event-id").equals(header(record, "event-id")))
                .findFirst().orElseThrow();
        assertThat(letter.key()).isEqualTo(original.key());
        assertThat(letter.value()).isEqualTo(original.value());
        assertThat(letter.partition()).isEqualTo(sent.partition());
        for (Header header : original.headers()) {
            assertThat(letter.headers().lastHeader(header.key())).as("original header %s", header.key())
                    .isNotNull()
                    .satisfies(copy -> assertThat(copy.value()).isEqualTo(header.value()));
        }
        assertThat(header(letter, "orderflow-dlt-exception-fqcn")).isEqualTo(UnreadableEventException.class.getName());
        assertThat(header(letter, "orderflow-dlt-exception-message")).contains(reason);
        assertThat(header(letter, KafkaHeaders.DLT_EXCEPTION_FQCN)).isNotBlank();
        assertThat(header(letter, KafkaHeaders.DLT_EXCEPTION_STACKTRACE)).contains(UnreadableEventException.class.getName(), "KafkaEventReader");
        assertThat(header(letter, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(TOPIC);
        assertThat(header(letter, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP)).isEqualTo(ORDER_VIEW_GROUP);
        assertThat(EventHeaders.longValue(letter.headers(), KafkaHeaders.DLT_ORIGINAL_OFFSET)).isEqualTo(sent.offset());
    }

    private Optional<DeadLetter> deadLetterOf(String eventId) {
        return deadLetters.list(ORDER_VIEW_GROUP, 1000).stream().filter(letter -> eventId.equals(letter.eventId())).findFirst();
    }

    private long committedOffset(String group, TopicPartition partition) throws Exception {
        OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS).get(partition);
        return committed == null ? -1 : committed.offset();
    }

    private RecordMetadata send(DomainEventMessage<?> event) throws Exception {
        return send(bridge.record(event));
    }

    private RecordMetadata send(ProducerRecord<String, byte[]> record) throws Exception {
        return producer.send(record).get(10, TimeUnit.SECONDS);
    }

    private Optional<OrderDetails> findOrder(OrderId orderId) {
        return queryGateway.query(new FindOrderQuery(orderId), ResponseTypes.optionalInstanceOf(OrderDetails.class)).join();
    }

    private Optional<ProductStock> findProduct() {
        return queryGateway.query(new FindProductQuery(widget), ResponseTypes.optionalInstanceOf(ProductStock.class)).join();
    }

    private double successfulBatches(String readModel) {
        return meters.find("spring.kafka.listener").tag("read.model", readModel).tag("result", "success").timers()
                .stream().mapToDouble(timer -> timer.count()).sum();
    }

    private double count(String meter, String tag, String value) {
        Counter counter = meters.find(meter).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    private OrderPlacedEvent placed(OrderId orderId) {
        return new OrderPlacedEvent(orderId, new CustomerId("C-7"),
                List.of(new OrderLine(widget, 2, new BigDecimal("15.00"))), Money.of("30.00", "EUR"),
                new ShippingAddress("Ada Lovelace", "1 Analytical Way", "London", "N1 9GU", "GB"),
                Instant.parse("2025-03-01T10:00:00Z"));
    }

    private static ProducerRecord<String, byte[]> withValue(ProducerRecord<String, byte[]> record, byte[] value) {
        return new ProducerRecord<>(record.topic(), null, record.key(), value, record.headers());
    }

    private static ProducerRecord<String, byte[]> withHeader(ProducerRecord<String, byte[]> record, String name, String value) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(record.topic(), null, record.key(), record.value(), headers);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return EventHeaders.string(record.headers(), name);
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        return EventHeaders.string(record.headers(), name);
    }

    /** A real PostgreSQL for the read models, a meter registry, and the failing hook. */
    @TestConfiguration(proxyBeanMethods = false)
    @Import(EmbeddedPostgresDataSource.class)
    static class Infrastructure {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        ScriptedFailures scriptedFailures() {
            return new ScriptedFailures();
        }
    }
}
