package io.orderflow.saga.caching;

import java.util.Objects;
import java.util.Set;
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
    private final Cache sagaCache;
    private final Cache associationsCache;

    /**
     * @param store             the store of record (JPA)
     * @param sagaCache         saga instances by saga identifier
     * @param associationsCache saga identifiers by association value
     */
    public RollbackSafeCachingSagaStore(SagaStore<T> store, Cache sagaCache, Cache associationsCache) {
        this.sagaCache = Objects.requireNonNull(sagaCache, "sagaCache");
        this.associationsCache = Objects.requireNonNull(associationsCache, "associationsCache");
        this.delegate = CachingSagaStore.<T>builder()
                .delegateSagaStore(Objects.requireNonNull(store, "store"))
                .sagaCache(sagaCache)
                .associationsCache(associationsCache)
                .build();
    }

    @Override
    public Set<String> findSagas(Class<? extends T> sagaType, AssociationValue associationValue) {
        return delegate.findSagas(sagaType, associationValue);
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
        delegate.deleteSaga(sagaType, sagaIdentifier, associationValues);
    }

    @Override
    public void insertSaga(Class<? extends T> sagaType, String sagaIdentifier, T saga,
                           Set<AssociationValue> associationValues) {
        evictOnRollback(sagaIdentifier);
        delegate.insertSaga(sagaType, sagaIdentifier, saga, associationValues);
    }

    @Override
    public void updateSaga(Class<? extends T> sagaType, String sagaIdentifier, T saga,
                           AssociationValues associationValues) {
        evictOnRollback(sagaIdentifier);
        delegate.updateSaga(sagaType, sagaIdentifier, saga, associationValues);
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
