package io.orderflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.api.inventory.ProductRegisteredEvent;
import io.orderflow.api.inventory.Sku;
import io.orderflow.api.inventory.StockRestockedEvent;
import io.orderflow.app.messaging.TransientFailureRetryScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.AsynchronousCommandBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.saga.SagaScopeDescriptor;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every supported database must give the application, checked against the real database of
 * the subclass: Flyway creates the schema and Hibernate validates it, events round-trip through the
 * event store and stream to tracking processors, tokens persist, deadlines persist in
 * {@code scheduled_tasks}, and the infrastructure beans are the ones this module declares.
 */
abstract class ApplicationBootContract {

    static final Set<String> SERIALIZED_DATA_COLUMNS = Set.of(
            "domain_event_entry.payload", "domain_event_entry.meta_data",
            "snapshot_event_entry.payload", "snapshot_event_entry.meta_data",
            "token_entry.token", "saga_entry.serialized_saga",
            "dead_letter_entry.payload", "dead_letter_entry.meta_data",
            "dead_letter_entry.token", "dead_letter_entry.diagnostics");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    EventStore eventStore;
    @Autowired
    TokenStore tokenStore;
    @Autowired
    DeadlineManager deadlineManager;
    @Autowired
    CommandBus commandBus;
    @Autowired
    Serializer serializer;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;
    @Autowired
    @Qualifier("messageSerializer")
    Serializer messageSerializer;
    @Autowired
    TransientFailureRetryScheduler retryScheduler;
    @Autowired
    CommandGateway commandGateway;
    @Autowired
    Map<String, ObjectMapper> objectMappers;

    /** @return the SQL type name the database reports for Axon's serialized-data columns */
    abstract String serializedDataType();

    /** @return an SQL expression that reads the bytes of {@code column} as UTF-8 text */
    abstract String asText(String column);

    @Test
    void migratesTheSchemaWithFlywayBeforeHibernateValidatesIt() {
        List<String> applied = jdbc.queryForList(
                "select version from flyway_schema_history where success order by installed_rank", String.class);

        assertThat(applied).contains("100", "101");
    }

    @Test
    void storesEverySerializedAxonColumnAsPlainBytes() {
        List<String> columns = new ArrayList<>();
        jdbc.query("select table_name, column_name, data_type from information_schema.columns"
                           + " where lower(table_schema) = 'public'",
                   row -> {
                       String column = row.getString(1).toLowerCase() + "." + row.getString(2).toLowerCase();
                       if (SERIALIZED_DATA_COLUMNS.contains(column)) {
                           columns.add(column + " " + row.getString(3).toLowerCase());
                       }
                   });

        assertThat(columns).containsExactlyInAnyOrderElementsOf(
                SERIALIZED_DATA_COLUMNS.stream().map(c -> c + " " + serializedDataType()).toList());
    }

    @Test
    void appendsEventsAndReadsThemBackThroughTheEventStore() {
        String sku = "SKU-BOOT-" + getClass().getSimpleName().length();
        ProductRegisteredEvent registered = new ProductRegisteredEvent(new Sku(sku), "Boot check", 10);
        StockRestockedEvent restocked = new StockRestockedEvent(new Sku(sku), 5, 15, 0);

        eventStore.publish(new GenericDomainEventMessage<>("Product", sku, 0, registered),
                           new GenericDomainEventMessage<>("Product", sku, 1, restocked));

        List<Object> payloads = eventStore.readEvents(sku).asStream()
                                          .map(message -> (Object) message.getPayload())
                                          .toList();
        assertThat(payloads).containsExactly(registered, restocked);
        assertThat(jdbc.queryForObject("select " + asText("payload") + " from domain_event_entry"
                                               + " where aggregate_identifier = ? and sequence_number = 0",
                                       String.class, sku))
                .isEqualTo("{\"sku\":{\"value\":\"" + sku + "\"},\"name\":\"Boot check\",\"initialStock\":10}");
        List<Long> globalIndexes = jdbc.queryForList(
                "select global_index from domain_event_entry where aggregate_identifier = ? order by sequence_number",
                Long.class, sku);
        assertThat(globalIndexes.get(1)).as("global index without gaps").isEqualTo(globalIndexes.get(0) + 1);
    }

    @Test
    void streamsStoredEventsToTrackingProcessorsInGlobalOrder() throws InterruptedException {
        String sku = "SKU-STREAM-" + getClass().getSimpleName().length();
        eventStore.publish(new GenericDomainEventMessage<>(
                "Product", sku, 0, new ProductRegisteredEvent(new Sku(sku), "Stream check", 1)));

        List<TrackedEventMessage<?>> seen = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (seen.stream().noneMatch(m -> m.getPayload() instanceof ProductRegisteredEvent p
                    && p.sku().value().equals(sku))) {
                assertThat(stream.hasNextAvailable(10, TimeUnit.SECONDS))
                        .as("event %s arrives on the stream", sku).isTrue();
                seen.add(stream.nextAvailable());
            }
        }
        List<Long> positions = seen.stream().map(m -> m.trackingToken().position().orElseThrow()).toList();
        assertThat(positions).isSorted();
    }

    @Test
    void keepsTrackingTokensInTheDatabaseAsJson() {
        String processor = "boot-check-" + getClass().getSimpleName();
        GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(12, Set.of(10L));

        transactions.executeWithoutResult(tx -> {
            tokenStore.initializeTokenSegments(processor, 1);
            tokenStore.storeToken(token, processor, 0);
        });

        TrackingToken stored = transactions.execute(tx -> tokenStore.fetchToken(processor, 0));
        assertThat((Object) stored).isEqualTo(token);
        assertThat(jdbc.queryForObject("select " + asText("token") + " from token_entry where processor_name = ?",
                                       String.class, processor))
                .contains("\"index\":12").contains("\"gaps\":[10]");
    }

    @Test
    void persistsScheduledDeadlinesInScheduledTasks() {
        String deadlineId = deadlineManager.schedule(Instant.now().plus(Duration.ofHours(1)), "boot-check-deadline",
                                                     "due in an hour", new SagaScopeDescriptor("BootCheckSaga", "saga-1"));

        String taskData = jdbc.queryForObject(
                "select " + asText("task_data") + " from scheduled_tasks where task_name = 'AxonDeadline'"
                        + " and task_instance = ?", String.class, deadlineId);
        assertThat(taskData).contains("boot-check-deadline").contains("BootCheckSaga").contains("due in an hour");

        deadlineManager.cancelSchedule("boot-check-deadline", deadlineId);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select count(*) from scheduled_tasks where task_instance = ?", Integer.class, deadlineId)).isZero());
    }

    @Test
    void carriesTheCorrelationIdOfACommandToWhatItCausesAndNamesTheCommandAsCause() {
        Registration handler = commandBus.subscribe(CorrelationProbe.class.getName(),
                                                    command -> CurrentUnitOfWork.get().getCorrelationData());
        try {
            GenericCommandMessage<CorrelationProbe> command =
                    new GenericCommandMessage<>(new CorrelationProbe(), MetaData.with("correlationId", "corr-42"));

            MetaData correlationData = commandGateway.sendAndWait(command);

            assertThat(correlationData).containsEntry("correlationId", "corr-42")
                                       .containsEntry("causationId", command.getIdentifier());
        } finally {
            handler.cancel();
        }
    }

    @Test
    void wiresTheInfrastructureThisModuleDeclares() {
        assertThat(commandBus).isInstanceOf(AsynchronousCommandBus.class);
        assertThat(deadlineManager).isInstanceOf(DbSchedulerDeadlineManager.class);
        assertThat(tokenStore).isInstanceOf(JpaTokenStore.class);
        assertThat(List.of(serializer, eventSerializer, messageSerializer))
                .allSatisfy(s -> assertThat(s).isInstanceOf(JacksonSerializer.class));
        assertThat(retryScheduler).isNotNull();
    }

    @Test
    void leavesSpringMvcItsOwnObjectMapper() {
        assertThat(objectMappers).containsOnlyKeys("jacksonObjectMapper");
    }

    /** A command only this test handles. */
    record CorrelationProbe() {
    }
}
