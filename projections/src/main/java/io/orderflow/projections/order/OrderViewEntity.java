package io.orderflow.projections.order;

import io.orderflow.api.order.OrderStatus;
import io.orderflow.api.order.ReasonCode;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One row of {@code order_view} as the queries read it: an order's current status, reason, lines and total.
 * Read-only ({@link Immutable}): {@link OrderViewUpdater} writes the table with plain JDBC, so Hibernate
 * neither keeps snapshots of these rows nor checks them for changes.
 */
@Entity
@Immutable
@Table(name = "order_view")
class OrderViewEntity {

    @Id
    @Column(name = "order_id", length = 36, nullable = false)
    private String orderId;

    @Column(name = "customer_id", nullable = false)
    private String customerId;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "status", length = 32, nullable = false)
    private OrderStatus status;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "reason_code", length = 32)
    private ReasonCode reasonCode;

    @Column(name = "reason_detail", columnDefinition = "text")
    private String reasonDetail;

    @Column(name = "total_amount", precision = 19, scale = 4, nullable = false)
    private BigDecimal totalAmount;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "currency", length = 3, nullable = false)
    private String currency;

    @Column(name = "lines_json", columnDefinition = "text", nullable = false)
    private String linesJson;

    @Column(name = "placed_at", nullable = false)
    private Instant placedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected OrderViewEntity() {
        // for JPA
    }

    String orderId() {
        return orderId;
    }

    String customerId() {
        return customerId;
    }

    OrderStatus status() {
        return status;
    }

    ReasonCode reasonCode() {
        return reasonCode;
    }

    String reasonDetail() {
        return reasonDetail;
    }

    BigDecimal totalAmount() {
        return totalAmount;
    }

    String currency() {
        return currency;
    }

    String linesJson() {
        return linesJson;
    }

    Instant placedAt() {
        return placedAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }
}
