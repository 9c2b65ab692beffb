package io.orderflow.saga.caching;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Consumer;
import org.axonframework.common.caching.Cache;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.AssociationValues;
import org.axonframework.modelling.saga.repository.CachingSagaStore;
import org.axonframework.modelling.saga.repository.SagaStore;

/**
 * Axon's {@link CachingSagaStore} plus what it lacks: eviction on rollback.
 *
 * <p>The cached entry <em>is</em> the saga instance the handlers mutate, and {@code CachingSagaStore}
 * updates its caches before the transaction commits. When a unit of work rolls back (a saga handler
 * threw and the retry-then-park error handler rethrew, or the commit failed), the cache would keep
 * state the database never got, and the retried event would meet a saga that believes it already
 * handled it. This store therefore registers, for every saga it loads, inserts, updates or deletes
 * inside a unit of work, a rollback hook that evicts that saga and clears the association cache
 * (rollbacks are rare; the next lookups reload from the database). A committed unit of work leaves
 * the cache equal to the database.
 *
 * <p><b>Association look-ups and concurrent commits.</b> Every segment thread of the saga processor looks up
 * the sagas of every event's association values. Axon's {@code CachingSagaStore} caches what a look-up read
 * from the database, even when another thread's transaction inserted a saga for that association while the
 * look-up ran: the look-up cannot see the uncommitted row, the insert cannot add itself to an entry that is
 * not cached yet, and the cache ends up saying "no saga" for an association that has one. Every later event
 * of that order then found no saga, and only its deadlines reached it (measured: orders stuck in
 * compensation under overload). Here every commit that changed associations, once committed, adds or
 * removes its saga in the cached entries of the values it changed, and a look-up that misses reads the
 * database and caches what it read while it holds the lock of its stripe of association values (1,024
 * stripes), the lock under which such a commit corrects the cache. A commit the read could not see
 * therefore corrects the entry after the look-up cached it, and the segment threads that miss on the same
 * value at once (every new order's first event) wait for one database read instead of each making their own.
 * A saga that ends leaves an empty entry, so the events that still reach its order find no saga without a
 * query.
 *
 * <p>The cache is local to this JVM. It is correct as long as a saga is handled by one node at a
 * time and that node is the only writer, which the event processor's segment claim guarantees; a
 * segment that moves to another node and back could meet a stale entry, so run with
 * {@code orderflow.saga.processor.cache-size: 0} when segments are expected to move between nodes
 * under load.
 *
 * @param <T> the saga type
 */
public final class RollbackSafeCachingSagaStore<T> implements SagaStore<T> {

    private static final String RESOURCE_PREFIX = RollbackSafeCachingSagaStore.class.getName() + "/evict/";
    private static final int STRIPES = 1024;

    private final CachingSagaStore<T> delegate;
    private final SagaStore<T> store;
    private final Cache sagaCache;
    private final Cache associationsCache;
    /** A look-up's read-then-cache and a commit's correction are one step each, per stripe of association values. */
    private final Object[] stripeLocks = new Object[STRIPES];

    /**
     * @param store             the store of record (JPA)
     * @param sagaCache         saga instances by saga identifier
     * @param associationsCache saga identifiers by association value
     */
    public RollbackSafeCachingSagaStore(SagaStore<T> store, Cache sagaCache, Cache associationsCache) {
        this.store = Objects.requireNonNull(store, "store");
        this.sagaCache = Objects.requireNonNull(sagaCache, "sagaCache");
        this.associationsCache = Objects.requireNonNull(associationsCache, "associationsCache");
        for (int stripe = 0; stripe < STRIPES; stripe++) {
            stripeLocks[stripe] = new Object();
        }
        this.delegate = CachingSagaStore.<T>builder()
                .delegateSagaStore(store)
                .sagaCache(sagaCache)
                .associationsCache(associationsCache)
                .build();
    }

    @Override
    public Set<String> findSagas(Class<? extends T> sagaType, AssociationValue associationValue) {
        String key = cacheKey(sagaType, associationValue);
        Set<String> cached = associationsCache.get(key);
        if (cached == null) {
            synchronized (stripeLocks[stripe(key)]) {
                cached = associationsCache.get(key); // another segment thread may have read it meanwhile
                if (cached == null) {
                    // the copy is the cached entry: Axon's CachingSagaStore adds and removes identifiers in it
                    cached = new ConcurrentSkipListSet<>(store.findSagas(sagaType, associationValue));
                    associationsCache.put(key, cached);
                }
            }
        }
        return Set.copyOf(cached);
    }

    @Override
    public <S extends T> Entry<S> loadSaga(Class<S> sagaType, String sagaIdentifier) {
        evictOnRollback(sagaIdentifier);
        return delegate.loadSaga(sagaType, sagaIdentifier);
    }

    @Override
    public void deleteSaga(Class<? extends T> sagaType, String sagaIdentifier,
                           Set<AssociationValue> associationValues) {
        evictOnRollback(sagaIdentifier);
        sagaCache.remove(sagaIdentifier);
        // not through Axon's CachingSagaStore, which drops the association entries it empties at once: the
        // cached entries keep the saga until the commit takes it out, and stay, empty, for the order's late events
        store.deleteSaga(sagaType, sagaIdentifier, associationValues);
        onCommit(sagaType, sagaIdentifier, Set.of(), associationValues);
    }

    @Override
    public void insertSaga(Class<? extends T> sagaType, String sagaIdentifier, T saga,
                           Set<AssociationValue> associationValues) {
        evictOnRollback(sagaIdentifier);
        delegate.insertSaga(sagaType, sagaIdentifier, saga, associationValues);
        onCommit(sagaType, sagaIdentifier, associationValues, Set.of());
    }

    @Override
    public void updateSaga(Class<? extends T> sagaType, String sagaIdentifier, T saga,
                           AssociationValues associationValues) {
        evictOnRollback(sagaIdentifier);
        Set<AssociationValue> added = Set.copyOf(associationValues.addedAssociations());
        Set<AssociationValue> removed = Set.copyOf(associationValues.removedAssociations());
        delegate.updateSaga(sagaType, sagaIdentifier, saga, associationValues);
        onCommit(sagaType, sagaIdentifier, added, removed);
    }

    /**
     * Once the unit of work commits (at once without one), puts the committed truth into the cached entries of
     * the association values the saga gained or lost: a look-up that read before the commit may have cached what
     * the database said before it.
     */
    private void onCommit(Class<?> sagaType, String sagaIdentifier, Set<AssociationValue> added,
                          Set<AssociationValue> removed) {
        if (added.isEmpty() && removed.isEmpty()) {
            return;
        }
        Runnable apply = () -> {
            added.forEach(value -> committed(cacheKey(sagaType, value), ids -> ids.add(sagaIdentifier)));
            removed.forEach(value -> committed(cacheKey(sagaType, value), ids -> ids.remove(sagaIdentifier)));
        };
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().afterCommit(unitOfWork -> apply.run());
        } else {
            apply.run();
        }
    }

    @SuppressWarnings("unchecked")
    private void committed(String key, Consumer<Set<String>> change) {
        // waits for a look-up of the same stripe that is reading: it corrects what that look-up caches
        synchronized (stripeLocks[stripe(key)]) {
            associationsCache.computeIfPresent(key, cached -> {
                Set<String> ids = (Set<String>) cached;
                change.accept(ids);
                return ids;
            });
        }
    }

    private static int stripe(String key) {
        return Math.floorMod(key.hashCode(), STRIPES);
    }

    /** The key Axon's {@code CachingSagaStore} files an association value under. */
    private static String cacheKey(Class<?> sagaType, AssociationValue associationValue) {
        return sagaType.getName() + "/" + associationValue.getKey() + "=" + associationValue.getValue();
    }

    /** Registers (once per unit of work and saga) the eviction of the saga if the unit of work rolls back. */
    private void evictOnRollback(String sagaIdentifier) {
        if (!CurrentUnitOfWork.isStarted()) {
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        if (root.resources().putIfAbsent(RESOURCE_PREFIX + sagaIdentifier, Boolean.TRUE) == null) {
            root.onRollback(unitOfWork -> {
                sagaCache.remove(sagaIdentifier);
                associationsCache.removeAll();
            });
        }
    }
}
