package io.orderflow.app.storage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The event store's storage engine and the fetch delay of its producer ({@code orderflow.event-store.*}).
 *
 * <p>Both engines use the same tables ({@code domain_event_entry}, {@code snapshot_event_entry}) in the
 * same row format and draw the global index from the same sequence, so the engine can be switched on an
 * existing database. {@code jpa} is the earlier behaviour, kept to measure before and after on one jar
 * (see {@link EventStoreLatencyConfiguration} for why {@code jdbc} is the default).
 *
 * @param engine     {@code jdbc} (default): Axon's {@code JdbcEventStorageEngine}, plain prepared statements
 *                   on the transaction's connection; {@code jpa}: Axon's {@code JpaEventStorageEngine}, which
 *                   persists and flushes an entity per event and reads through JPQL
 * @param fetchDelay longest wait of the embedded event store's producer between two fetches when no
 *                   commit woke it (default 100 ms; Axon's own default is 1 s)
 */
@ConfigurationProperties(prefix = "orderflow.event-store")
public record EventStoreProperties(
        @DefaultValue("jdbc") StorageProperties.Store engine,
        @DefaultValue("100ms") Duration fetchDelay) {

    /** Validates the settings. */
    public EventStoreProperties {
        if (fetchDelay.isNegative()) {
            throw new IllegalArgumentException("orderflow.event-store.fetch-delay must not be negative: " + fetchDelay);
        }
    }
}
