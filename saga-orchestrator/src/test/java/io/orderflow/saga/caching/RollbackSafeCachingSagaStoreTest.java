package io.orderflow.saga.caching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderflow.support.caching.BoundedLruCache;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.AssociationValues;
import org.axonframework.modelling.saga.AssociationValuesImpl;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.junit.jupiter.api.Test;

class RollbackSafeCachingSagaStoreTest {

    private static final AssociationValue ORDER = new AssociationValue("orderId", "o-1");

    private final CopyingStore database = new CopyingStore();
    private final RollbackSafeCachingSagaStore<Object> store =
            new RollbackSafeCachingSagaStore<>(database, new BoundedLruCache(100), new BoundedLruCache(100));

    @Test
    void servesRepeatedLoadsAndLookupsFromTheCache() {
        database.insertSaga(Progress.class, "s-1", new Progress(1), Set.of(ORDER));

        store.findSagas(Progress.class, ORDER);
        store.findSagas(Progress.class, ORDER);
        store.loadSaga(Progress.class, "s-1");
        store.loadSaga(Progress.class, "s-1");

        assertThat(database.lookups.get()).isEqualTo(1);
        assertThat(database.loads.get()).isEqualTo(1);
    }

    @Test
    void keepsTheCommittedStateInTheCache() {
        database.insertSaga(Progress.class, "s-1", new Progress(1), Set.of(ORDER));

        inUnitOfWork(true, () -> {
            Progress saga = store.loadSaga(Progress.class, "s-1").saga();
            saga.step = 2;
            store.updateSaga(Progress.class, "s-1", saga, associations());
        });

        assertThat(store.loadSaga(Progress.class, "s-1").saga().step).isEqualTo(2);
        assertThat(database.loads.get()).isEqualTo(1);
    }

    @Test
    void forgetsStateOfARolledBackUnitOfWorkSoTheRetryMeetsTheStoredSaga() {
        database.insertSaga(Progress.class, "s-1", new Progress(1), Set.of(ORDER));
        store.findSagas(Progress.class, ORDER);

        inUnitOfWork(false, () -> {
            Progress saga = store.loadSaga(Progress.class, "s-1").saga();
            saga.step = 2; // the handler mutated the cached instance, then the commit failed
            store.updateSaga(Progress.class, "s-1", saga, associations());
        });

        assertThat(store.loadSaga(Progress.class, "s-1").saga().step).isEqualTo(1);
        assertThat(database.loads.get()).isEqualTo(2);
    }

    @Test
    void forgetsASagaInsertedByARolledBackUnitOfWork() {
        store.findSagas(Progress.class, ORDER);

        inUnitOfWork(false, () -> store.insertSaga(Progress.class, "s-2", new Progress(0), Set.of(ORDER)));
        database.sagas.remove("s-2"); // what the database rollback does
        database.associations.remove("s-2");

        assertThat(store.findSagas(Progress.class, ORDER)).isEmpty();
        assertThat(store.loadSaga(Progress.class, "s-2")).isNull();
    }

    @Test
    void aLookUpThatReadBeforeAnotherThreadCommittedASagaLeavesNoStaleAnswerInTheCache() throws InterruptedException {
        // another segment's thread commits the saga of this order while the look-up reads the database
        Thread otherSegment = new Thread(() -> inUnitOfWork(true,
                () -> store.insertSaga(Progress.class, "s-1", new Progress(0), Set.of(ORDER))));
        database.whileLookingUp = () -> {
            otherSegment.start();
            // its commit is in the database; its correction of the cache waits for this look-up, if at all
            await().until(() -> database.sagas.containsKey("s-1") && otherSegment.getState() != Thread.State.RUNNABLE);
        };

        assertThat(store.findSagas(Progress.class, ORDER)).as("read before the commit").isEmpty();
        database.whileLookingUp = null;
        otherSegment.join(Duration.ofSeconds(10).toMillis());

        assertThat(store.findSagas(Progress.class, ORDER)).as("the next event of the order finds its saga")
                .containsExactly("s-1");
    }

    @Test
    void segmentThreadsMissingOnTheSameValueAtOnceReadTheDatabaseOnce() throws InterruptedException {
        database.insertSaga(Progress.class, "s-1", new Progress(1), Set.of(ORDER));
        Set<String> foundByOtherSegment = ConcurrentHashMap.newKeySet();
        Thread otherSegment = new Thread(() -> foundByOtherSegment.addAll(store.findSagas(Progress.class, ORDER)));
        database.whileLookingUp = () -> {
            database.whileLookingUp = null;
            otherSegment.start();
            await().until(() -> otherSegment.getState() == Thread.State.BLOCKED);
        };

        assertThat(store.findSagas(Progress.class, ORDER)).containsExactly("s-1");
        otherSegment.join(Duration.ofSeconds(10).toMillis());

        assertThat(foundByOtherSegment).containsExactly("s-1");
        assertThat(database.lookups.get()).isEqualTo(1);
    }

    @Test
    void aCommitThatEndsASagaLeavesItsAssociationWithoutSagaInTheCache() {
        database.insertSaga(Progress.class, "s-1", new Progress(1), Set.of(ORDER));
        assertThat(store.findSagas(Progress.class, ORDER)).containsExactly("s-1");

        inUnitOfWork(true, () -> store.deleteSaga(Progress.class, "s-1", Set.of(ORDER)));

        assertThat(store.findSagas(Progress.class, ORDER)).as("an event after the end").isEmpty();
        assertThat(database.lookups.get()).as("answered from the cache").isEqualTo(1);
    }

    private static AssociationValues associations() {
        AssociationValuesImpl values = new AssociationValuesImpl(Set.of(ORDER));
        values.commit();
        return values;
    }

    private static void inUnitOfWork(boolean commit, Runnable work) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            work.run();
        } catch (RuntimeException e) {
            unitOfWork.rollback(e);
            throw e;
        }
        if (commit) {
            unitOfWork.commit();
        } else {
            unitOfWork.rollback(new IllegalStateException("handler failed"));
        }
    }

    /** A saga with mutable state, like the real one. */
    static final class Progress {
        int step;

        Progress(int step) {
            this.step = step;
        }
    }

    /** Stands in for the database: stores copies, so only an update changes what is stored. */
    static final class CopyingStore implements SagaStore<Object> {

        final Map<String, Integer> sagas = new ConcurrentHashMap<>();
        final Map<String, Set<AssociationValue>> associations = new ConcurrentHashMap<>();
        final AtomicInteger loads = new AtomicInteger();
        final AtomicInteger lookups = new AtomicInteger();
        /** Runs after a look-up has read, before it returns: what another thread did meanwhile. */
        volatile Runnable whileLookingUp;

        @Override
        public Set<String> findSagas(Class<?> sagaType, AssociationValue associationValue) {
            lookups.incrementAndGet();
            Set<String> found = associations.entrySet().stream()
                    .filter(entry -> entry.getValue().contains(associationValue))
                    .map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
            if (whileLookingUp != null) {
                whileLookingUp.run();
            }
            return found;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <S> Entry<S> loadSaga(Class<S> sagaType, String sagaIdentifier) {
            loads.incrementAndGet();
            Integer step = sagas.get(sagaIdentifier);
            if (step == null) {
                return null;
            }
            Progress copy = new Progress(step);
            Set<AssociationValue> values = Set.copyOf(associations.get(sagaIdentifier));
            return new Entry<>() {
                @Override
                public Set<AssociationValue> associationValues() {
                    return values;
                }

                @Override
                public S saga() {
                    return (S) copy;
                }
            };
        }

        @Override
        public void deleteSaga(Class<?> sagaType, String sagaIdentifier, Set<AssociationValue> associationValues) {
            sagas.remove(sagaIdentifier);
            associations.remove(sagaIdentifier);
        }

        @Override
        public void insertSaga(Class<?> sagaType, String sagaIdentifier, Object saga,
                               Set<AssociationValue> associationValues) {
            sagas.put(sagaIdentifier, ((Progress) saga).step);
            associations.put(sagaIdentifier, new HashSet<>(associationValues));
        }

        @Override
        public void updateSaga(Class<?> sagaType, String sagaIdentifier, Object saga,
                               AssociationValues associationValues) {
            int step = ((Progress) saga).step;
            Set<AssociationValue> values = new HashSet<>(associationValues.asSet());
            Runnable write = () -> {
                sagas.put(sagaIdentifier, step);
                associations.put(sagaIdentifier, values);
            };
            // like a database transaction: an update inside a unit of work is kept only if it commits
            if (CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.get().onCommit(unitOfWork -> write.run());
            } else {
                write.run();
            }
        }
    }
}
