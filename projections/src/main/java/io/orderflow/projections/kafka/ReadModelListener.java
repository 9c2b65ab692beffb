package io.orderflow.projections.kafka;

import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The record listener of one read model's consumer group. For each record it reads the event, then,
 * in one database transaction, applies it (the read model marks the event id in its processed-event
 * ledger in the same transaction) and calls the {@link ProjectionTransactionHook}s. It returns only
 * after that transaction has committed, and the container (ack mode {@code RECORD}) commits the
 * record's offset only then: an update that fails or rolls back leaves the offset where it was.
 *
 * <p>A concurrency conflict (optimistic lock: two consumer threads updating one product, whose
 * events are keyed by order) is retried at once, up to {@value #CONFLICT_ATTEMPTS} attempts, before
 * the failure goes to the error handler (back-off, then the dead-letter topic).
 */
final class ReadModelListener implements MessageListener<String, byte[]> {

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
    public void onMessage(ConsumerRecord<String, byte[]> record) {
        List<KafkaEvent> events = reader.read(record);
        for (int attempt = 1; ; attempt++) {
            try {
                transaction.executeWithoutResult(status -> events.forEach(this::apply));
                return;
            } catch (ConcurrencyFailureException conflict) {
                if (attempt >= CONFLICT_ATTEMPTS) {
                    throw conflict;
                }
                LOG.debug("{}: concurrent update while applying {}-{}@{} (attempt {}); trying again",
                        readModel.name(), record.topic(), record.partition(), record.offset(), attempt);
            }
        }
    }

    private void apply(KafkaEvent event) {
        boolean applied = readModel.updater().apply(event.payload(), event.meta());
        for (ProjectionTransactionHook hook : hooks) {
            hook.beforeCommit(readModel.name(), event.payload(), event.meta(), applied);
        }
    }
}
