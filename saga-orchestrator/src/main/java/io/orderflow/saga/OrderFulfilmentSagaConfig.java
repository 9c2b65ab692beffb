package io.orderflow.saga;

import io.orderflow.saga.parking.JpaParkedSagaEventStore;
import io.orderflow.saga.parking.ParkedSagaEventQueries;
import io.orderflow.saga.parking.ParkedSagaEventStore;
import io.orderflow.saga.parking.SagaEventParking;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wires the {@link OrderFulfilmentSaga}: its tracking processor
 * ({@value #PROCESSING_GROUP}), the retry-then-park error handler for its events, the parked-event
 * store with its query handler, and the {@link SagaTimeouts} ({@code orderflow.saga.*}).
 *
 * <p>Expects from the application: a {@code DeadlineManager}, JPA (entity package
 * {@code io.orderflow.saga.parking} in its entity scan) and Flyway running
 * {@code db/migration/common}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SagaTimeouts.class)
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
     * Registers the saga's tracking processor (reading the event store) and its error handler. The
     * processor is tuned with {@code EventProcessingConfigurer#registerTrackingEventProcessorConfiguration};
     * it must not also be declared under {@code axon.eventhandling.processors}.
     */
    @Autowired
    void configureSagaProcessor(EventProcessingConfigurer configurer, ObjectProvider<SagaEventParking> parking) {
        configurer.registerTrackingEventProcessor(PROCESSING_GROUP)
                .registerListenerInvocationErrorHandler(PROCESSING_GROUP, configuration -> parking.getObject());
    }
}
