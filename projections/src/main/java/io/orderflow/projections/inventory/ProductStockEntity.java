package io.orderflow.projections.inventory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/**
 * One row of {@code product_stock} as the queries read it: a product's stock levels as of its last applied
 * event. Read-only ({@link Immutable}): {@link ProductStockUpdater} writes the table with plain JDBC.
 */
@Entity
@Immutable
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

    protected ProductStockEntity() {
        // for JPA
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
}
