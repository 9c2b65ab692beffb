package io.orderflow.projections.order;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One row of {@code order_history}: one event of an order's story, in words. Never changed. */
@Entity
@Table(name = "order_history")
class OrderHistoryEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id", nullable = false)
    private Long id;

    @Column(name = "order_id", length = 36, nullable = false)
    private String orderId;

    @Column(name = "event_id", length = 100, nullable = false, unique = true)
    private String eventId;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(name = "event_type", length = 100, nullable = false)
    private String eventType;

    @Column(name = "description", columnDefinition = "text", nullable = false)
    private String description;

    protected OrderHistoryEntity() {
        // for JPA
    }

    OrderHistoryEntity(String orderId, String eventId, Instant occurredAt, String eventType, String description) {
        this.orderId = orderId;
        this.eventId = eventId;
        this.occurredAt = occurredAt;
        this.eventType = eventType;
        this.description = description;
    }

    Instant occurredAt() {
        return occurredAt;
    }

    String eventType() {
        return eventType;
    }

    String description() {
        return description;
    }
}
