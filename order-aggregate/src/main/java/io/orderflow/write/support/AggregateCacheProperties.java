package io.orderflow.write.support;

import io.orderflow.support.caching.BoundedLruCache;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the aggregate caches ({@code orderflow.write.aggregate-cache.*}), see
 * {@link AggregateCacheConfiguration}.
 *
 * @param enabled    {@code orderflow.write.aggregate-cache.enabled}: keep recently used aggregates in
 *                   memory (default {@code true}); {@code false} loads every aggregate from the event
 *                   store for every command, the behaviour before the caches
 * @param maxEntries {@code orderflow.write.aggregate-cache.max-entries}: aggregates kept per aggregate
 *                   type, least recently used evicted first (default 10,000)
 */
@ConfigurationProperties("orderflow.write.aggregate-cache")
public record AggregateCacheProperties(@DefaultValue("true") boolean enabled,
                                       @DefaultValue("10000") int maxEntries) {

    public AggregateCacheProperties {
        if (maxEntries < 1) {
            throw new IllegalArgumentException(
                    "orderflow.write.aggregate-cache.max-entries must be at least 1: " + maxEntries);
        }
    }

    /**
     * @return a new, empty cache for one aggregate type: bounded LRU when enabled, otherwise Axon's
     *         {@link NoCache}, which holds nothing
     */
    public Cache newCache() {
        return enabled ? new BoundedLruCache(maxEntries) : NoCache.INSTANCE;
    }
}
