package io.orderflow.app.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which of Axon's stores keep the tracking tokens and the sagas ({@code orderflow.storage.*}).
 *
 * <p>Both implementations use the same tables ({@code token_entry}; {@code saga_entry} and
 * {@code association_value_entry}) in the same row format, so the switch can be flipped on an
 * existing database and the processors and sagas carry on where they were. {@code jpa} is the
 * earlier behaviour, kept to measure before and after on one jar (see {@link StorageConfiguration}
 * for why {@code jdbc} is the default).
 *
 * @param tokenStore {@code jdbc} (default): Axon's {@code JdbcTokenStore}, plain prepared
 *                   statements; {@code jpa}: Axon's {@code JpaTokenStore}, whose JPQL update
 *                   Hibernate translates again on every stored token
 * @param sagaStore  {@code jdbc} (default): Axon's {@code JdbcSagaStore}; {@code jpa}: Axon's
 *                   {@code JpaSagaStore}
 */
@ConfigurationProperties(prefix = "orderflow.storage")
public record StorageProperties(
        @DefaultValue("jdbc") Store tokenStore,
        @DefaultValue("jdbc") Store sagaStore) {

    /** An implementation of one of Axon's stores. */
    public enum Store {
        /** Plain JDBC on the connection of the current Spring transaction. */
        JDBC,
        /** JPA through the container-managed entity manager. */
        JPA
    }
}
