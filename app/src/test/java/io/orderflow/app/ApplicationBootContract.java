package io.orderflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.api.inventory.ProductRegisteredEvent;
import io.orderflow.api.inventory.Sku;
import io.orderflow.api.inventory.StockRestockedEvent;
import io.orderflow.app.messaging.TransactionBatchingCommandBus;
import io.orderflow.app.messaging.TransientFailureRetryScheduler;
import io.orderflow.app.storage.EventStoreLatencyConfiguration;
import io.orderflow.app.storage.EventStoreProperties;
import io.orderflow.app.storage.StorageProperties.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
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
 * event store and stream to tracking processors, in the row format of Axon's JPA event storage
 * engine (so {@code orderflow.event-store.engine} can be switched on an existing database), a second
 * append of an aggregate's sequence number is refused, tokens and sagas persist in the transaction they
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
    @Autowired
    EventStorageEngine storageEngine;
    @Autowired
    ConnectionProvider connectionProvider;
    @Autowired
    PersistenceExceptionResolver persistenceExceptionResolver;

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

    /** @return the event storage engine the configuration of the subclass selects ({@code orderflow.event-store.engine}) */
    Class<?> expectedEventStorageEngine() {
        return JdbcEventStorageEngine.class;
    }

    @Test
    void migratesTheSchemaWithFlywayBeforeHibernateValidatesIt() {
        List<String> applied = jdbc.queryForList(
                "select version from flyway_schema_history where success order by installed_rank", String.class);

        assertThat(applied).contains("100", "101", "102", "103");
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

    @Test
    void readsAndWritesTheEventRowsOfBothStorageEngines() {
        EventStorageEngine jdbcEngine = storageEngine(Store.JDBC);
        EventStorageEngine jpaEngine = storageEngine(Store.JPA);
        String byJdbc = "SKU-JDBC-" + getClass().getSimpleName().toUpperCase();
        String byJpa = "SKU-JPA-" + getClass().getSimpleName().toUpperCase();
        List<DomainEventMessage<?>> jdbcEvents = List.of(productEvent(byJdbc, 0), productEvent(byJdbc, 1));
        List<DomainEventMessage<?>> jpaEvents = List.of(productEvent(byJpa, 0), productEvent(byJpa, 1));
        DomainEventMessage<?> jdbcAfterJpa = productEvent(byJdbc, 2);

        transactions.executeWithoutResult(tx -> jdbcEngine.appendEvents(jdbcEvents));
        transactions.executeWithoutResult(tx -> jpaEngine.appendEvents(jpaEvents));
        transactions.executeWithoutResult(tx -> jdbcEngine.appendEvents(jdbcAfterJpa));

        assertThat(eventsOf(jpaEngine, byJdbc)).as("JDBC rows read by the JPA engine")
                .isEqualTo(described(List.of(jdbcEvents.get(0), jdbcEvents.get(1), jdbcAfterJpa)));
        assertThat(eventsOf(jdbcEngine, byJpa)).as("JPA rows read by the JDBC engine")
                .isEqualTo(described(jpaEvents));
        assertThat(eventRow(byJdbc, 1)).as("the same row as the JPA engine writes")
                .isEqualTo(eventRow(byJpa, 1).replace(byJpa, byJdbc));

        List<Long> globalIndexes = jdbc.queryForList(
                "select global_index from domain_event_entry where aggregate_identifier in (?, ?) order by global_index",
                Long.class, byJdbc, byJpa);
        List<String> inGlobalOrder = jdbc.queryForList(
                "select event_identifier from domain_event_entry where aggregate_identifier in (?, ?)"
                        + " order by global_index", String.class, byJdbc, byJpa);
        assertThat(inGlobalOrder).as("one sequence for both engines, in the order of the appends")
                .containsExactly(jdbcEvents.get(0).getIdentifier(), jdbcEvents.get(1).getIdentifier(),
                                 jpaEvents.get(0).getIdentifier(), jpaEvents.get(1).getIdentifier(),
                                 jdbcAfterJpa.getIdentifier());
        GapAwareTrackingToken before = GapAwareTrackingToken.newInstance(globalIndexes.get(0) - 1, Set.of());
        assertThat(trackedEvents(jdbcEngine, before, byJdbc, byJpa)).as("a tracking processor reads both")
                .isEqualTo(trackedEvents(jpaEngine, before, byJdbc, byJpa))
                .extracting(event -> event.split("\\|")[0])
                .containsExactlyElementsOf(globalIndexes.stream().map(String::valueOf).toList());
    }

    @Test
    void refusesASecondAppendOfTheSameAggregateSequenceNumberWithEitherEngine() {
        for (Store first : Store.values()) {
            for (Store second : Store.values()) {
                String sku = "SKU-DUP-" + first + "-" + second + "-" + getClass().getSimpleName().toUpperCase();
                EventStorageEngine firstEngine = storageEngine(first);
                EventStorageEngine secondEngine = storageEngine(second);
                DomainEventMessage<?> created = productEvent(sku, 0);
                DomainEventMessage<?> restocked = productEvent(sku, 1);
                transactions.executeWithoutResult(tx -> firstEngine.appendEvents(created, restocked));

                assertThatThrownBy(() -> transactions.executeWithoutResult(
                        tx -> secondEngine.appendEvents(productEvent(sku, 0))))
                        .as("%s after %s: the aggregate exists", second, first)
                        .isInstanceOf(AggregateStreamCreationException.class);
                assertThatThrownBy(() -> transactions.executeWithoutResult(
                        tx -> secondEngine.appendEvents(productEvent(sku, 1), productEvent(sku, 2))))
                        .as("%s after %s: sequence number 1 is taken", second, first)
                        .isInstanceOf(ConcurrencyException.class);
                assertThat(jdbc.queryForList("select event_identifier from domain_event_entry"
                                                     + " where aggregate_identifier = ? order by sequence_number",
                                             String.class, sku))
                        .as("the first append stays, nothing of the refused ones")
                        .containsExactly(created.getIdentifier(), restocked.getIdentifier());
            }
        }
        String sku = "SKU-DUP-STORE-" + getClass().getSimpleName().toUpperCase();
        eventStore.publish(productEvent(sku, 0), productEvent(sku, 1));
        assertThatThrownBy(() -> eventStore.publish(productEvent(sku, 1)))
                .as("through the application's event store").isInstanceOf(ConcurrencyException.class);
    }

    @Test
    void refusesTheLaterOfTwoConcurrentAppendsOfTheSameSequenceNumber() throws Exception {
        String sku = "SKU-RACE-" + getClass().getSimpleName().toUpperCase();
        eventStore.publish(productEvent(sku, 0));
        DomainEventMessage<?> first = productEvent(sku, 1);
        CountDownLatch firstAppended = new CountDownLatch(1);
        CountDownLatch commitFirst = new CountDownLatch(1);

        // two command threads that both loaded the aggregate at sequence number 0
        CompletableFuture<Void> firstCommand = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(tx -> {
            storageEngine.appendEvents(first);
            firstAppended.countDown();
            awaitLatch(commitFirst);
        }));
        assertThat(firstAppended.await(30, TimeUnit.SECONDS)).as("first append done, not committed").isTrue();
        CompletableFuture<Void> secondCommand = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(
                tx -> storageEngine.appendEvents(productEvent(sku, 1))));
        commitFirst.countDown();

        firstCommand.get(30, TimeUnit.SECONDS);
        assertThatThrownBy(() -> secondCommand.get(30, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ConcurrencyException.class);
        assertThat(jdbc.queryForObject("select event_identifier from domain_event_entry"
                                               + " where aggregate_identifier = ? and sequence_number = 1",
                                       String.class, sku)).isEqualTo(first.getIdentifier());
    }

    @Test
    void storesAndReadsSnapshotsWithEitherEngine() {
        EventStorageEngine jdbcEngine = storageEngine(Store.JDBC);
        EventStorageEngine jpaEngine = storageEngine(Store.JPA);
        String aggregate = "snapshot-" + getClass().getSimpleName();

        transactions.executeWithoutResult(tx -> jdbcEngine.storeSnapshot(snapshot(aggregate, 4, "RESERVING")));
        assertThat(snapshotOf(jpaEngine, aggregate)).as("JDBC snapshot read by the JPA engine")
                .isEqualTo("4|BootCheckAggregate|" + new BootCheckSaga("RESERVING"));

        transactions.executeWithoutResult(tx -> jpaEngine.storeSnapshot(snapshot(aggregate, 9, "PAYING")));
        assertThat(snapshotOf(jdbcEngine, aggregate)).as("JPA snapshot read by the JDBC engine")
                .isEqualTo("9|BootCheckAggregate|" + new BootCheckSaga("PAYING"));

        transactions.executeWithoutResult(tx -> jdbcEngine.storeSnapshot(snapshot(aggregate, 12, "SHIPPING")));
        assertThat(snapshotOf(storageEngine, aggregate)).isEqualTo("12|BootCheckAggregate|" + new BootCheckSaga("SHIPPING"));
        assertThat(jdbc.queryForList("select sequence_number from snapshot_event_entry where aggregate_identifier = ?",
                                     Long.class, aggregate))
                .as("older snapshots are deleted").containsExactly(12L);

        String product = "SKU-SNAPSHOT-" + getClass().getSimpleName().toUpperCase();
        transactions.executeWithoutResult(tx -> storageEngine.storeSnapshot(new GenericDomainEventMessage<>(
                "Product", product, 3, new BootCheckSaga("not a product of revision 2"))));
        assertThat(jdbc.queryForObject("select count(*) from snapshot_event_entry where aggregate_identifier = ?",
                                       Integer.class, product)).isOne();
        assertThat(storageEngine.readSnapshot(product))
                .as("the aggregates' snapshot filter: a Product snapshot of another revision is ignored")
                .isEmpty();
    }

    /** Waits for the latch (at most 30 s) on a thread that is not the test's. */
    private static void awaitLatch(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).as("latch released").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An event storage engine as the application builds it for {@code orderflow.event-store.engine}. */
    private EventStorageEngine storageEngine(Store engine) {
        return new EventStoreLatencyConfiguration().eventStorageEngine(
                new EventStoreProperties(engine, Duration.ofMillis(100)), serializer, persistenceExceptionResolver,
                eventSerializer, axonConfiguration, connectionProvider, entityManagerProvider, axonTransactions);
    }

    /** A product event with meta data and a time stamp of millisecond precision, as the event store keeps it. */
    private static DomainEventMessage<?> productEvent(String sku, long sequenceNumber) {
        Object payload = sequenceNumber == 0
                ? new ProductRegisteredEvent(new Sku(sku), "Engine check", 10)
                : new StockRestockedEvent(new Sku(sku), 5, 10 + 5 * (int) sequenceNumber, 0);
        return new GenericDomainEventMessage<>("Product", sku, sequenceNumber, payload,
                                               MetaData.with("correlationId", "corr-" + sku),
                                               UUID.randomUUID().toString(),
                                               Instant.parse("2026-01-02T03:04:05.678Z").plusMillis(sequenceNumber));
    }

    /** What a reader sees of each event: everything but the global index. */
    private static List<String> described(List<? extends DomainEventMessage<?>> events) {
        return events.stream()
                     .map(e -> e.getType() + "|" + e.getAggregateIdentifier() + "|" + e.getSequenceNumber() + "|"
                             + e.getIdentifier() + "|" + e.getTimestamp() + "|" + e.getPayload() + "|"
                             + e.getMetaData())
                     .toList();
    }

    /** The events of an aggregate as the engine reads them. */
    private List<String> eventsOf(EventStorageEngine engine, String aggregate) {
        return described(engine.readEvents(aggregate).asStream().toList());
    }

    /** The events of the aggregates after {@code token}, as a tracking processor reads them from the engine. */
    private List<String> trackedEvents(EventStorageEngine engine, TrackingToken token, String... aggregates) {
        Set<String> wanted = Set.of(aggregates);
        return transactions.execute(tx -> {
            try (var events = engine.readEvents(token, false)) {
                return events.filter(e -> e instanceof DomainEventMessage<?> d
                                     && wanted.contains(d.getAggregateIdentifier()))
                             .map(e -> e.trackingToken().position().orElseThrow() + "|" + e.getIdentifier() + "|"
                                     + e.getTimestamp() + "|" + e.getPayload() + "|" + e.getMetaData())
                             .toList();
            }
        });
    }

    /** Every column of an event row but its global index and event identifier. */
    private String eventRow(String aggregate, long sequenceNumber) {
        return jdbc.queryForObject("select aggregate_identifier, sequence_number, type, time_stamp, payload_type,"
                                           + " payload_revision, " + asText("payload") + ", " + asText("meta_data")
                                           + " from domain_event_entry where aggregate_identifier = ?"
                                           + " and sequence_number = ?",
                                   (row, n) -> row.getString(1) + "|" + row.getLong(2) + "|" + row.getString(3) + "|"
                                           + row.getString(4) + "|" + row.getString(5) + "|" + row.getString(6) + "|"
                                           + row.getString(7) + "|" + row.getString(8),
                                   aggregate, sequenceNumber);
    }

    /** A snapshot of a made-up aggregate type, its state serialized like an aggregate's. */
    private static DomainEventMessage<?> snapshot(String aggregate, long sequenceNumber, String step) {
        return new GenericDomainEventMessage<>("BootCheckAggregate", aggregate, sequenceNumber, new BootCheckSaga(step));
    }

    /** Sequence number, type and state of the snapshot the engine reads for the aggregate. */
    private String snapshotOf(EventStorageEngine engine, String aggregate) {
        Optional<DomainEventMessage<?>> snapshot = transactions.execute(tx -> engine.readSnapshot(aggregate));
        assertThat(snapshot).as("snapshot of %s", aggregate).isPresent();
        return snapshot.map(s -> s.getSequenceNumber() + "|" + s.getType() + "|" + s.getPayload()).orElseThrow();
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
        assertThat(commandBus).isInstanceOf(TransactionBatchingCommandBus.class);
        assertThat(deadlineManager).isInstanceOf(DbSchedulerDeadlineManager.class);
        assertThat(tokenStore).isInstanceOf(expectedTokenStore());
        assertThat(sagaStore).isInstanceOf(expectedSagaStore());
        assertThat(storageEngine).isInstanceOf(expectedEventStorageEngine());
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
