package io.orderflow.support.caching;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * An Axon {@link Cache} that holds at most {@code maxEntries} entries and evicts the least recently
 * used one first; memory stays bounded whatever the number of aggregates or sagas in use. It backs the
 * aggregate caches of the write side ({@code order-aggregate}) and the saga cache
 * ({@code saga-orchestrator}).
 *
 * <p>Why not Axon's {@code WeakReferenceCache}: Axon's caching repositories store a new entry on
 * every commit, so the entry is always a young object, and a weak reference to a young object is
 * cleared at the next young collection, which under load comes every few seconds or sooner. In the
 * benchmark (50 SKUs, about 30 product commands a second) a product gets a command about every two
 * seconds and an order or saga one per step, seconds apart, so many loads would miss. Here an entry
 * stays until {@code maxEntries} more recently used ones push it out; memory is bounded by
 * {@code maxEntries} times the size of an entry.
 *
 * <p>Every operation is synchronized on the cache: the command bus threads, the saga processor's
 * workers and the deadline threads share it, and each operation is one map access. An entry without
 * a key (an aggregate created but given no identifier by its command) is not kept.
 */
public final class BoundedLruCache implements Cache {

    private final int maxEntries;
    private final List<EntryListener> listeners = new CopyOnWriteArrayList<>();
    private final LinkedHashMap<Object, Object> entries;

    /**
     * @param maxEntries the largest number of entries kept, at least 1
     */
    public BoundedLruCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1: " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.entries = new LinkedHashMap<>(Math.min(maxEntries, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
                boolean evict = size() > BoundedLruCache.this.maxEntries;
                if (evict) {
                    listeners.forEach(listener -> listener.onEntryExpired(eldest.getKey()));
                }
                return evict;
            }
        };
    }

    /** The number of entries currently held. */
    public synchronized int size() {
        return entries.size();
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <K, V> V get(K key) {
        if (key == null) {
            return null;
        }
        Object value = entries.get(key);
        if (value != null) {
            listeners.forEach(listener -> listener.onEntryRead(key, value));
        }
        return (V) value;
    }

    @Override
    public synchronized void put(Object key, Object value) {
        if (key == null) {
            return;
        }
        if (value == null) {
            remove(key);
            return;
        }
        Object previous = entries.put(key, value);
        if (previous == null) {
            listeners.forEach(listener -> listener.onEntryCreated(key, value));
        } else {
            listeners.forEach(listener -> listener.onEntryUpdated(key, value));
        }
    }

    @Override
    public synchronized boolean putIfAbsent(Object key, Object value) {
        if (key == null || value == null || entries.containsKey(key)) {
            return false;
        }
        put(key, value);
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        Object current = get(key);
        if (current != null) {
            return (T) current;
        }
        T created = valueSupplier.get();
        if (created == null) {
            throw new IllegalArgumentException("the value supplier produced null for key [" + key + "]");
        }
        put(key, created);
        return created;
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        Object current = key == null ? null : entries.get(key);
        if (current == null) {
            return;
        }
        V updated = update.apply((V) current);
        if (updated == null) {
            remove(key);
        } else {
            put(key, updated);
        }
    }

    @Override
    public synchronized boolean remove(Object key) {
        if (key == null || entries.remove(key) == null) {
            return false;
        }
        listeners.forEach(listener -> listener.onEntryRemoved(key));
        return true;
    }

    @Override
    public synchronized void removeAll() {
        List<Object> keys = List.copyOf(entries.keySet());
        entries.clear();
        keys.forEach(key -> listeners.forEach(listener -> listener.onEntryRemoved(key)));
    }

    @Override
    public synchronized boolean containsKey(Object key) {
        return key != null && entries.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        listeners.add(cacheEntryListener);
        return () -> listeners.remove(cacheEntryListener);
    }
}
