package io.orderflow.projections.order;

import io.orderflow.api.order.FailureReason;
import io.orderflow.api.order.OrderStatus;
import io.orderflow.api.order.ReasonCode;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One row of {@code order_view}: an order's current status, reason, lines and total. Changed only
 * through its methods, which keep a terminal status final.
 */
@Entity
@DynamicUpdate
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

    /** Sequence number of the last applied event of the order aggregate itself. */
    @Column(name = "last_event_sequence")
    private Long lastEventSequence;

    /** Optimistic lock; {@code null} until the row is first stored, which tells Spring Data the row is new. */
    @Version
    @Column(name = "version", nullable = false)
    private Long version;

    protected OrderViewEntity() {
        // for JPA
    }

    OrderViewEntity(String orderId, String customerId, BigDecimal totalAmount, String currency, String linesJson,
            Instant placedAt, Instant updatedAt, Long lastEventSequence) {
        this.orderId = orderId;
        this.customerId = customerId;
        this.status = OrderStatus.PENDING;
        this.totalAmount = totalAmount;
        this.currency = currency;
        this.linesJson = linesJson;
        this.placedAt = placedAt;
        this.updatedAt = updatedAt;
        this.lastEventSequence = lastEventSequence;
    }

    /**
     * Moves the order to {@code target} if the order's lifecycle allows it from the current status:
     * a terminal status is final; a cancellation request or a terminal status may follow any
     * non-terminal status; the fulfilment steps only move forward and not after a cancellation
     * request.
     *
     * @param reason the reason of a rejection or cancellation, {@code null} otherwise
     * @return whether the status changed
     */
    boolean moveTo(OrderStatus target, FailureReason reason) {
        if (!OrderStatusTransitions.allows(status, target)) {
            return false;
        }
        status = target;
        if (reason != null) {
            reasonCode = reason.code();
            reasonDetail = reason.detail();
        }
        return true;
    }

    /** Remembers the sequence number of an applied event of the order aggregate. */
    void recordAggregateSequence(Long sequence) {
        if (sequence != null && (lastEventSequence == null || sequence > lastEventSequence)) {
            lastEventSequence = sequence;
        }
    }

    /** Moves {@code updatedAt} forward to {@code at}; never backwards. */
    void touch(Instant at) {
        if (at.isAfter(updatedAt)) {
            updatedAt = at;
        }
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

    Long lastEventSequence() {
        return lastEventSequence;
    }
}
