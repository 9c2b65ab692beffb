package io.orderflow.projections.order;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One row of {@code order_history}: one event of an order's story, in words. Never changed.
 *
 * <p>The id orders the rows of one instant and comes from {@code order_history_seq} in blocks of
 * {@value #ID_BLOCK} (Hibernate's pooled optimizer, migration V303): an {@code IDENTITY} id is only known
 * after its insert, so Hibernate would insert every row on its own, one round trip per event, where
 * with a sequence the rows of a transaction go in one JDBC batch at the commit. The column's default is
 * the same sequence, so the old per-row insert can be switched back on with the mapping override
 * {@value #IDENTITY_MAPPING} (add it to {@code spring.jpa.mapping-resources}) without ever producing an id
 * twice.
 */
@Entity
@Table(name = "order_history")
class OrderHistoryEntity {

    /** Ids per sequence call; must equal the sequence's increment. */
    static final int ID_BLOCK = 50;

    /** The orm.xml that maps the id as {@code IDENTITY} again (one insert per row, as before V303). */
    static final String IDENTITY_MAPPING = "META-INF/orderflow-projections-history-identity-orm.xml";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "order_history_seq")
    @SequenceGenerator(name = "order_history_seq", sequenceName = "order_history_seq", allocationSize = ID_BLOCK)
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
