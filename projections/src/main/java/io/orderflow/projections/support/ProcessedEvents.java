package io.orderflow.projections.support;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The processed-event ledger ({@code processed_event} table). A read model marks an event in the
 * same transaction as its update, so a redelivered event is recognised and has no second effect;
 * if the update rolls back, so does the mark, and the redelivery is applied.
 *
 * <p>Two concurrent deliveries of the same event both pass the check, but only one can insert the
 * primary key (processor, event id): the other transaction fails and is retried, and then sees the mark.
 *
 * <p>Every redelivery it recognises counts in {@value #DUPLICATES_METER} (tag {@code processor}).
 *
 * <p><b>Batches.</b> A feed that applies many events in one transaction may first {@link #prefetch} the
 * marks of all of them with one query; {@link #markProcessed} then answers from that query instead of
 * looking up each event (one round trip per event before). The check is the same check, made earlier in
 * the same transaction, and the mark is still inserted in that transaction: a concurrent delivery of the
 * same event still ends in a primary-key violation for one of the two, as above.
 *
 * <p><b>Retention.</b> Marks older than {@code orderflow.projections.processed-events.retention} are
 * deleted by {@link ProcessedEventsCleanup}, which explains why that is safe.
 */
@Component
public class ProcessedEvents {

    /** Counter of redelivered events a read model recognised and skipped, tagged with the processor. */
    public static final String DUPLICATES_METER = "orderflow.projections.duplicates.skipped";

    /** The most event ids one prefetch query asks about. */
    static final int PREFETCH_CHUNK = 1000;

    @PersistenceContext
    private EntityManager entityManager;

    private final Clock clock = Clock.systemUTC();
    private final MeterRegistry meterRegistry;
    private final Map<String, Counter> duplicates = new ConcurrentHashMap<>();

    /**
     * @param meterRegistry where the duplicate counter goes; Micrometer's global registry when the
     *                      application has no registry of its own
     */
    public ProcessedEvents(ObjectProvider<MeterRegistry> meterRegistry) {
        this.meterRegistry = meterRegistry.getIfUnique(() -> Metrics.globalRegistry);
    }

    /**
     * Records that {@code processor} handles {@code eventId}, unless it already did.
     *
     * @return {@code true} if the event is new to the processor and the caller should apply it,
     *         {@code false} if it was processed before
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean markProcessed(String processor, String eventId) {
        PrefetchedKeys prefetched = PrefetchedKeys.current(this, processor);
        Boolean known = prefetched == null ? null : prefetched.exists(eventId);
        boolean processed = known != null
                ? known
                : entityManager.find(ProcessedEventEntity.class, new ProcessedEventEntity.Key(processor, eventId)) != null;
        if (processed) {
            duplicates.computeIfAbsent(processor, this::duplicateCounter).increment();
            return false;
        }
        entityManager.persist(new ProcessedEventEntity(processor, eventId, clock.instant()));
        if (prefetched != null) {
            prefetched.added(eventId);
        }
        return true;
    }

    /**
     * Looks up, with one query (per {@value #PREFETCH_CHUNK} ids), which of {@code eventIds} {@code processor}
     * has processed, so that {@link #markProcessed} answers for them without a query of its own for the rest
     * of the current transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void prefetch(String processor, Collection<String> eventIds) {
        List<String> ids = List.copyOf(new LinkedHashSet<>(eventIds));
        List<String> processed = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += PREFETCH_CHUNK) {
            processed.addAll(entityManager.createQuery("select p.eventId from ProcessedEventEntity p"
                            + " where p.processor = :processor and p.eventId in :ids", String.class)
                    .setParameter("processor", processor)
                    .setParameter("ids", ids.subList(from, Math.min(ids.size(), from + PREFETCH_CHUNK)))
                    .getResultList());
        }
        PrefetchedKeys.bind(this, processor, ids, processed);
    }

    private Counter duplicateCounter(String processor) {
        return Counter.builder(DUPLICATES_METER)
                .description("Redelivered events a read model recognised by their id and skipped")
                .tag("processor", processor)
                .register(meterRegistry);
    }

    /** Whether {@code processor} has processed {@code eventId}. */
    @Transactional(readOnly = true)
    public boolean isProcessed(String processor, String eventId) {
        return entityManager.find(ProcessedEventEntity.class, new ProcessedEventEntity.Key(processor, eventId)) != null;
    }

    /**
     * Forgets every event of {@code processor}, so that a replay from the start applies them again.
     * Used when a read model is rebuilt.
     *
     * @return how many marks were removed
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int forget(String processor) {
        return entityManager.createQuery("delete from ProcessedEventEntity p where p.processor = :processor")
                .setParameter("processor", processor)
                .executeUpdate();
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
        return entityManager.createNativeQuery("delete from processed_event where (processor, event_id) in"
                        + " (select processor, event_id from processed_event where processed_at < :cutoff limit :limit)")
                .setParameter("cutoff", cutoff)
                .setParameter("limit", limit)
                .executeUpdate();
    }
}
