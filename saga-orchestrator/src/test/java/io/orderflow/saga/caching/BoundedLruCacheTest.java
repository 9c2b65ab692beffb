package io.orderflow.saga.caching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

class BoundedLruCacheTest {

    @Test
    void evictsTheLeastRecentlyUsedEntryWhenFull() {
        BoundedLruCache cache = new BoundedLruCache(2);
        cache.put("a", 1);
        cache.put("b", 2);
        assertThat((Integer) cache.get("a")).isEqualTo(1);

        cache.put("c", 3);

        assertThat(cache.containsKey("a")).isTrue();
        assertThat(cache.containsKey("b")).isFalse();
        assertThat(cache.containsKey("c")).isTrue();
        assertThat(cache.size()).isEqualTo(2);
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
    void putIfAbsentKeepsTheExistingValue() {
        BoundedLruCache cache = new BoundedLruCache(10);

        assertThat(cache.putIfAbsent("k", 1)).isTrue();
        assertThat(cache.putIfAbsent("k", 2)).isFalse();
        assertThat((Integer) cache.get("k")).isEqualTo(1);
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

    @Test
    void refusesANonPositiveCapacity() {
        assertThatThrownBy(() -> new BoundedLruCache(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
