package io.orderflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.api.inventory.ProductRegisteredEvent;
import io.orderflow.api.inventory.Sku;
import io.orderflow.api.inventory.StockRestockedEvent;
import io.orderflow.app.messaging.TransientFailureRetryScheduler;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.axonframework.commandhandling.AsynchronousCommandBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.AssociationValuesImpl;
import org.axonframework.modelling.saga.SagaScopeDescriptor;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jpa.JpaSagaStore;
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
 * event store and stream to tracking processors, tokens and sagas persist in the transaction they
 * belong to and in the row format of Axon's JPA stores (so {@code orderflow.storage.token-store} and
 * {@code orderflow.storage.saga-store} can be switched on an existing database), deadlines persist in
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
    @Autowired
    SagaStore<Object> sagaStore;
    @Autowired
    org.axonframework.config.Configuration axonConfiguration;
    @Autowired
    EntityManagerProvider entityManagerProvider;
    @Autowired
    TransactionManager axonTransactions;
    @Autowired
    DataSource dataSource;

    /** @return the SQL type name the database reports for Axon's serialized-data columns */
    abstract String serializedDataType();

    /** @return an SQL expression that reads the bytes of {@code column} as UTF-8 text */
    abstract String asText(String column);

    /** @return the token store the configuration of the subclass selects ({@code orderflow.storage.token-store}) */
    Class<?> expectedTokenStore() {
        return JdbcTokenStore.class;
    }

    /** @return the saga store the configuration of the subclass selects ({@code orderflow.storage.saga-store}) */
    Class<?> expectedSagaStore() {
        return JdbcSagaStore.class;
    }

    @Test
    void migratesTheSchemaWithFlywayBeforeHibernateValidatesIt() {
        List<String> applied = jdbc.queryForList(
                "select version from flyway_schema_history where success order by installed_rank", String.class);

        assertThat(applied).contains("100", "101", "102");
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
    void storesATokenInTheTransactionOfItsUnitOfWork() throws SQLException {
        String processor = "boot-tx-" + getClass().getSimpleName();
        GapAwareTrackingToken handled = GapAwareTrackingToken.newInstance(20, Set.of());
        transactions.executeWithoutResult(tx -> {
            tokenStore.initializeTokenSegments(processor, 1);
            tokenStore.storeToken(handled, processor, 0);
        });

        // as a tracking processor does: the batch's unit of work, with a Spring transaction attached
        inUnitOfWork(UnitOfWork::rollback, () -> {
            tokenStore.storeToken(GapAwareTrackingToken.newInstance(30, Set.of()), processor, 0);
            assertThat(committedTokenIndex(processor)).as("not committed on its own").isEqualTo(20);
        });
        assertThat(committedTokenIndex(processor)).as("rolled back with the unit of work").isEqualTo(20);

        inUnitOfWork(UnitOfWork::commit, () -> {
            tokenStore.storeToken(GapAwareTrackingToken.newInstance(40, Set.of()), processor, 0);
            assertThat(committedTokenIndex(processor)).as("not committed before the unit of work").isEqualTo(20);
        });
        assertThat(committedTokenIndex(processor)).as("committed with the unit of work").isEqualTo(40);
    }

    @Test
    void readsAndWritesTheTokenRowsOfAxonsJpaTokenStore() {
        TokenStore jpaTokens = JpaTokenStore.builder()
                .entityManagerProvider(entityManagerProvider).serializer(serializer).build();
        String byJpa = "boot-jpa-" + getClass().getSimpleName();
        String byApplication = "boot-app-" + getClass().getSimpleName();
        GapAwareTrackingToken jpaToken = GapAwareTrackingToken.newInstance(7, Set.of(5L));
        GapAwareTrackingToken applicationToken = GapAwareTrackingToken.newInstance(9, Set.of(8L));

        transactions.executeWithoutResult(tx -> {
            jpaTokens.initializeTokenSegments(byJpa, 2);
            jpaTokens.storeToken(jpaToken, byJpa, 1);
            tokenStore.initializeTokenSegments(byApplication, 2);
            tokenStore.storeToken(applicationToken, byApplication, 1);
        });

        assertThat((Object) transactions.execute(tx -> tokenStore.fetchToken(byJpa, 1))).isEqualTo(jpaToken);
        assertThat((Object) transactions.execute(tx -> jpaTokens.fetchToken(byApplication, 1)))
                .isEqualTo(applicationToken);
        int[] segmentsByJpa = transactions.execute(tx -> tokenStore.fetchSegments(byJpa));
        int[] segmentsByApplication = transactions.execute(tx -> jpaTokens.fetchSegments(byApplication));
        assertThat(segmentsByJpa).containsExactly(0, 1);
        assertThat(segmentsByApplication).containsExactly(0, 1);
        assertThat(tokenRow(byApplication)).as("the same row as the JPA store writes")
                .isEqualTo(tokenRow(byJpa).replace("\"index\":7", "\"index\":9").replace("[5]", "[8]"));
    }

    @Test
    void readsAndWritesTheSagaRowsOfAxonsJpaSagaStore() {
        SagaStore<Object> jpaSagas = JpaSagaStore.builder()
                .entityManagerProvider(entityManagerProvider).serializer(serializer).build();
        String prefix = "boot-saga-" + getClass().getSimpleName() + "-";
        AssociationValue orderA = new AssociationValue("orderId", prefix + "order-a");
        AssociationValue orderB = new AssociationValue("orderId", prefix + "order-b");
        AssociationValue paymentB = new AssociationValue("paymentId", prefix + "payment-b");

        transactions.executeWithoutResult(tx -> {
            sagaStore.insertSaga(BootCheckSaga.class, prefix + "a", new BootCheckSaga("RESERVING"), Set.of(orderA));
            jpaSagas.insertSaga(BootCheckSaga.class, prefix + "b", new BootCheckSaga("RESERVING"), Set.of(orderB));
            assertThat(sagaStore.loadSaga(BootCheckSaga.class, prefix + "b").saga())
                    .as("an uncommitted JPA write is visible: one transaction, one connection")
                    .isEqualTo(new BootCheckSaga("RESERVING"));
        });

        SagaStore.Entry<BootCheckSaga> a = transactions.execute(tx -> jpaSagas.loadSaga(BootCheckSaga.class, prefix + "a"));
        assertThat(a.saga()).isEqualTo(new BootCheckSaga("RESERVING"));
        assertThat(a.associationValues()).containsExactly(orderA);
        assertThat(sagasFound(jpaSagas, orderA))
                .containsExactly(prefix + "a");

        AssociationValuesImpl associations = new AssociationValuesImpl(Set.of(orderB));
        associations.add(paymentB);
        associations.remove(orderB);
        transactions.executeWithoutResult(tx -> sagaStore.updateSaga(
                BootCheckSaga.class, prefix + "b", new BootCheckSaga("PAYING"), associations));

        SagaStore.Entry<BootCheckSaga> b = transactions.execute(tx -> jpaSagas.loadSaga(BootCheckSaga.class, prefix + "b"));
        assertThat(b.saga()).isEqualTo(new BootCheckSaga("PAYING"));
        assertThat(b.associationValues()).containsExactly(paymentB);
        assertThat(sagasFound(sagaStore, paymentB))
                .containsExactly(prefix + "b");
        assertThat(sagasFound(sagaStore, orderB)).isEmpty();
        assertThat(jdbc.queryForObject("select " + asText("serialized_saga") + " from saga_entry where saga_id = ?",
                                       String.class, prefix + "b")).isEqualTo("{\"step\":\"PAYING\"}");

        transactions.executeWithoutResult(tx -> {
            sagaStore.deleteSaga(BootCheckSaga.class, prefix + "a", Set.of(orderA));
            jpaSagas.deleteSaga(BootCheckSaga.class, prefix + "b", Set.of(paymentB));
        });
        assertThat(jdbc.queryForObject("select count(*) from saga_entry where saga_id like ?", Integer.class,
                                       prefix + "%")).isZero();
        assertThat(jdbc.queryForObject("select count(*) from association_value_entry where saga_id like ?",
                                       Integer.class, prefix + "%")).isZero();
    }

    /** The sagas the store finds by the association value, in a transaction of their own. */
    private Set<String> sagasFound(SagaStore<Object> store, AssociationValue associationValue) {
        return transactions.execute(tx -> store.findSagas(BootCheckSaga.class, associationValue));
    }

    /** Runs {@code work} in a unit of work with a transaction attached, then ends it with {@code end}. */
    private void inUnitOfWork(Consumer<UnitOfWork<?>> end, SqlWork work) throws SQLException {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            unitOfWork.attachTransaction(axonTransactions);
            work.run();
            end.accept(unitOfWork);
        } finally {
            if (unitOfWork.isActive()) {
                unitOfWork.rollback();
            }
        }
    }

    /** Test code that reads the database. */
    interface SqlWork {
        void run() throws SQLException;
    }

    /** The committed index of the processor's token, read on a connection of its own. */
    private long committedTokenIndex(String processor) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select " + asText("token") + " from token_entry where processor_name = ? and segment = 0")) {
            select.setString(1, processor);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).as("token row of %s", processor).isTrue();
                return new ObjectMapper().readTree(row.getString(1)).path("index").asLong();
            } catch (JsonProcessingException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** Every column of segment 1 of the processor's token row but its name and time stamp. */
    private String tokenRow(String processor) {
        return jdbc.queryForObject("select segment, " + asText("token") + ", token_type, owner"
                                           + " from token_entry where processor_name = ? and segment = 1",
                                   (row, n) -> row.getInt(1) + "|" + row.getString(2) + "|" + row.getString(3)
                                           + "|" + row.getString(4),
                                   processor);
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
        assertThat(tokenStore).isInstanceOf(expectedTokenStore());
        assertThat(sagaStore).isInstanceOf(expectedSagaStore());
        assertThat(axonConfiguration.getComponent(SagaStore.class))
                .as("the saga store the saga module puts its cache in front of").isSameAs(sagaStore);
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

    /** A saga state only the storage tests write. */
    record BootCheckSaga(String step) {
    }
}
