package io.orderflow.saga;

import io.orderflow.saga.parking.JpaParkedSagaEventStore;
import io.orderflow.saga.parking.ParkedSagaEventQueries;
import io.orderflow.saga.parking.ParkedSagaEventStore;
import io.orderflow.saga.parking.SagaEventParking;
import io.orderflow.saga.caching.RollbackSafeCachingSagaStore;
import io.orderflow.support.caching.BoundedLruCache;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wires the {@link OrderFulfilmentSaga}: its multi-threaded tracking processor
 * ({@value #PROCESSING_GROUP}), the retry-then-park error handler for its events, the parked-event
 * store with its query handler, and the {@link SagaTimeouts} ({@code orderflow.saga.*}).
 *
 * <p>Expects from the application: a {@code DeadlineManager}, JPA (entity package
 * {@code io.orderflow.saga.parking} in its entity scan) and Flyway running
 * {@code db/migration/common}.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SagaTimeouts.class, SagaProcessorProperties.class})
public class OrderFulfilmentSagaConfig {

    /** The processing group of the saga, and the name of its event processor. */
    public static final String PROCESSING_GROUP = "OrderFulfilmentSagaProcessor";

    /** The JPA store of {@code parked_saga_event}. */
    @Bean
    public ParkedSagaEventStore parkedSagaEventStore(EntityManagerFactory entityManagerFactory,
                                                     PlatformTransactionManager transactionManager) {
        return new JpaParkedSagaEventStore(entityManagerFactory, transactionManager);
    }

    /** Retries a failing saga event up to {@code orderflow.saga.max-attempts} times, then parks it. */
    @Bean
    public SagaEventParking sagaEventParking(ParkedSagaEventStore parkedSagaEventStore, SagaTimeouts timeouts,
                                             @Qualifier("eventSerializer") Serializer eventSerializer) {
        return new SagaEventParking(parkedSagaEventStore, timeouts.maxAttempts(),
                payload -> eventSerializer.serialize(payload, String.class).getData(), Clock.systemUTC());
    }

    /** Answers {@code FindParkedSagaEventsQuery}. */
    @Bean
    public ParkedSagaEventQueries parkedSagaEventQueries(ParkedSagaEventStore parkedSagaEventStore) {
        return new ParkedSagaEventQueries(parkedSagaEventStore);
    }

    /**
     * Registers the saga's multi-threaded tracking processor (reading the event store from its head,
     * as Axon does for sagas), its error handler and, unless {@code orderflow.saga.processor.cache-size} is 0,
     * the saga cache in front of the application's saga store. The processor is tuned with
     * {@code orderflow.saga.processor.*} ({@link SagaProcessorProperties}); it must not also be
     * declared under {@code axon.eventhandling.processors}.
     *
     * <p>Why: Axon's default tracking processor handles one event per transaction on one thread, and
     * every transaction waits for a PostgreSQL commit (fsync). Here each of {@code segments}
     * segments handles up to {@code batch-size} events per transaction, on {@code worker-threads}
     * threads; a saga's events all fall in one segment (sequencing by saga identifier), so a saga
     * still sees its events one at a time and in order. A tracking processor rather than a pooled
     * streaming one: on the embedded event store the pooled processor's coordinator has no
     * availability callback and polls every 500 ms, which added about 0.5 s to every saga step
     * (measured, README "Benchmarks"); tracking threads are woken when events are committed.
     */
    @Autowired
    void configureSagaProcessor(EventProcessingConfigurer configurer, ObjectProvider<SagaEventParking> parking,
                                SagaProcessorProperties properties) {
        configurer.registerTrackingEventProcessor(PROCESSING_GROUP, Configuration::eventStore,
                        configuration -> TrackingEventProcessorConfiguration
                                .forParallelProcessing(properties.workerThreads())
                                .andInitialSegmentsCount(properties.segments())
                                .andBatchSize(properties.batchSize())
                                .andTokenClaimInterval(properties.tokenClaimInterval().toMillis(), TimeUnit.MILLISECONDS)
                                .andInitialTrackingToken(StreamableMessageSource::createHeadToken))
                .registerListenerInvocationErrorHandler(PROCESSING_GROUP, configuration -> parking.getObject());
        if (properties.cacheSize() > 0) {
            configurer.registerSagaStore(configuration -> new RollbackSafeCachingSagaStore<>(
                    sagaStoreOf(configuration),
                    new BoundedLruCache(properties.cacheSize()),
                    new BoundedLruCache(properties.cacheSize())));
        }
    }

    @SuppressWarnings("unchecked")
    private static SagaStore<Object> sagaStoreOf(Configuration configuration) {
        SagaStore<Object> store = configuration.getComponent(SagaStore.class);
        if (store == null) {
            throw new IllegalStateException("the application provides no SagaStore");
        }
        return store;
    }

}
