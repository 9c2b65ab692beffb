package io.orderflow.app.storage;

import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.GenericSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.modelling.saga.repository.jpa.JpaSagaStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/**
 * Where JPA looks for entities and repositories, and Axon's stores for tokens and sagas.
 *
 * <p>Entities: Axon's event store ({@code domain_event_entry}, {@code snapshot_event_entry}),
 * token store, saga store and dead-letter queue, plus every {@code @Entity} under
 * {@code io.orderflow} (the other modules put theirs in their own packages and are picked up
 * without further configuration). Repositories: every Spring Data JPA repository under
 * {@code io.orderflow}. The tables themselves are created by Flyway, never by Hibernate
 * ({@code ddl-auto=validate}).
 *
 * <p>The event store is declared in {@link EventStoreLatencyConfiguration} (Axon's JDBC engine by
 * default, {@code orderflow.event-store.engine}; the JPA entities of its tables stay in the scan so that
 * Hibernate validates them and the JPA engine can be switched back on). The token store and the saga
 * store are declared here so that tokens stay in the database even when the Kafka extension offers
 * its {@code KafkaTokenStore}, and they are Axon's <em>JDBC</em> stores by default
 * ({@code orderflow.storage.token-store}, {@code orderflow.storage.saga-store}: {@code jdbc} or
 * {@code jpa}, see {@link StorageProperties}). Why: every batch of every tracking processor stores
 * its token, and every saga event updates its saga; Axon's JPA stores do both with a JPQL
 * {@code UPDATE} that Hibernate 6 translates again on each execution (about 6 % and 3 % of the
 * application's CPU under load in a JFR profile). The JDBC stores run plain prepared statements on
 * the same tables, column for column, in the same row format, so either implementation reads what
 * the other wrote.
 *
 * <p>The JDBC stores (and the JDBC event storage engine) work on the connection of the current Spring
 * transaction (the one the JPA
 * transaction manager opened for the processor's batch or the deadline's delivery), through the
 * same {@link ConnectionProvider} Axon's {@code JdbcAutoConfiguration} builds: a token update and a
 * saga update therefore commit or roll back with the events they belong to, exactly as with JPA.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StorageProperties.class)
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
     * {@code token_entry} as created by {@code V100__axon_jpa_storage.sql}: the columns of Axon's
     * JPA {@code TokenEntry} under Spring's snake-case naming.
     */
    static final TokenSchema TOKEN_SCHEMA = TokenSchema.builder()
            .setTokenTable("token_entry")
            .setProcessorNameColumn("processor_name")
            .setSegmentColumn("segment")
            .setTokenColumn("token")
            .setTokenTypeColumn("token_type")
            .setTimestampColumn("timestamp")
            .setOwnerColumn("owner")
            .build();

    /**
     * {@code saga_entry} and {@code association_value_entry} as created by
     * {@code V100__axon_jpa_storage.sql}; the association id gets its value from
     * {@code association_value_entry_seq} by default ({@code V102__association_value_id_default.sql}).
     */
    static final SagaSchema SAGA_SCHEMA = SagaSchema.builder()
            .sagaEntryTable("saga_entry")
            .sagaIdColumn("saga_id")
            .sagaTypeColumn("saga_type")
            .revisionColumn("revision")
            .serializedSagaColumn("serialized_saga")
            .associationValueEntryTable("association_value_entry")
            .associationKeyColumn("association_key")
            .associationValueColumn("association_value")
            .build();

    /**
     * JDBC connections for Axon's JDBC stores, exactly as Axon's {@code JdbcAutoConfiguration}
     * builds them (which backs off because this bean exists): the connection bound to the current
     * Spring transaction ({@link SpringDataSourceConnectionProvider}, i.e. the JPA transaction's own
     * connection), held for the unit of work.
     *
     * @param dataSource the application's data source, the one the entity manager uses
     * @return the connection provider
     */
    @Bean
    public ConnectionProvider connectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    /**
     * The tracking tokens of every streaming event processor, in {@code token_entry}. Both
     * implementations claim with {@code axon.eventhandling.tokenstore.claim-timeout} and Axon's
     * default node id (the JVM's {@code pid@host}).
     *
     * @param storage               {@code orderflow.storage.token-store}
     * @param serializer            the general (Jackson) serializer
     * @param connectionProvider    the transaction's JDBC connection ({@code jdbc})
     * @param entityManagerProvider Axon's view of the container-managed entity manager ({@code jpa})
     * @param tokenStoreProperties  {@code axon.eventhandling.tokenstore.claim-timeout}
     * @return the token store
     */
    @Bean
    public TokenStore tokenStore(StorageProperties storage,
                                 Serializer serializer,
                                 ConnectionProvider connectionProvider,
                                 EntityManagerProvider entityManagerProvider,
                                 TokenStoreProperties tokenStoreProperties) {
        return switch (storage.tokenStore()) {
            case JDBC -> JdbcTokenStore.builder()
                                       .connectionProvider(connectionProvider)
                                       .schema(TOKEN_SCHEMA)
                                       .serializer(serializer)
                                       .claimTimeout(tokenStoreProperties.getClaimTimeout())
                                       .build();
            case JPA -> JpaTokenStore.builder()
                                     .entityManagerProvider(entityManagerProvider)
                                     .serializer(serializer)
                                     .claimTimeout(tokenStoreProperties.getClaimTimeout())
                                     .build();
        };
    }

    /**
     * Saga instances and their association values, in {@code saga_entry} and
     * {@code association_value_entry}. The saga module puts its cache in front of this store
     * (it reads Axon's {@code SagaStore} component, which is this bean).
     *
     * @param storage               {@code orderflow.storage.saga-store}
     * @param serializer            the general (Jackson) serializer
     * @param connectionProvider    the transaction's JDBC connection ({@code jdbc})
     * @param entityManagerProvider Axon's view of the container-managed entity manager ({@code jpa})
     * @return the saga store
     */
    @Bean
    public SagaStore<Object> sagaStore(StorageProperties storage,
                                       Serializer serializer,
                                       ConnectionProvider connectionProvider,
                                       EntityManagerProvider entityManagerProvider) {
        return switch (storage.sagaStore()) {
            case JDBC -> JdbcSagaStore.builder()
                                      .connectionProvider(connectionProvider)
                                      .sqlSchema(new GenericSagaSqlSchema(SAGA_SCHEMA))
                                      .serializer(serializer)
                                      .build();
            case JPA -> JpaSagaStore.builder()
                                    .entityManagerProvider(entityManagerProvider)
                                    .serializer(serializer)
                                    .build();
        };
    }
}
