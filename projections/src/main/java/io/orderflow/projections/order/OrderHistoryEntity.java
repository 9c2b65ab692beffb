package io.orderflow.projections.order;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/**
 * One row of {@code order_history} as the queries read it: one event of an order's story, in words. Never
 * changed; inserted with plain JDBC by {@link OrderViewUpdater}, with its id (which orders the rows of one
 * instant) from the column's default, the sequence {@code order_history_seq}.
 */
@Entity
@Immutable
@Table(name = "order_history")
class OrderHistoryEntity {

    @Id
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
