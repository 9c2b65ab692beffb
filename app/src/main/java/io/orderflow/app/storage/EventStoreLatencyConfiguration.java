package io.orderflow.app.storage;

import java.time.Duration;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;

/**
 * The application's event store: Axon's {@link EmbeddedEventStore} exactly as Axon's
 * auto-configuration builds it, except for the fetch delay of its event producer
 * ({@code orderflow.event-store.fetch-delay}, default 100 ms instead of Axon's 1 s).
 *
 * <p>Why (see README "Benchmarks"): every streaming processor (the saga, the Kafka publisher) reads
 * through the one producer thread of the embedded store. It is woken after each commit, but a
 * commit that lands while it is fetching, or an event committed behind a gap by a concurrent command
 * thread, is only seen on the next fetch, up to the fetch delay later. With 1 s every saga hop
 * waited about 0.5 s on average (3 s from order placed to completed at 2 orders/s, with no simulated
 * latency). An idle fetch is one short read transaction, so 100 ms costs at most ten small read
 * transactions a second.
 *
 * <p>Declaring the event bus makes Axon's {@code JpaEventStoreAutoConfiguration} back off as a whole,
 * so its {@link JpaEventStorageEngine} is declared here too, built exactly as Axon builds it (the
 * entity scan of its entities is in {@link StorageConfiguration}).
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class EventStoreLatencyConfiguration {

    /**
     * The JPA event storage engine, as Axon's auto-configuration builds it.
     *
     * @param defaultSerializer            serializes snapshots
     * @param persistenceExceptionResolver recognises duplicate-key errors (concurrent appends)
     * @param eventSerializer              serializes events (Jackson)
     * @param configuration                Axon's configuration (upcasters, snapshot filter)
     * @param entityManagerProvider        the JPA entity manager
     * @param transactionManager           Axon's transaction manager
     * @return the storage engine
     */
    @Bean
    public EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 Configuration configuration,
                                                 EntityManagerProvider entityManagerProvider,
                                                 TransactionManager transactionManager) {
        return JpaEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .entityManagerProvider(entityManagerProvider)
                .transactionManager(transactionManager)
                .build();
    }

    /**
     * The event store and event bus (replaces Axon's auto-configured one, which backs off).
     *
     * @param storageEngine the JPA storage engine
     * @param configuration Axon's configuration (monitor and span factory)
     * @param fetchDelay    the producer's longest wait between two fetches when nobody woke it
     * @return the embedded event store
     */
    @Qualifier("eventStore")
    @Bean(name = "eventBus")
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration,
                                         @Value("${orderflow.event-store.fetch-delay:100ms}")
                                         Duration fetchDelay) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(Math.max(1, fetchDelay.toMillis()))
                .build();
    }
}
