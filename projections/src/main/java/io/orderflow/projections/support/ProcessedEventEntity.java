package io.orderflow.projections.support;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One row of the processed-event ledger: this processor has applied this event. */
@Entity
@Table(name = "processed_event")
@IdClass(ProcessedEventEntity.Key.class)
class ProcessedEventEntity {

    @Id
    @Column(name = "processor", length = 64, nullable = false)
    private String processor;

    @Id
    @Column(name = "event_id", length = 100, nullable = false)
    private String eventId;

    @Column(name = "processed_at", nullable = false)
    private Instant processedAt;

    protected ProcessedEventEntity() {
        // for JPA
    }

    ProcessedEventEntity(String processor, String eventId, Instant processedAt) {
        this.processor = processor;
        this.eventId = eventId;
        this.processedAt = processedAt;
    }

    /** The composite primary key (processor, event id). */
    static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private String processor;
        private String eventId;

        protected Key() {
            // for JPA
        }

        Key(String processor, String eventId) {
            this.processor = processor;
            this.eventId = eventId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && processor.equals(key.processor) && eventId.equals(key.eventId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(processor, eventId);
        }
    }
}
