package io.orderflow.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.orderflow.api.common.Money;
import io.orderflow.api.inventory.ReleaseStockCommand;
import io.orderflow.api.inventory.ReserveStockCommand;
import io.orderflow.api.inventory.Sku;
import io.orderflow.api.operations.FindParkedSagaEventsQuery;
import io.orderflow.api.operations.ParkedSagaEvents;
import io.orderflow.api.order.CustomerId;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.order.OrderLine;
import io.orderflow.api.order.OrderPlacedEvent;
import io.orderflow.api.order.ShippingAddress;
import io.orderflow.saga.parking.SagaEventParking;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.SimpleDeadlineManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The saga inside a real Axon Spring Boot context on H2 (JPA event store, saga store and token
 * store, Jackson serializer configured like the application's, Flyway migration): the
 * {@value OrderFulfilmentSagaConfig#PROCESSING_GROUP} multi-threaded tracking processor starts a saga per order,
 * resolves its handler parameters from Spring beans (also in deadline handlers), and parks an event
 * that fails on every attempt, after which it carries on with the next order.
 */
@SpringBootTest(classes = OrderFulfilmentSagaProcessingIT.SagaApplication.class, properties = {
        // Plain H2: Hibernate creates Axon's tables here, and H2 in PostgreSQL mode refuses their BLOB columns.
        "spring.datasource.url=jdbc:h2:mem:saga-processing;DB_CLOSE_DELAY=-1",
        "spring.flyway.locations=classpath:db/migration/common",
        "spring.jpa.hibernate.ddl-auto=update",
        "axon.serializer.general=jackson",
        "axon.serializer.events=jackson",
        "axon.serializer.messages=jackson",
        "orderflow.saga.max-attempts=2",
        "orderflow.saga.stock-timeout=2s"
})
class OrderFulfilmentSagaProcessingIT {

    /** Reservations of this SKU fail when the saga dispatches them, as a bug in a handler would. */
    private static final Sku POISON = new Sku("POISON");
    private static final Sku APPLE = new Sku("APPLE");
    private static final Duration PROCESSING = Duration.ofSeconds(30);

    @Autowired
    private EventStore eventStore;

    @Autowired
    private TransactionTemplate transactions;

    @Autowired
    private RecordingInventory inventory;

    @Autowired
    private SagaStore<Object> sagaStore;

    @Autowired
    private QueryGateway queryGateway;

    @Autowired
    private EventProcessingConfiguration eventProcessing;

    @Autowired
    private SagaEventParking sagaEventParking;

    /**
     * The saga processor starts at the head of the event store (as Axon does for sagas): an event
     * published before its threads have created their tokens would be behind the head. Wait until a
     * segment is claimed, which happens after the tokens of all segments exist.
     */
    @BeforeEach
    void waitForTheSagaProcessorToClaimItsSegments() {
        TrackingEventProcessor processor = eventProcessing.eventProcessor(OrderFulfilmentSagaConfig.PROCESSING_GROUP,
                TrackingEventProcessor.class).orElseThrow();
        await().atMost(PROCESSING).until(() -> !processor.processingStatus().isEmpty());
    }

    @Test
    void runsTheSagaOnATrackingProcessorWithTheParkingErrorHandler() {
        assertThat(eventProcessing.eventProcessor(OrderFulfilmentSagaConfig.PROCESSING_GROUP,
                TrackingEventProcessor.class)).isPresent();
        assertThat(eventProcessing.listenerInvocationErrorHandler(OrderFulfilmentSagaConfig.PROCESSING_GROUP))
                .isSameAs(sagaEventParking);
    }

    @Test
    void startsAStoredSagaThatReservesStockWhenAnOrderIsPlaced() {
        OrderId orderId = OrderId.random();

        publish(placed(orderId, APPLE));

        await().atMost(PROCESSING).untilAsserted(() -> {
            assertThat(inventory.commands).contains(new ReserveStockCommand(APPLE, orderId, 2));
            assertThat(sagaStore.findSagas(OrderFulfilmentSaga.class,
                    new AssociationValue("orderId", orderId.toString()))).hasSize(1);
        });
    }

    @Test
    void releasesTheStartedReservationWhenTheStockDeadlinePasses() {
        OrderId orderId = OrderId.random();

        publish(placed(orderId, APPLE));

        await().atMost(PROCESSING).untilAsserted(() -> assertThat(inventory.commands)
                .containsSubsequence(
                        new ReserveStockCommand(APPLE, orderId, 2),
                        new ReleaseStockCommand(APPLE, orderId)));
    }

    @Test
    void parksAnEventThatFailsOnEveryAttemptAndCarriesOnWithTheNextOrder() {
        OrderId poisoned = OrderId.random();
        OrderId healthy = OrderId.random();

        publish(placed(poisoned, POISON));
        publish(placed(healthy, APPLE));

        await().atMost(PROCESSING).untilAsserted(() -> assertThat(parkedEvents())
                .anySatisfy(entry -> {
                    assertThat(entry.associationValue()).isEqualTo(poisoned.toString());
                    assertThat(entry.sagaType()).isEqualTo(OrderFulfilmentSaga.class.getName());
                    assertThat(entry.eventType()).isEqualTo(OrderPlacedEvent.class.getName());
                    assertThat(entry.payload()).contains(poisoned.toString(), "POISON");
                    assertThat(entry.error()).contains("IllegalStateException", "reservation of POISON refused");
                    assertThat(entry.attempts()).isEqualTo(2);
                }));
        await().atMost(PROCESSING).untilAsserted(() -> assertThat(inventory.commands)
                .contains(new ReserveStockCommand(APPLE, healthy, 2)));
    }

    private List<ParkedSagaEvents.Entry> parkedEvents() {
        return queryGateway.query(new FindParkedSagaEventsQuery(50), ParkedSagaEvents.class).join().entries();
    }

    /** Appends the event as the Order aggregate would: one event, its own transaction. */
    private void publish(OrderPlacedEvent event) {
        transactions.executeWithoutResult(status -> eventStore.publish(
                new GenericDomainEventMessage<>("Order", event.orderId().toString(), 0, event)));
    }

    private static OrderPlacedEvent placed(OrderId orderId, Sku sku) {
        return new OrderPlacedEvent(orderId, new CustomerId("customer-1"),
                List.of(new OrderLine(sku, 2, new BigDecimal("3.00"))), Money.of("6.00", "EUR"),
                new ShippingAddress("Alan Turing", "Bletchley Park", "Milton Keynes", "MK3 6EB", "GB"),
                Instant.parse("2025-05-01T10:00:00Z"));
    }

    /**
     * The saga module plus what the application provides: a deadline manager, the Jackson mapper
     * and, for this test, a command handler standing in for the inventory.
     */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({OrderFulfilmentSagaConfig.class, OrderFulfilmentSaga.class})
    static class SagaApplication {

        @Bean
        ObjectMapper objectMapper() {
            return JsonMapper.builder()
                    .addModule(new JavaTimeModule())
                    .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .build();
        }

        @Bean
        DeadlineManager deadlineManager(Configuration configuration, TransactionManager transactionManager) {
            return SimpleDeadlineManager.builder()
                    .scopeAwareProvider(new ConfigurationScopeAwareProvider(configuration))
                    .transactionManager(transactionManager)
                    .build();
        }

        @Bean
        RecordingInventory recordingInventory() {
            return new RecordingInventory();
        }

        @Bean
        MessageDispatchInterceptor<CommandMessage<?>> poisonedReservations() {
            return messages -> (index, command) -> {
                if (command.getPayload() instanceof ReserveStockCommand reserve && reserve.sku().equals(POISON)) {
                    throw new IllegalStateException("reservation of POISON refused");
                }
                return command;
            };
        }
    }

    /** Stands in for the inventory: records the commands the saga sends, and never replies. */
    static class RecordingInventory {

        final List<Object> commands = new CopyOnWriteArrayList<>();

        @CommandHandler
        void handle(ReserveStockCommand command) {
            commands.add(command);
        }

        @CommandHandler
        void handle(ReleaseStockCommand command) {
            commands.add(command);
        }
    }
}
