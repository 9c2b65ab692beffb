package io.orderflow.app.storage;

import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
import org.axonframework.modelling.saga.repository.jpa.JpaSagaStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/**
 * Where JPA looks for entities and repositories, and Axon's JPA stores for tokens and sagas.
 *
 * <p>Entities: Axon's event store ({@code domain_event_entry}, {@code snapshot_event_entry}),
 * token store, saga store and dead-letter queue, plus every {@code @Entity} under
 * {@code io.orderflow} (the other modules put theirs in their own packages and are picked up
 * without further configuration). Repositories: every Spring Data JPA repository under
 * {@code io.orderflow}. The tables themselves are created by Flyway, never by Hibernate
 * ({@code ddl-auto=validate}).
 *
 * <p>The event store ({@code JpaEventStorageEngine} with the {@code eventSerializer}) comes from
 * Axon's auto-configuration; the token store is declared here so that tokens stay in the database
 * even when the Kafka extension offers its {@code KafkaTokenStore}.
 */
@Configuration(proxyBeanMethods = false)
@EntityScan(basePackages = {
        "io.orderflow",
        "org.axonframework.eventsourcing.eventstore.jpa",
        "org.axonframework.eventhandling.tokenstore.jpa",
        "org.axonframework.eventhandling.deadletter.jpa",
        "org.axonframework.modelling.saga.repository.jpa"
})
@EnableJpaRepositories(basePackages = "io.orderflow")
public class StorageConfiguration {

    /**
     * The tracking tokens of every streaming event processor, in {@code token_entry}.
     *
     * @param serializer            the general (Jackson) serializer
     * @param entityManagerProvider Axon's view of the container-managed entity manager
     * @param tokenStoreProperties  {@code axon.eventhandling.tokenstore.claim-timeout}
     * @return the token store
     */
    @Bean
    public TokenStore tokenStore(Serializer serializer,
                                 EntityManagerProvider entityManagerProvider,
                                 TokenStoreProperties tokenStoreProperties) {
        return JpaTokenStore.builder()
                            .entityManagerProvider(entityManagerProvider)
                            .serializer(serializer)
                            .claimTimeout(tokenStoreProperties.getClaimTimeout())
                            .build();
    }

    /**
     * Saga instances and their association values, in {@code saga_entry} and
     * {@code association_value_entry}.
     *
     * @param serializer            the general (Jackson) serializer
     * @param entityManagerProvider Axon's view of the container-managed entity manager
     * @return the saga store
     */
    @Bean
    public JpaSagaStore sagaStore(Serializer serializer, EntityManagerProvider entityManagerProvider) {
        return JpaSagaStore.builder()
                           .entityManagerProvider(entityManagerProvider)
                           .serializer(serializer)
                           .build();
    }
}
