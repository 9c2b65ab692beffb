package io.orderflow.projections.support;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The processed-event ledger ({@code processed_event} table). A read model marks an event here in the
 * same transaction as its update, so a redelivered event is recognised and has no second effect;
 * if the update rolls back, so does the mark, and the redelivery is applied.
 *
 * <p><b>Batches claim their events first.</b> A read model claims the events of a batch once, when the batch
 * begins ({@link #claim}), and then decides for each event in memory ({@link Marks#markProcessed}, which also
 * recognises an event delivered twice within the batch). On PostgreSQL the claim is one statement for the whole
 * batch, {@code INSERT ... SELECT ... FROM unnest(?) ON CONFLICT DO NOTHING RETURNING event_id}: the ids it
 * returns are the new marks. It needs no per-row update counts, so the driver may rewrite the application's other
 * batched inserts into multi-row statements ({@code reWriteBatchedInserts}, which reports no count per row); with
 * both, PostgreSQL runs 40 % fewer statements per saga (benchmark step 26). On other databases
 * (H2) it is one JDBC batch of single-row {@code INSERT ... ON CONFLICT DO NOTHING}, whose update counts say
 * which marks were new. The marks are the claims: they commit or roll back
 * with the read model's rows. Plain JDBC on the transaction's own connection (the JPA transaction manager
 * exposes it to {@code JdbcTemplate}), and nothing goes through Hibernate.
 *
 * <p>Claiming replaced a look-up query per batch ({@code SELECT ... WHERE event_id IN (...)}, followed by the
 * inserts): the inserts are needed anyway, and the query found nothing but in a redelivery (benchmark step 20).
 *
 * <p><b>Concurrent deliveries.</b> When two transactions deliver the same event (a rebalance hands a partition
 * over while the old owner is still applying its last poll), the second one's claim waits for the first
 * transaction: if that commits, the event is processed and skipped; if it rolls back, the second claims it
 * and applies it. Either way it is applied exactly once, and neither transaction fails.
 *
 * <p>Every redelivery it recognises counts in {@value #DUPLICATES_METER} (tag {@code processor}), once per batch.
 *
 * <p><b>Retention.</b> Marks older than {@code orderflow.projections.processed-events.retention} are
 * deleted by {@link ProcessedEventsCleanup}, which explains why that is safe.
 */
@Component
public class ProcessedEvents {

    /** Counter of redelivered events a read model recognised and skipped, tagged with the processor. */
    public static final String DUPLICATES_METER = "orderflow.projections.duplicates.skipped";

    /** Inserts a mark unless it exists: update count 1 for a new mark, 0 for an event processed before. */
    private static final String CLAIM = "insert into processed_event (processor, event_id, processed_at) values (?, ?, ?)"
            + " on conflict do nothing";
    /**
     * PostgreSQL: inserts the marks of every id of the array that has none, in the array's order, and returns the
     * ids it inserted. One statement text for every batch size, so the server plans it once per connection.
     */
    private static final String CLAIM_ALL = "insert into processed_event (processor, event_id, processed_at)"
            + " select ?, claimed.event_id, ? from unnest(?::varchar[]) as claimed(event_id)"
            + " on conflict do nothing returning event_id";
    private static final String RELEASE = "delete from processed_event where processor = ? and event_id = ?";

    private final JdbcTemplate jdbc;
    private final Clock clock = Clock.systemUTC();
    private final MeterRegistry meterRegistry;
    private final Map<String, Counter> duplicates = new ConcurrentHashMap<>();
    /** Whether the database is PostgreSQL (one claim statement per batch); asked on the first claim. */
    private volatile Boolean postgres;

    /**
     * @param jdbc          on the read models' data source; joins the current transaction
     * @param meterRegistry where the duplicate counter goes; Micrometer's global registry when the
     *                      application has no registry of its own
     */
    public ProcessedEvents(JdbcTemplate jdbc, ObjectProvider<MeterRegistry> meterRegistry) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.meterRegistry = meterRegistry.getIfUnique(() -> Metrics.globalRegistry);
    }

    /**
     * Claims {@code eventIds} for {@code processor}, for a batch about to be applied in the current transaction:
     * inserts a mark for each id that has none (one statement on PostgreSQL, one JDBC batch elsewhere). A mark
     * another transaction has inserted and not yet committed makes this wait for that transaction's end.
     *
     * @return the batch's marks; {@link Marks#markProcessed} tells which events to apply
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Marks claim(String processor, Collection<String> eventIds) {
        Marks marks = new Marks(processor);
        marks.claim(eventIds);
        return marks;
    }

    /** Whether {@code processor} has processed {@code eventId} (as far as committed, or this transaction wrote). */
    public boolean isProcessed(String processor, String eventId) {
        return !jdbc.queryForList("select 1 from processed_event where processor = ? and event_id = ?", Integer.class,
                processor, eventId).isEmpty();
    }

    /**
     * Forgets every event of {@code processor}, so that a replay from the start applies them again.
     * Used when a read model is rebuilt.
     *
     * @return how many marks were removed
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int forget(String processor) {
        return jdbc.update("delete from processed_event where processor = ?", processor);
    }

    /**
     * Deletes at most {@code limit} marks, of every processor, made before {@code cutoff}: one chunk of the
     * retention clean-up, small enough to keep the transaction and its locks short.
     *
     * @return how many marks were deleted; fewer than {@code limit} when none older is left
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int forgetOlderThan(Instant cutoff, int limit) {
        // Portable (H2 in PostgreSQL mode, PostgreSQL): PostgreSQL has no DELETE ... LIMIT.
        return jdbc.update("delete from processed_event where (processor, event_id) in"
                + " (select processor, event_id from processed_event where processed_at < ? limit ?)",
                BatchSql.timestamp(cutoff), limit);
    }

    private boolean isPostgres() {
        Boolean known = postgres;
        if (known == null) {
            known = "PostgreSQL".equals(jdbc.execute((ConnectionCallback<String>) connection ->
                    connection.getMetaData().getDatabaseProductName()));
            postgres = known;
        }
        return known;
    }

    private Counter duplicateCounter(String processor) {
        return Counter.builder(DUPLICATES_METER)
                .description("Redelivered events a read model recognised by their id and skipped")
                .tag("processor", processor)
                .register(meterRegistry);
    }

    /**
     * The ledger as one batch of one processor sees it: the events it claimed and not yet handed out, and
     * the events it found processed before. Not thread-safe, like the transaction it belongs to.
     */
    public final class Marks {

        private final String processor;
        /** Every id claimed or found processed: asked about once. */
        private final Set<String> askedAbout = new HashSet<>();
        /** Ids whose marks this batch inserted, until {@link #markProcessed} hands them out. */
        private final Set<String> claimed = new HashSet<>();
        private int duplicatesSkipped;

        private Marks(String processor) {
            this.processor = Objects.requireNonNull(processor, "processor");
        }

        private void claim(Collection<String> eventIds) {
            List<String> unasked = new ArrayList<>(eventIds.size());
            for (String eventId : eventIds) {
                if (askedAbout.add(eventId)) {
                    unasked.add(eventId);
                }
            }
            if (unasked.isEmpty()) {
                return;
            }
            // in one order for every transaction: two that claim the same events wait, never deadlock
            Collections.sort(unasked);
            OffsetDateTime now = BatchSql.timestamp(clock.instant());
            if (isPostgres()) {
                claimReturningNew(unasked, now);
            } else {
                claimCountingNew(unasked, now);
            }
        }

        /** PostgreSQL: one statement; the ids it returns are the marks it inserted. */
        private void claimReturningNew(List<String> eventIds, OffsetDateTime now) {
            claimed.addAll(jdbc.query(connection -> {
                PreparedStatement statement = connection.prepareStatement(CLAIM_ALL);
                statement.setString(1, processor);
                statement.setObject(2, now);
                statement.setArray(3, connection.createArrayOf("varchar", eventIds.toArray()));
                return statement;
            }, (row, rowNumber) -> row.getString(1)));
        }

        /** Other databases: one JDBC batch; the update count of each row says whether its mark was inserted. */
        private void claimCountingNew(List<String> eventIds, OffsetDateTime now) {
            int[][] counts = jdbc.batchUpdate(CLAIM, eventIds, eventIds.size(), (statement, eventId) -> {
                statement.setString(1, processor);
                statement.setString(2, eventId);
                statement.setObject(3, now);
            });
            int index = 0;
            for (int[] chunk : counts) {
                for (int count : chunk) {
                    if (count == Statement.SUCCESS_NO_INFO || count == Statement.EXECUTE_FAILED) {
                        throw new IllegalStateException("The JDBC driver did not report which processed-event marks"
                                + " were inserted (update count " + count + "); it must report one count per row");
                    }
                    if (count > 0) {
                        claimed.add(eventIds.get(index));
                    }
                    index++;
                }
            }
        }

        /**
         * Hands out {@code eventId} to the batch, unless it was processed before (in an earlier transaction,
         * or earlier in this batch). An event the batch did not claim when it began is claimed now, with a
         * statement of its own.
         *
         * @return {@code true} if the event is new to the processor and the caller should apply it,
         *         {@code false} if it was processed before
         */
        public boolean markProcessed(String eventId) {
            if (!askedAbout.contains(eventId)) {
                claim(List.of(eventId));
            }
            if (claimed.remove(eventId)) {
                return true;
            }
            duplicatesSkipped++;
            return false;
        }

        /**
         * {@link #markProcessed(String)} for a read model's batch: an event processed before is logged (debug, on
         * the read model's logger) as ignored, which both read models do alike.
         *
         * @param meta      the event's metadata
         * @param payload   the event, named in the log by its type
         * @param log       the read model's logger
         * @param readModel the read model as the log names it, e.g. {@code "the order view"}
         * @return {@code true} if the caller should apply the event, {@code false} if it was processed before
         */
        public boolean markProcessed(EventMeta meta, Object payload, Logger log, String readModel) {
            if (markProcessed(meta.eventId())) {
                return true;
            }
            log.debug("Event {} ({}) was applied to {} before; ignored",
                    meta.eventId(), payload.getClass().getSimpleName(), readModel);
            return false;
        }

        /**
         * Ends the batch's use of the ledger before the commit: the marks of events it claimed but never handed
         * out are deleted again (so a later delivery applies them), and the redeliveries it skipped are counted.
         */
        public void write() {
            BatchSql.requireTransaction("Writing processed-event marks");
            if (!claimed.isEmpty()) {
                List<String> unused = List.copyOf(claimed);
                jdbc.batchUpdate(RELEASE, unused, unused.size(), (statement, eventId) -> {
                    statement.setString(1, processor);
                    statement.setString(2, eventId);
                });
                askedAbout.removeAll(unused);
                claimed.clear();
            }
            if (duplicatesSkipped > 0) {
                duplicates.computeIfAbsent(processor, ProcessedEvents.this::duplicateCounter).increment(duplicatesSkipped);
                duplicatesSkipped = 0;
            }
        }
    }
}
