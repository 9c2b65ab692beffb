package io.orderflow.saga.caching;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * An Axon {@link Cache} holding at most {@code maxEntries} entries; the least recently used entry is
 * evicted first. Memory stays bounded whatever the number of sagas in flight (Axon's
 * {@code WeakReferenceCache} is bounded only by the garbage collector, which empties it at every
 * collection). All operations are synchronized on the cache: entries are read and written by the
 * saga processor's worker threads and the deadline threads, and each operation is a map access.
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
        Object value = entries.get(key);
        if (value != null) {
            listeners.forEach(listener -> listener.onEntryRead(key, value));
        }
        return (V) value;
    }

    @Override
    public synchronized void put(Object key, Object value) {
        if (value == null) {
            remove(key);
            return;
        }
        Object previous = entries.put(key, value);
        notifyWritten(key, value, previous);
    }

    @Override
    public synchronized boolean putIfAbsent(Object key, Object value) {
        if (entries.containsKey(key)) {
            return false;
        }
        put(key, value);
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        Object current = entries.get(key);
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
        Object current = entries.get(key);
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
        if (entries.remove(key) == null) {
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
        return entries.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        listeners.add(cacheEntryListener);
        return () -> listeners.remove(cacheEntryListener);
    }

    private void notifyWritten(Object key, Object value, Object previous) {
        if (previous == null) {
            listeners.forEach(listener -> listener.onEntryCreated(key, value));
        } else {
            listeners.forEach(listener -> listener.onEntryUpdated(key, value));
        }
    }
}
