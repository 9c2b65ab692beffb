package io.orderflow.projections.support;

/**
 * The events of one batch (one Kafka poll, or one Axon event) applied to a read model in one database
 * transaction: {@link #apply} decides in memory what each event changes, {@link #write} then stores all of
 * it with a few JDBC batch statements.
 *
 * <p>Why in memory and then in batches: the read models were written through Hibernate entities, and
 * flushing, dirty checking and query interpretation were the largest share of the application's CPU under
 * load. A batch now costs one look-up of its ledger marks, one look-up of its rows, and one JDBC batch per
 * kind of write, however many events it holds.
 *
 * <p>Created by the read model's updater ({@code begin}) in the caller's transaction, which must also be
 * the one that calls {@link #write}; not thread-safe, like the transaction.
 */
public interface ReadModelBatch {

    /**
     * Applies one event to the batch's rows in memory, unless the read model ignores it or has applied it
     * before (in an earlier transaction or earlier in this batch).
     *
     * @param payload the event
     * @param meta    its id, time and aggregate sequence
     * @return whether the read model changed
     */
    boolean apply(Object payload, EventMeta meta);

    /**
     * Writes what the applied events changed (new and changed rows, ledger marks) in the current transaction.
     * Nothing is written before; calling it again writes only what was applied since.
     *
     * @throws org.springframework.dao.ConcurrencyFailureException if another transaction changed a row this
     *         batch changes since it was looked up (the transaction is to be retried)
     */
    void write();
}
