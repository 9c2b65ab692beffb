package io.orderflow.projections.support;

import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What one query told the current transaction about a set of keys: which keys it asked about and which of
 * them exist. A read model fed in batches asks once for all the keys of a batch (event ids in the ledger,
 * order ids in the order view) and then answers "does it exist?" for each event without a round trip
 * to the database; a key it did not ask about has no answer here, and the caller looks it up as before.
 *
 * <p>Why bound to the transaction: the answer is only true inside the transaction that read it (and
 * the rows it adds itself, see {@link #added}); it is dropped when that transaction completes, so
 * nothing of it outlives a rollback or leaks into the next batch, and it is put aside while an inner
 * transaction ({@code REQUIRES_NEW}) runs. Not thread-safe, like the transaction.
 */
public final class PrefetchedKeys {

    private final Set<String> asked;
    private final Set<String> present;

    private PrefetchedKeys(Collection<String> asked, Collection<String> present) {
        this.asked = new HashSet<>(asked);
        this.present = new HashSet<>(present);
        this.asked.addAll(present);
    }

    /**
     * Remembers, for the rest of the current transaction, that of {@code asked} exactly {@code present}
     * exist in the store named {@code owner}/{@code name}.
     *
     * @throws IllegalStateException if no transaction with synchronization is active
     */
    public static PrefetchedKeys bind(Object owner, String name, Collection<String> asked, Collection<String> present) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("Prefetched keys need an active transaction");
        }
        Key key = new Key(owner, name);
        PrefetchedKeys keys = new PrefetchedKeys(asked, present);
        TransactionSynchronizationManager.unbindResourceIfPossible(key);
        TransactionSynchronizationManager.bindResource(key, keys);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            // an inner transaction (REQUIRES_NEW) must neither see nor drop the outer one's answers
            @Override
            public void suspend() {
                TransactionSynchronizationManager.unbindResourceIfPossible(key);
            }

            @Override
            public void resume() {
                TransactionSynchronizationManager.unbindResourceIfPossible(key);
                TransactionSynchronizationManager.bindResource(key, keys);
            }

            @Override
            public void afterCompletion(int status) {
                if (TransactionSynchronizationManager.getResource(key) == keys) {
                    TransactionSynchronizationManager.unbindResource(key);
                }
            }
        });
        return keys;
    }

    /** The keys the current transaction prefetched for {@code owner}/{@code name}, or {@code null}. */
    public static PrefetchedKeys current(Object owner, String name) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        return (PrefetchedKeys) TransactionSynchronizationManager.getResource(new Key(owner, name));
    }

    /**
     * @return {@code TRUE} or {@code FALSE} if {@code key} was asked about (or added since), {@code null}
     *         if this prefetch knows nothing about it
     */
    public Boolean exists(String key) {
        if (present.contains(key)) {
            return Boolean.TRUE;
        }
        return asked.contains(key) ? Boolean.FALSE : null;
    }

    /** The current transaction added {@code key}: from now on it exists. */
    public void added(String key) {
        asked.add(key);
        present.add(key);
    }

    /** The resource key: one prefetch per owner (a bean) and name (a table, a processor). */
    private record Key(Object owner, String name) {

        Key {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(name, "name");
        }
    }
}
