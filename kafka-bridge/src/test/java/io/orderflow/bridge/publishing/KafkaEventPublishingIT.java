package io.orderflow.bridge.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderflow.api.common.Money;
import io.orderflow.api.inventory.ProductRegisteredEvent;
import io.orderflow.api.inventory.RegisterProductCommand;
import io.orderflow.api.inventory.Sku;
import io.orderflow.api.inventory.StockReservedEvent;
import io.orderflow.api.order.CustomerId;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.order.OrderLine;
import io.orderflow.api.order.OrderPaymentAuthorizedEvent;
import io.orderflow.api.order.OrderPlacedEvent;
import io.orderflow.api.order.OrderStockReservedEvent;
import io.orderflow.api.order.ShippingAddress;
import io.orderflow.api.payment.PaymentAuthorizedEvent;
import io.orderflow.api.payment.PaymentId;
import io.orderflow.bridge.BridgeTestApplication;
import io.orderflow.bridge.TopicRecords;
import io.orderflow.bridge.broker.InProcessKafkaBroker;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaEventPublisher;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The publishing path end to end: the module's configuration in a small Spring Boot and Axon
 * application, the in-process broker the module starts when no Kafka is configured, an in-memory
 * event store, and a plain Kafka consumer reading what arrived.
 */
@SpringBootTest(classes = BridgeTestApplication.class, properties = {
    "orderflow.kafka.embedded.log-dir=target/kafka-it/publishing-${random.uuid}",
    "orderflow.kafka.embedded.port=0",
    "orderflow.kafka.embedded.controller-port=0"
})
@Import(KafkaEventPublishingIT.TestHandlers.class)
class KafkaEventPublishingIT {

    private static final Duration DELIVERY = Duration.ofSeconds(60);
    private static final String EVENTS = "orderflow.events";

    @Autowired
    private EventStore eventStore;

    @Autowired
    private CommandGateway commandGateway;

    @Autowired
    private InProcessKafkaBroker broker;

    @Autowired
    private ProductRegistration productRegistration;

    @Autowired
    private ApplicationContext applicationContext;

    @Autowired
    private EventProcessingConfiguration eventProcessing;

    @Value("${spring.kafka.bootstrap-servers}")
    private String springBootstrapServers;

    @Value("${axon.kafka.bootstrap-servers}")
    private String axonBootstrapServers;

    @Test
    void startsAnInProcessBrokerAndPointsEveryKafkaClientAtIt() {
        assertThat(broker.isRunning()).isTrue();
        assertThat(springBootstrapServers).isEqualTo(broker.bootstrapServers());
        assertThat(axonBootstrapServers).isEqualTo(broker.bootstrapServers());
    }

    @Test
    void publishesThroughOneTrackingProcessorInsteadOfTheExtensionsDefaults() {
        assertThat(applicationContext.getBeansOfType(KafkaEventPublisher.class)).hasSize(1);
        assertThat(applicationContext.getBean(KafkaMessageConverter.class))
                .isInstanceOf(EnvelopeKafkaMessageConverter.class);
        assertThat(eventProcessing.eventProcessor(KafkaPublishingConfiguration.PUBLISHING_PROCESSOR))
                .get().isInstanceOf(TrackingEventProcessor.class);
    }

    @Test
    void createsTheEventsTopicWithSixPartitionsAndAWeekOfRetentionAndACompactedOrderChangesTopic()
            throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of(EVENTS, "orderflow.order-changes"))
                    .allTopicNames().get(30, TimeUnit.SECONDS);
            ConfigResource eventsResource = new ConfigResource(ConfigResource.Type.TOPIC, EVENTS);
            ConfigResource changesResource = new ConfigResource(ConfigResource.Type.TOPIC, "orderflow.order-changes");
            Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(eventsResource, changesResource))
                    .all().get(30, TimeUnit.SECONDS);

            assertThat(topics.get(EVENTS).partitions()).hasSize(6);
            assertThat(topics.get("orderflow.order-changes").partitions()).hasSize(6);
            assertThat(configs.get(eventsResource).get("retention.ms").value())
                    .isEqualTo(Long.toString(Duration.ofDays(7).toMillis()));
            assertThat(configs.get(eventsResource).get("cleanup.policy").value()).isEqualTo("delete");
            assertThat(configs.get(changesResource).get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    @Test
    void publishesEveryEventOfAnOrderToOnePartitionInOrderKeyedByTheOrderId() {
        OrderId orderId = OrderId.random();
        OrderId otherOrder = OrderId.random();
        Sku sku = new Sku("SKU-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase());
        PaymentId paymentId = new PaymentId(UUID.randomUUID());
        Map<String, String> trace = Map.of("correlationId", "request-" + orderId, "causationId", "command-1");

        DomainEventMessage<?> productRegistered = event("Product", sku.value(), 0,
                new ProductRegisteredEvent(sku, "Blue mug", 10), Map.of());
        DomainEventMessage<?> placed = event("Order", orderId.toString(), 0, orderPlaced(orderId, sku), trace);
        DomainEventMessage<?> otherPlaced = event("Order", otherOrder.toString(), 0, orderPlaced(otherOrder, sku), Map.of());
        DomainEventMessage<?> reserved = event("Product", sku.value(), 1,
                new StockReservedEvent(sku, orderId, 2, 10, 2), trace);
        DomainEventMessage<?> orderReserved = event("Order", orderId.toString(), 1,
                new OrderStockReservedEvent(orderId), trace);
        DomainEventMessage<?> authorized = event("Payment", paymentId.toString(), 0,
                new PaymentAuthorizedEvent(paymentId, orderId, Money.of("19.00", "EUR"), "AUTH-1"), trace);
        DomainEventMessage<?> orderAuthorized = event("Order", orderId.toString(), 2,
                new OrderPaymentAuthorizedEvent(orderId, paymentId, Money.of("19.00", "EUR")), trace);

        eventStore.publish(List.of(productRegistered, placed, otherPlaced, reserved));
        eventStore.publish(List.of(orderReserved, authorized, orderAuthorized));

        try (TopicRecords records = new TopicRecords(broker.bootstrapServers(), EVENTS)) {
            await().atMost(DELIVERY).untilAsserted(() ->
                    assertThat(records.withKey(orderId.toString())).hasSize(5));
            List<ConsumerRecord<String, byte[]>> ofOrder = records.withKey(orderId.toString());

            assertThat(ofOrder).extracting(record -> header(record, "event-id")).containsExactly(
                    placed.getIdentifier(), reserved.getIdentifier(), orderReserved.getIdentifier(),
                    authorized.getIdentifier(), orderAuthorized.getIdentifier());
            assertThat(ofOrder).extracting(ConsumerRecord::partition).containsOnly(ofOrder.get(0).partition());
            assertThat(ofOrder).extracting(record -> header(record, "event-type")).containsExactly(
                    "OrderPlacedEvent", "StockReservedEvent", "OrderStockReservedEvent",
                    "PaymentAuthorizedEvent", "OrderPaymentAuthorizedEvent");
            assertThat(ofOrder).extracting(record -> header(record, "source")).containsExactly(
                    "orderflow/Order", "orderflow/Product", "orderflow/Order", "orderflow/Payment", "orderflow/Order");
            assertThat(ofOrder).extracting(record -> header(record, "correlation-id"))
                    .containsOnly("request-" + orderId);

            ConsumerRecord<String, byte[]> first = ofOrder.get(0);
            assertThat(header(first, "aggregate-id")).isEqualTo(orderId.toString());
            assertThat(header(first, "occurred-at")).isEqualTo(placed.getTimestamp().toString());
            assertThat(header(first, "schema-version")).isEqualTo("1");
            assertThat(header(first, "causation-id")).isEqualTo("command-1");
            assertThat(new String(first.value())).contains(orderId.toString());

            List<ConsumerRecord<String, byte[]>> ofProduct = records.withKey(sku.value());
            assertThat(ofProduct).extracting(record -> header(record, "event-id"))
                    .containsExactly(productRegistered.getIdentifier());
            assertThat(records.withKey(otherOrder.toString())).extracting(record -> header(record, "event-id"))
                    .containsExactly(otherPlaced.getIdentifier());
        }
    }

    @Test
    void carriesTheCallersCorrelationIdThroughTheCommandAndItsEventIntoKafkaAndTheLogContext() {
        Sku sku = new Sku("SKU-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase());
        CommandMessage<RegisterProductCommand> command =
                GenericCommandMessage.<RegisterProductCommand>asCommandMessage(
                                new RegisterProductCommand(sku, "Green mug", 5))
                        .andMetaData(Map.of("correlationId", "web-request-42"));

        commandGateway.sendAndWait(command);

        assertThat(productRegistration.correlationIdInLogContext).hasValue("web-request-42");
        try (TopicRecords records = new TopicRecords(broker.bootstrapServers(), EVENTS)) {
            await().atMost(DELIVERY).untilAsserted(() -> assertThat(records.withKey(sku.value())).hasSize(1));
            ConsumerRecord<String, byte[]> record = records.withKey(sku.value()).get(0);

            assertThat(header(record, "correlation-id")).isEqualTo("web-request-42");
            assertThat(header(record, "causation-id")).isEqualTo(command.getIdentifier());
            assertThat(header(record, "event-type")).isEqualTo("ProductRegisteredEvent");
        }
    }

    private static DomainEventMessage<?> event(String type, String aggregateId, long sequence, Object payload,
                                               Map<String, ?> metaData) {
        return new GenericDomainEventMessage<>(type, aggregateId, sequence, payload, metaData,
                UUID.randomUUID().toString(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    private static OrderPlacedEvent orderPlaced(OrderId orderId, Sku sku) {
        return new OrderPlacedEvent(orderId, new CustomerId("customer-1"),
                List.of(new OrderLine(sku, 2, new BigDecimal("9.50"))), Money.of("19.00", "EUR"),
                new ShippingAddress("Ada Lovelace", "1 Main Street", "London", "N1 9GU", "GB"), Instant.now());
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return EnvelopeHeaders.read(record.headers(), name).orElse(null);
    }

    /** Test-only message handlers. */
    @TestConfiguration(proxyBeanMethods = false)
    static class TestHandlers {

        @Bean
        ProductRegistration productRegistration(EventBus eventBus) {
            return new ProductRegistration(eventBus);
        }
    }

    /** A stand-in for the inventory aggregate: registers a product by applying its event. */
    static class ProductRegistration {

        final AtomicReference<String> correlationIdInLogContext = new AtomicReference<>();

        private final EventBus eventBus;

        ProductRegistration(EventBus eventBus) {
            this.eventBus = eventBus;
        }

        @CommandHandler
        public void handle(RegisterProductCommand command) {
            correlationIdInLogContext.set(MDC.get("correlationId"));
            eventBus.publish(new GenericDomainEventMessage<>("Product", command.sku().value(), 0L,
                    new ProductRegisteredEvent(command.sku(), command.name(), command.initialStock())));
        }
    }
}
