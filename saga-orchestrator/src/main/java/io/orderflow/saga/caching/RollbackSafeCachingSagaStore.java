package io.orderflow.saga.caching;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
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
 * compensation under overload). Here a look-up caches its result only if no transaction that changed
 * associations committed while it read, and every such commit drops the association values it changed
 * from the cache, so the next look-up reads what was committed. The database read runs outside the
 * cache's lock.
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

    private final CachingSagaStore<T> delegate;
    private final SagaStore<T> store;
    private final Cache sagaCache;
    private final Cache associationsCache;
    /** Counts committed changes of associations; a look-up that saw it change caches nothing. */
    private final AtomicLong associationCommits = new AtomicLong();

    /**
     * @param store             the store of record (JPA)
     * @param sagaCache         saga instances by saga identifier
     * @param associationsCache saga identifiers by association value
     */
    public RollbackSafeCachingSagaStore(SagaStore<T> store, Cache sagaCache, Cache associationsCache) {
        this.store = Objects.requireNonNull(store, "store");
        this.sagaCache = Objects.requireNonNull(sagaCache, "sagaCache");
        this.associationsCache = Objects.requireNonNull(associationsCache, "associationsCache");
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
        if (cached != null) {
            return Set.copyOf(cached);
        }
        long commitsBefore = associationCommits.get();
        // the copy is the cached entry: Axon's CachingSagaStore adds and removes identifiers in it
        Set<String> found = new ConcurrentSkipListSet<>(store.findSagas(sagaType, associationValue));
        if (associationCommits.get() == commitsBefore) {
            associationsCache.putIfAbsent(key, found);
        }
        return Set.copyOf(found);
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
        dropOnCommit(sagaType, associationValues);
        delegate.deleteSaga(sagaType, sagaIdentifier, associationValues);
    }

    @Override
    public void insertSaga(Class<? extends T> sagaType, String sagaIdentifier, T saga,
                           Set<AssociationValue> associationValues) {
        evictOnRollback(sagaIdentifier);
        dropOnCommit(sagaType, associationValues);
        delegate.insertSaga(sagaType, sagaIdentifier, saga, associationValues);
    }

    @Override
    public void updateSaga(Class<? extends T> sagaType, String sagaIdentifier, T saga,
                           AssociationValues associationValues) {
        evictOnRollback(sagaIdentifier);
        Set<AssociationValue> changed = new HashSet<>(associationValues.addedAssociations());
        changed.addAll(associationValues.removedAssociations());
        dropOnCommit(sagaType, changed);
        delegate.updateSaga(sagaType, sagaIdentifier, saga, associationValues);
    }

    /**
     * Once the unit of work commits (at once without one), counts a change of associations and drops the
     * changed association values from the cache: a look-up that read before the commit may have cached
     * what the database said before it.
     */
    private void dropOnCommit(Class<?> sagaType, Set<AssociationValue> changed) {
        if (changed.isEmpty()) {
            return;
        }
        List<String> keys = changed.stream().map(value -> cacheKey(sagaType, value)).toList();
        Runnable drop = () -> {
            associationCommits.incrementAndGet();
            keys.forEach(associationsCache::remove);
        };
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().afterCommit(unitOfWork -> drop.run());
        } else {
            drop.run();
        }
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
