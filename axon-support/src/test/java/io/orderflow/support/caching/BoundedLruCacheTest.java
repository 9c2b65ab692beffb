package io.orderflow.support.caching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

class BoundedLruCacheTest {

    @Test
    void evictsTheLeastRecentlyUsedEntryBeyondTheBound() {
        BoundedLruCache cache = new BoundedLruCache(2);
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
        BoundedLruCache cache = new BoundedLruCache(10);
        cache.put("order-1", "state-1");

        assertThat(cache.remove("order-1")).isTrue();
        assertThat(cache.<String, Object>get("order-1")).isNull();
        assertThat(cache.remove("order-1")).isFalse();
    }

    @Test
    void keepsNothingForAnAggregateWithoutIdentifier() {
        BoundedLruCache cache = new BoundedLruCache(10);

        cache.put(null, "state");

        assertThat(cache.size()).isZero();
        assertThat(cache.<Object, Object>get(null)).isNull();
        assertThat(cache.containsKey(null)).isFalse();
        assertThat(cache.remove(null)).isFalse();
    }

    @Test
    void putIfAbsentAndComputeKeepTheFirstValue() {
        BoundedLruCache cache = new BoundedLruCache(10);

        assertThat(cache.putIfAbsent("order-1", "first")).isTrue();
        assertThat(cache.putIfAbsent("order-1", "second")).isFalse();
        assertThat(cache.<String>computeIfAbsent("order-1", () -> "third")).isEqualTo("first");
        cache.<String>computeIfPresent("order-1", value -> value + "+updated");

        assertThat(cache.<String, String>get("order-1")).isEqualTo("first+updated");
    }

    @Test
    void tellsListenersAboutCreatedUpdatedExpiredAndRemovedEntries() {
        BoundedLruCache cache = new BoundedLruCache(1);
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
        assertThatThrownBy(() -> new BoundedLruCache(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxEntries must be at least 1: 0");
    }

    @Test
    void computesAbsentValuesOnceAndUpdatesOnlyPresentOnes() {
        BoundedLruCache cache = new BoundedLruCache(10);

        assertThat(cache.computeIfAbsent("k", () -> "first")).isEqualTo("first");
        assertThat(cache.computeIfAbsent("k", () -> "second")).isEqualTo("first");
        cache.computeIfPresent("k", (UnaryOperator<String>) value -> value + "!");
        cache.computeIfPresent("absent", (UnaryOperator<String>) value -> "never");

        assertThat((String) cache.get("k")).isEqualTo("first!");
        assertThat(cache.containsKey("absent")).isFalse();
    }

    @Test
    void removesTheEntryWhenAnUpdateReturnsNull() {
        BoundedLruCache cache = new BoundedLruCache(10);
        cache.put("k", "v");

        cache.computeIfPresent("k", value -> null);

        assertThat(cache.containsKey("k")).isFalse();
    }

    @Test
    void removeAllEmptiesTheCacheAndTellsListeners() {
        BoundedLruCache cache = new BoundedLruCache(10);
        List<Object> removed = new ArrayList<>();
        cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryRemoved(Object key) {
                removed.add(key);
            }
        });
        cache.put("a", 1);
        cache.put("b", 2);

        cache.removeAll();

        assertThat(cache.size()).isZero();
        assertThat(removed).containsExactlyInAnyOrder("a", "b");
    }
}
