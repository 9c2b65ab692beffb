package io.orderflow.projections.kafka;

import io.orderflow.projections.support.DeliveredEvent;
import io.orderflow.projections.support.ReadModelBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The batch listener of one read model's consumer group: all the records of one poll are applied in
 * <em>one</em> database transaction as one {@link ReadModelBatch} (each event still checked against, and
 * marked in, the read model's processed-event ledger in that transaction, so a duplicate inside the batch or
 * from an earlier delivery changes nothing) and the {@link ProjectionTransactionHook}s are called for each.
 * It returns only after that transaction has committed, and the container (ack mode {@code BATCH})
 * commits the poll's offsets only then.
 *
 * <p><b>Failures stay per record.</b> When the batch transaction fails, nothing of it was applied.
 * If the update of one record threw, the records before it are applied again (one transaction) and
 * that record is reported, having been tried once in this delivery, as with a record listener; if
 * the failure belongs to no record (the batch's look-up or write, the commit), the listener falls back to
 * one transaction per record, in order. The failing record is reported with a {@link BatchListenerFailedException} naming it: spring-kafka's
 * {@code DefaultErrorHandler} commits the offsets of the records before it (applied and committed),
 * retries from it with the back-off and finally sends only that record to the dead-letter topic, then
 * goes on with the records behind it. A record that cannot be read is such a record too (the records
 * before it are applied first). Ordering is kept: the records behind a failing one wait.
 *
 * <p>A concurrency conflict (a row another transaction changed since the batch looked it up, a deadlock)
 * is retried at once, up to {@value #CONFLICT_ATTEMPTS} attempts, before it counts as a failure.
 *
 * <p>Why batches: one transaction per record made the read models cost two commits (one per
 * consumer group) for every event, more than the whole write side of a saga. For the same reason a batch
 * claims the ledger marks of all its events at once and looks up their rows with one query,
 * applies the events in memory and writes with one JDBC batch per kind of row ({@link ReadModelBatch}).
 */
final class ReadModelListener implements BatchMessageListener<String, byte[]> {

    static final int CONFLICT_ATTEMPTS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(ReadModelListener.class);

    private final KafkaReadModel readModel;
    private final KafkaEventReader reader;
    private final TransactionTemplate transaction;
    private final List<ProjectionTransactionHook> hooks;

    ReadModelListener(KafkaReadModel readModel, KafkaEventReader reader, TransactionTemplate transaction,
            List<ProjectionTransactionHook> hooks) {
        this.readModel = Objects.requireNonNull(readModel, "readModel");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.transaction = Objects.requireNonNull(transaction, "transaction");
        this.hooks = List.copyOf(hooks);
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, byte[]>> records) {
        List<List<KafkaEvent>> events = new ArrayList<>(records.size());
        RuntimeException unreadable = null;
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                events.add(reader.read(record));
            } catch (RuntimeException e) {
                unreadable = e;
                break;
            }
        }
        List<ConsumerRecord<String, byte[]>> readable = records.subList(0, events.size());
        if (!readable.isEmpty()) {
            applyBatch(readable, events);
        }
        if (unreadable != null) {
            throw new BatchListenerFailedException(describe(records.get(events.size())), unreadable,
                    records.get(events.size()));
        }
    }

    /**
     * One transaction for all. If an update throws, the records before it are applied again in one
     * transaction and the failing record is reported (it was tried once in this delivery, like a
     * record listener would have). If the transaction fails in a way no record is to blame for (the
     * commit), one transaction per record, stopping at the first failing record.
     */
    private void applyBatch(List<ConsumerRecord<String, byte[]>> records, List<List<KafkaEvent>> events) {
        try {
            inTransaction(records, events);
            return;
        } catch (RecordFailedException failed) {
            int index = failed.index;
            LOG.debug("{}: record {} of a batch of {} failed ({}); applying the {} before it", readModel.name(), index,
                    records.size(), failed.getCause().toString(), index);
            if (index > 0) {
                applyOneByOneIfNeeded(records.subList(0, index), events.subList(0, index));
            }
            throw new BatchListenerFailedException(describe(records.get(index)), failed.getCause(), records.get(index));
        } catch (RuntimeException batchFailure) {
            LOG.debug("{}: batch of {} records failed ({}); applying them one by one", readModel.name(),
                    records.size(), batchFailure.toString());
            applyOneByOne(records, events);
        }
    }

    private void applyOneByOneIfNeeded(List<ConsumerRecord<String, byte[]>> records, List<List<KafkaEvent>> events) {
        try {
            inTransaction(records, events);
        } catch (RuntimeException failure) {
            applyOneByOne(records, events);
        }
    }

    private void applyOneByOne(List<ConsumerRecord<String, byte[]>> records, List<List<KafkaEvent>> events) {
        for (int index = 0; index < records.size(); index++) {
            ConsumerRecord<String, byte[]> record = records.get(index);
            try {
                inTransaction(List.of(record), List.of(events.get(index)));
            } catch (RecordFailedException failed) {
                throw new BatchListenerFailedException(describe(record), failed.getCause(), record);
            } catch (RuntimeException failure) {
                throw new BatchListenerFailedException(describe(record), failure, record);
            }
        }
    }

    /**
     * Applies the events of {@code records} in one transaction, retrying concurrency conflicts.
     *
     * @throws RecordFailedException when the update of one record threw (the transaction is rolled back)
     */
    private void inTransaction(List<ConsumerRecord<String, byte[]>> records, List<List<KafkaEvent>> events) {
        for (int attempt = 1; ; attempt++) {
            try {
                transaction.executeWithoutResult(status -> {
                    ReadModelBatch batch = readModel.updater().begin(delivered(events));
                    for (int index = 0; index < events.size(); index++) {
                        try {
                            for (KafkaEvent event : events.get(index)) {
                                apply(batch, event);
                            }
                        } catch (RuntimeException e) {
                            throw new RecordFailedException(index, e);
                        }
                    }
                    batch.write();
                });
                return;
            } catch (RuntimeException failure) {
                Throwable cause = failure instanceof RecordFailedException ? failure.getCause() : failure;
                if (!(cause instanceof ConcurrencyFailureException) || attempt >= CONFLICT_ATTEMPTS) {
                    throw failure;
                }
                ConsumerRecord<String, byte[]> first = records.get(0);
                LOG.debug("{}: concurrent update while applying {} record(s) from {}-{}@{} (attempt {}); trying again",
                        readModel.name(), records.size(), first.topic(), first.partition(), first.offset(), attempt);
            }
        }
    }

    private static List<DeliveredEvent> delivered(List<List<KafkaEvent>> events) {
        List<DeliveredEvent> batch = new ArrayList<>(events.size());
        for (List<KafkaEvent> recordEvents : events) {
            for (KafkaEvent event : recordEvents) {
                batch.add(new DeliveredEvent(event.payload(), event.meta()));
            }
        }
        return batch;
    }

    private void apply(ReadModelBatch batch, KafkaEvent event) {
        boolean applied = batch.apply(event.payload(), event.meta());
        for (ProjectionTransactionHook hook : hooks) {
            hook.beforeCommit(readModel.name(), event.payload(), event.meta(), applied);
        }
    }

    private String describe(ConsumerRecord<String, byte[]> record) {
        return readModel.name() + ": record " + record.topic() + "-" + record.partition() + "@" + record.offset()
                + " failed";
    }

    /** The update of the record at {@code index} of a batch threw {@link #getCause()}. */
    private static final class RecordFailedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final int index;

        RecordFailedException(int index, RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
            this.index = index;
        }
    }
}
