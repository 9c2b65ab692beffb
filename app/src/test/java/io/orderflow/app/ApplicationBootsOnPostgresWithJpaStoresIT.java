package io.orderflow.app;

import io.orderflow.app.support.PostgresIT;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.modelling.saga.repository.jpa.JpaSagaStore;

/**
 * The application on PostgreSQL with Axon's JPA event storage engine, token store and saga store, the
 * behaviour before the JDBC implementations became the default: {@code orderflow.event-store.engine=jpa},
 * {@code orderflow.storage.token-store=jpa} and {@code orderflow.storage.saga-store=jpa} still give a
 * working application on the same schema.
 */
@PostgresIT(properties = {"orderflow.event-store.engine=jpa",
        "orderflow.storage.token-store=jpa", "orderflow.storage.saga-store=jpa"})
class ApplicationBootsOnPostgresWithJpaStoresIT extends ApplicationBootsOnPostgresIT {

    @Override
    Class<?> expectedTokenStore() {
        return JpaTokenStore.class;
    }

    @Override
    Class<?> expectedSagaStore() {
        return JpaSagaStore.class;
    }

    @Override
    Class<?> expectedEventStorageEngine() {
        return JpaEventStorageEngine.class;
    }
}
