package io.orderflow.projections.support;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The processed-event ledger ({@code processed_event} table). A read model marks an event here in the
 * same transaction as its update, so a redelivered event is recognised and has no second effect;
 * if the update rolls back, so does the mark, and the redelivery is applied.
 *
 * <p><b>Batches.</b> A read model asks the ledger once per batch which of the batch's events it has
 * processed ({@link #lookUp}: one query), decides for each event in memory ({@link Marks#markProcessed}, which
 * also recognises an event delivered twice within the batch) and inserts the new marks with one JDBC batch
 * ({@link Marks#write}) together with its rows, before the commit. Plain JDBC on the transaction's own
 * connection (the JPA transaction manager exposes it to {@code JdbcTemplate}), so the marks commit or roll
 * back with the read model's rows, and nothing goes through Hibernate.
 *
 * <p>Two concurrent deliveries of the same event both pass the check, but only one can insert the
 * primary key (processor, event id): the other transaction fails and is retried, and then sees the mark.
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

    private static final String SELECT_PROCESSED = "select event_id from processed_event"
            + " where processor = :processor and event_id in (:keys)";
    private static final String INSERT = "insert into processed_event (processor, event_id, processed_at) values (?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate namedJdbc;
    private final Clock clock = Clock.systemUTC();
    private final MeterRegistry meterRegistry;
    private final Map<String, Counter> duplicates = new ConcurrentHashMap<>();

    /**
     * @param jdbc          on the read models' data source; joins the current transaction
     * @param meterRegistry where the duplicate counter goes; Micrometer's global registry when the
     *                      application has no registry of its own
     */
    public ProcessedEvents(JdbcTemplate jdbc, ObjectProvider<MeterRegistry> meterRegistry) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.namedJdbc = new NamedParameterJdbcTemplate(jdbc);
        this.meterRegistry = meterRegistry.getIfUnique(() -> Metrics.globalRegistry);
    }

    /**
     * Looks up, with one query (per {@value BatchSql#KEYS_PER_QUERY} ids), which of {@code eventIds}
     * {@code processor} has processed, for a batch about to be applied in the current transaction.
     *
     * @return the batch's marks; none is written before {@link Marks#write}
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Marks lookUp(String processor, Collection<String> eventIds) {
        Marks marks = new Marks(processor);
        marks.lookUp(eventIds);
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

    private Counter duplicateCounter(String processor) {
        return Counter.builder(DUPLICATES_METER)
                .description("Redelivered events a read model recognised by their id and skipped")
                .tag("processor", processor)
                .register(meterRegistry);
    }

    /**
     * The ledger as one batch of one processor sees it: the marks looked up for the batch, and the events
     * the batch marks itself. Not thread-safe, like the transaction it belongs to.
     */
    public final class Marks {

        private final String processor;
        private final Set<String> askedAbout = new HashSet<>();
        private final Set<String> processed = new HashSet<>();
        private final List<String> newMarks = new ArrayList<>();
        private int duplicatesSkipped;

        private Marks(String processor) {
            this.processor = Objects.requireNonNull(processor, "processor");
        }

        private void lookUp(Collection<String> eventIds) {
            if (eventIds.isEmpty()) {
                return;
            }
            processed.addAll(BatchSql.queryByKeys(namedJdbc, SELECT_PROCESSED, Map.of("processor", processor), eventIds,
                    (row, index) -> row.getString(1)));
            askedAbout.addAll(eventIds);
        }

        /**
         * Records that the processor handles {@code eventId} in this batch, unless it already did (in an
         * earlier transaction, or earlier in this batch). An event the batch did not look up costs a query of
         * its own.
         *
         * @return {@code true} if the event is new to the processor and the caller should apply it,
         *         {@code false} if it was processed before
         */
        public boolean markProcessed(String eventId) {
            if (!askedAbout.contains(eventId)) {
                lookUp(List.of(eventId));
            }
            if (!processed.add(eventId)) {
                duplicatesSkipped++;
                return false;
            }
            newMarks.add(eventId);
            return true;
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

        /** Inserts the marks of the events applied since the last write, with one JDBC batch, in the current transaction. */
        public void write() {
            BatchSql.requireTransaction("Writing processed-event marks");
            if (!newMarks.isEmpty()) {
                OffsetDateTime now = BatchSql.timestamp(clock.instant());
                jdbc.batchUpdate(INSERT, newMarks, newMarks.size(), (statement, eventId) -> {
                    statement.setString(1, processor);
                    statement.setString(2, eventId);
                    statement.setObject(3, now);
                });
                newMarks.clear();
            }
            if (duplicatesSkipped > 0) {
                duplicates.computeIfAbsent(processor, ProcessedEvents.this::duplicateCounter).increment(duplicatesSkipped);
                duplicatesSkipped = 0;
            }
        }
    }
}
