package io.orderflow.write.support;

import org.axonframework.common.caching.Cache;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The caches of the four aggregate repositories ({@code Order}, {@code Product}, {@code Payment},
 * {@code Shipment}), named by their {@code @Aggregate(cache = ...)}. With a cache Axon builds a
 * {@code CachingEventSourcingRepository}: a command on an aggregate used recently takes it from memory
 * instead of reading its snapshot and events from the event store, the largest part of the write
 * side's CPU besides appending. Each aggregate type has its own cache, because Axon keys an entry by
 * the aggregate identifier alone.
 *
 * <p><b>Why a cached aggregate is never stale or half-changed</b> (Axon 4.13,
 * {@code CachingEventSourcingRepository}, {@code AbstractRepository}, {@code LockingRepository}):
 * <ul>
 *   <li>A command holds the aggregate's lock from loading until its unit of work is cleaned up, so on
 *       one node no second command sees the instance the first one is changing.</li>
 *   <li>Every load registers {@code onRollback(cache.remove(id))} (on a cache hit and in
 *       {@code validateOnLoad}), and the save at prepare-commit registers it again before it puts the
 *       new entry. A command that throws, or whose append or database commit fails (a
 *       {@code ConcurrencyException} included), rolls its unit of work back, which removes the entry
 *       before the lock is released; the next command loads the aggregate from the event store.</li>
 *   <li>Snapshots keep working: the cache entry keeps the aggregate's snapshot trigger, which goes on
 *       counting the events applied to the cached instance, and the snapshotter builds a snapshot
 *       from the event store, not from the cache. A snapshot now only speeds up a cache miss.</li>
 * </ul>
 *
 * <p><b>More than one node.</b> Every command that appends is safe: a node whose cached aggregate is
 * behind one that another node changed appends with a sequence number that is already taken, the
 * event store's unique key refuses it with a {@code ConcurrencyException}, the rollback evicts the
 * entry, and the application's command gateway retries that exception as transient (the app module's
 * {@code TransientFailures}: {@code AxonTransientException}), so the retry loads the current state.
 * A command that decides on the stale state to append nothing (the idempotent no-ops, such as a
 * {@code CommitStockCommand} that finds no reservation made on the other node) is not detected,
 * though. Run with {@code orderflow.write.aggregate-cache.enabled: false} when several nodes handle
 * commands for the same aggregates, unless commands are routed to nodes by aggregate identifier.
 * Events written to the event store other than through these repositories have the same effect.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AggregateCacheProperties.class)
public class AggregateCacheConfiguration {

    /** The bean name of the {@code Order} cache. */
    public static final String ORDER_CACHE = "orderAggregateCache";
    /** The bean name of the {@code Product} cache. */
    public static final String PRODUCT_CACHE = "productAggregateCache";
    /** The bean name of the {@code Payment} cache. */
    public static final String PAYMENT_CACHE = "paymentAggregateCache";
    /** The bean name of the {@code Shipment} cache. */
    public static final String SHIPMENT_CACHE = "shipmentAggregateCache";

    /**
     * @param properties the cache configuration
     * @return the cache of the order repository
     */
    @Bean(ORDER_CACHE)
    public Cache orderAggregateCache(AggregateCacheProperties properties) {
        return properties.newCache();
    }

    /**
     * @param properties the cache configuration
     * @return the cache of the product repository
     */
    @Bean(PRODUCT_CACHE)
    public Cache productAggregateCache(AggregateCacheProperties properties) {
        return properties.newCache();
    }

    /**
     * @param properties the cache configuration
     * @return the cache of the payment repository
     */
    @Bean(PAYMENT_CACHE)
    public Cache paymentAggregateCache(AggregateCacheProperties properties) {
        return properties.newCache();
    }

    /**
     * @param properties the cache configuration
     * @return the cache of the shipment repository
     */
    @Bean(SHIPMENT_CACHE)
    public Cache shipmentAggregateCache(AggregateCacheProperties properties) {
        return properties.newCache();
    }
}
