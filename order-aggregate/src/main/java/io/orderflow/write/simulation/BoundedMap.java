package io.orderflow.write.simulation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An insertion-ordered map that forgets its oldest entry beyond a capacity, so the simulated
 * adapters' memory of idempotency keys stays bounded in a long run, as a real provider's does. Not
 * thread-safe; the adapters use it under their own lock.
 */
final class BoundedMap<K, V> extends LinkedHashMap<K, V> {

    private static final long serialVersionUID = 1L;

    private final int capacity;

    BoundedMap(int capacity) {
        this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
    }
}
