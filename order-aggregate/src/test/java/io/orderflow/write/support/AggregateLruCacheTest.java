package io.orderflow.write.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

class AggregateLruCacheTest {

    @Test
    void evictsTheLeastRecentlyUsedEntryBeyondTheBound() {
        AggregateLruCache cache = new AggregateLruCache(2);
        cache.put("order-1", "state-1");
        cache.put("order-2", "state-2");

        cache.get("order-1");
        cache.put("order-3", "state-3");

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.containsKey("order-1")).isTrue();
        assertThat(cache.containsKey("order-2")).as("least recently used").isFalse();
        assertThat(cache.<String, String>get("order-3")).isEqualTo("state-3");
    }

    @Test
    void removesAnEntrySoTheNextLoadMisses() {
        AggregateLruCache cache = new AggregateLruCache(10);
        cache.put("order-1", "state-1");

        assertThat(cache.remove("order-1")).isTrue();
        assertThat(cache.<String, Object>get("order-1")).isNull();
        assertThat(cache.remove("order-1")).isFalse();
    }

    @Test
    void keepsNothingForAnAggregateWithoutIdentifier() {
        AggregateLruCache cache = new AggregateLruCache(10);

        cache.put(null, "state");

        assertThat(cache.size()).isZero();
        assertThat(cache.<Object, Object>get(null)).isNull();
        assertThat(cache.containsKey(null)).isFalse();
        assertThat(cache.remove(null)).isFalse();
    }

    @Test
    void putIfAbsentAndComputeKeepTheFirstValue() {
        AggregateLruCache cache = new AggregateLruCache(10);

        assertThat(cache.putIfAbsent("order-1", "first")).isTrue();
        assertThat(cache.putIfAbsent("order-1", "second")).isFalse();
        assertThat(cache.<String>computeIfAbsent("order-1", () -> "third")).isEqualTo("first");
        cache.<String>computeIfPresent("order-1", value -> value + "+updated");

        assertThat(cache.<String, String>get("order-1")).isEqualTo("first+updated");
    }

    @Test
    void tellsListenersAboutCreatedUpdatedExpiredAndRemovedEntries() {
        AggregateLruCache cache = new AggregateLruCache(1);
        List<String> seen = new ArrayList<>();
        cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryCreated(Object key, Object value) {
                seen.add("created " + key);
            }

            @Override
            public void onEntryUpdated(Object key, Object value) {
                seen.add("updated " + key);
            }

            @Override
            public void onEntryExpired(Object key) {
                seen.add("expired " + key);
            }

            @Override
            public void onEntryRemoved(Object key) {
                seen.add("removed " + key);
            }
        });

        cache.put("a", 1);
        cache.put("a", 2);
        cache.put("b", 3);
        cache.remove("b");

        assertThat(seen).containsExactly("created a", "updated a", "expired a", "created b", "removed b");
    }

    @Test
    void refusesABoundBelowOne() {
        assertThatThrownBy(() -> new AggregateLruCache(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxEntries must be at least 1: 0");
    }
}
