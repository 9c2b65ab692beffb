package io.orderflow.app.storage;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The application's event store: Axon's {@link EmbeddedEventStore} as Axon's auto-configuration builds
 * it, except for the fetch delay of its event producer and the storage engine
 * ({@code orderflow.event-store.*}, see {@link EventStoreProperties}).
 *
 * <p><b>Fetch delay</b> (benchmark step 5, default 100 ms instead of Axon's 1 s): every streaming
 * processor (the saga, the Kafka publisher, the order-change feed) reads through the one producer
 * thread of the embedded store. It is woken after each commit, but a commit that lands while it is
 * fetching, or an event committed behind a gap by a concurrent command thread, is only seen on the
 * next fetch, up to the fetch delay later. With 1 s every saga hop waited about 0.5 s on average. An
 * idle fetch is one short read transaction, so 100 ms costs at most ten small read transactions a
 * second.
 *
 * <p><b>Storage engine</b> (benchmark step 12, {@code orderflow.event-store.engine}): {@code jdbc}
 * (default) is Axon's {@link JdbcEventStorageEngine}, {@code jpa} Axon's {@link JpaEventStorageEngine},
 * the earlier behaviour. Why: under load, Hibernate persisting and flushing a
 * {@code DomainEventEntry} per event was 37 % of the command-handling threads' CPU, and the producer's
 * fetches went through JPQL as well. The JDBC engine appends a command's events with one batched
 * prepared statement and reads with plain queries, on the <em>same</em> tables
 * ({@link #EVENT_SCHEMA}) in the same row format: payload and meta data as bytes, the time stamp as
 * the ISO-8601 string both engines write with {@code DateTimeUtils.formatInstant}. The global index
 * comes from the column default ({@code V103}), the same sequence {@code domain_event_entry_seq} the
 * JPA engine draws from with allocation size 1, so either engine reads what the other wrote and the
 * switch can be flipped on an existing database.
 *
 * <p>The JDBC engine works on the connection of the current Spring transaction (the
 * {@link ConnectionProvider} of {@link StorageConfiguration}): the events of a command are inserted in
 * the command's transaction, exactly as the JPA engine did through the entity manager. Its own reads
 * (the producer's fetches, aggregate streams) open transactions through Axon's
 * {@link TransactionManager}. Everything else is what the JPA engine had: snapshot and event serializers,
 * upcaster chain, snapshot filter (the {@code Product} aggregate skips old snapshot revisions with it),
 * the {@link PersistenceExceptionResolver} that turns a duplicate (aggregate, sequence number) into a
 * {@code ConcurrencyException}, and Axon's defaults for batch size and gap handling, which are the same
 * in both engines (batch 100, max gap offset 10,000, lowest global sequence 1, gap timeout 60 s, gap
 * cleaning threshold 250; the JDBC engine's extended gap check stays on).
 *
 * <p>Declaring the event bus makes Axon's {@code JpaEventStoreAutoConfiguration} and
 * {@code JdbcAutoConfiguration} event store beans back off as a whole, so the storage engine is
 * declared here. The JPA entities of the event store stay in the entity scan of
 * {@link StorageConfiguration}, so that {@code ddl-auto=validate} checks the tables either way.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventStoreProperties.class)
public class EventStoreLatencyConfiguration {

    /**
     * {@code domain_event_entry} and {@code snapshot_event_entry} as created by
     * {@code V100__axon_jpa_storage.sql}: the columns of Axon's JPA {@code DomainEventEntry} and
     * {@code SnapshotEventEntry} under Spring's snake-case naming.
     */
    static final EventSchema EVENT_SCHEMA = EventSchema.builder()
            .eventTable("domain_event_entry")
            .snapshotTable("snapshot_event_entry")
            .globalIndexColumn("global_index")
            .eventIdentifierColumn("event_identifier")
            .aggregateIdentifierColumn("aggregate_identifier")
            .sequenceNumberColumn("sequence_number")
            .typeColumn("type")
            .timestampColumn("time_stamp")
            .payloadTypeColumn("payload_type")
            .payloadRevisionColumn("payload_revision")
            .payloadColumn("payload")
            .metaDataColumn("meta_data")
            .build();

    /**
     * The event storage engine {@code orderflow.event-store.engine} selects.
     *
     * @param eventStore                   {@code orderflow.event-store.engine}
     * @param defaultSerializer            serializes snapshots
     * @param persistenceExceptionResolver recognises duplicate-key errors (concurrent appends)
     * @param eventSerializer              serializes events (Jackson)
     * @param configuration                Axon's configuration (upcasters, snapshot filter)
     * @param connectionProvider           the transaction's JDBC connection ({@code jdbc})
     * @param entityManagerProvider        the JPA entity manager ({@code jpa})
     * @param transactionManager           Axon's transaction manager
     * @return the storage engine
     */
    @Bean
    public EventStorageEngine eventStorageEngine(EventStoreProperties eventStore,
                                                 Serializer defaultSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 Configuration configuration,
                                                 ConnectionProvider connectionProvider,
                                                 EntityManagerProvider entityManagerProvider,
                                                 TransactionManager transactionManager) {
        return switch (eventStore.engine()) {
            case JDBC -> JdbcEventStorageEngine.builder()
                    .snapshotSerializer(defaultSerializer)
                    .upcasterChain(configuration.upcasterChain())
                    .persistenceExceptionResolver(persistenceExceptionResolver)
                    .eventSerializer(eventSerializer)
                    .snapshotFilter(configuration.snapshotFilter())
                    .connectionProvider(connectionProvider)
                    .transactionManager(transactionManager)
                    .schema(EVENT_SCHEMA)
                    .dataType(byte[].class)
                    .build();
            case JPA -> JpaEventStorageEngine.builder()
                    .snapshotSerializer(defaultSerializer)
                    .upcasterChain(configuration.upcasterChain())
                    .persistenceExceptionResolver(persistenceExceptionResolver)
                    .eventSerializer(eventSerializer)
                    .snapshotFilter(configuration.snapshotFilter())
                    .entityManagerProvider(entityManagerProvider)
                    .transactionManager(transactionManager)
                    .build();
        };
    }

    /**
     * The event store and event bus (replaces Axon's auto-configured one, which backs off).
     *
     * @param storageEngine the storage engine
     * @param configuration Axon's configuration (monitor and span factory)
     * @param eventStore    {@code orderflow.event-store.fetch-delay}: the producer's longest wait between
     *                      two fetches when nobody woke it
     * @return the embedded event store
     */
    @Qualifier("eventStore")
    @Bean(name = "eventBus")
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration,
                                         EventStoreProperties eventStore) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(Math.max(1, eventStore.fetchDelay().toMillis()))
                .build();
    }
}
