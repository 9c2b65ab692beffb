package io.orderflow.projections.inventory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.hibernate.annotations.DynamicUpdate;

/** One row of {@code product_stock}: a product's stock levels as of its last applied event. */
@Entity
@DynamicUpdate
@Table(name = "product_stock")
class ProductStockEntity {

    @Id
    @Column(name = "sku", length = 64, nullable = false)
    private String sku;

    @Column(name = "name")
    private String name;

    @Column(name = "on_hand", nullable = false)
    private int onHand;

    @Column(name = "reserved", nullable = false)
    private int reserved;

    /** Sequence number of the last applied event of the product aggregate. */
    @Column(name = "last_event_sequence")
    private Long lastEventSequence;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /** Optimistic lock; {@code null} until the row is first stored, which tells Spring Data the row is new. */
    @Version
    @Column(name = "version", nullable = false)
    private Long version;

    protected ProductStockEntity() {
        // for JPA
    }

    ProductStockEntity(String sku, String name, int onHand, int reserved, Long lastEventSequence, Instant updatedAt) {
        this.sku = sku;
        this.name = name;
        this.onHand = onHand;
        this.reserved = reserved;
        this.lastEventSequence = lastEventSequence;
        this.updatedAt = updatedAt;
    }

    /** Sets the levels an event reports (absolute values, so a replay lands on the same numbers). */
    void setLevels(int onHand, int reserved, Long sequence, Instant at) {
        this.onHand = onHand;
        this.reserved = reserved;
        if (sequence != null) {
            this.lastEventSequence = sequence;
        }
        if (at.isAfter(updatedAt)) {
            this.updatedAt = at;
        }
    }

    void rename(String name) {
        this.name = name;
    }

    String sku() {
        return sku;
    }

    String name() {
        return name;
    }

    int onHand() {
        return onHand;
    }

    int reserved() {
        return reserved;
    }

    Long lastEventSequence() {
        return lastEventSequence;
    }

    Instant updatedAt() {
        return updatedAt;
    }
}
