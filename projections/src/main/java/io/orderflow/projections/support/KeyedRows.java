package io.orderflow.projections.support;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The rows of one {@link ReadModelBatch}, by the read model's key (order id, SKU): those looked up when the
 * batch began and those the batch created. Both read models need the same bookkeeping, so it lives here
 * once: a batch asks its table about all the keys of its events with one query ({@link #lookUp}), and an
 * event it did not begin with costs a query of its own, once per key ({@link #get}); a key the table does
 * not hold is remembered as looked up, so it is not asked about again.
 *
 * <p>{@link #inKeyOrder} lists the rows in key order, the order the batch writes them in, so that two
 * batches never lock the same rows in opposite orders. Not thread-safe, like the batch.
 *
 * @param <R> the read model's row
 */
public final class KeyedRows<R> {

    private final Function<Collection<String>, Map<String, R>> finder;
    private final Set<String> lookedUp = new HashSet<>();
    private final Map<String, R> rows = new TreeMap<>();

    /**
     * @param finder the table's look-up: the stored rows of those of the given keys it holds, by key (one query)
     */
    public KeyedRows(Function<Collection<String>, Map<String, R>> finder) {
        this.finder = Objects.requireNonNull(finder, "finder");
    }

    /** Looks up the rows of {@code keys} with one query; no query for no keys. */
    public void lookUp(Collection<String> keys) {
        if (!keys.isEmpty()) {
            rows.putAll(finder.apply(keys));
            lookedUp.addAll(keys);
        }
    }

    /**
     * The row of {@code key}, or {@code null} if the table does not hold it and the batch did not create it.
     * A key the batch did not begin with (an event it did not begin with) costs a query of its own.
     */
    public R get(String key) {
        if (!lookedUp.contains(key)) {
            lookUp(Set.of(key));
        }
        return rows.get(key);
    }

    /** Creates or replaces the row of {@code key} (after {@link #get} of that key). */
    public void put(String key, R row) {
        rows.put(key, row);
    }

    /** The rows, in key order: the order to write them in. */
    public Collection<R> inKeyOrder() {
        return rows.values();
    }
}
