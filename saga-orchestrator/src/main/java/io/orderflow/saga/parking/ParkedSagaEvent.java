package io.orderflow.saga.parking;

import io.orderflow.api.operations.ParkedSagaEvents;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A row of {@code parked_saga_event} (Flyway {@code V200__parked_saga_event.sql}): a saga event
 * that failed on every attempt. Written once, never updated.
 */
@Entity
@Table(name = "parked_saga_event")
public class ParkedSagaEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @Column(name = "saga_type", nullable = false)
    private String sagaType;

    @Column(name = "association_value")
    private String associationValue;

    @Column(name = "event_id", nullable = false)
    private String eventId;

    @Column(name = "event_type", nullable = false)
    private String eventType;

    @Column(name = "payload", nullable = false, columnDefinition = "text")
    private String payload;

    @Column(name = "error", nullable = false, columnDefinition = "text")
    private String error;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "parked_at", nullable = false)
    private Instant parkedAt;

    /** For JPA. */
    protected ParkedSagaEvent() {
    }

    /** A new row for the given failed event. */
    public ParkedSagaEvent(FailedSagaEvent event) {
        this.sagaType = event.sagaType();
        this.associationValue = event.associationValue();
        this.eventId = event.eventId();
        this.eventType = event.eventType();
        this.payload = event.payload();
        this.error = event.error();
        this.attempts = event.attempts();
        this.parkedAt = event.parkedAt();
    }

    /** The row as the operations query returns it. */
    public ParkedSagaEvents.Entry toEntry() {
        return new ParkedSagaEvents.Entry(id, sagaType, associationValue, eventId, eventType, payload, error,
                attempts, parkedAt);
    }
}
