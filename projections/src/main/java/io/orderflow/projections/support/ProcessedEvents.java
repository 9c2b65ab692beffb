package io.orderflow.projections.support;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
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
 */
@Component
public class ProcessedEvents {

    /** Counter of redelivered events a read model recognised and skipped, tagged with the processor. */
    public static final String DUPLICATES_METER = "orderflow.projections.duplicates.skipped";

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
        if (entityManager.find(ProcessedEventEntity.class, new ProcessedEventEntity.Key(processor, eventId)) != null) {
            duplicates.computeIfAbsent(processor, this::duplicateCounter).increment();
            return false;
        }
        entityManager.persist(new ProcessedEventEntity(processor, eventId, clock.instant()));
        return true;
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
}
