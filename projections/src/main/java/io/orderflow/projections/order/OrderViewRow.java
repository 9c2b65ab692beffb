package io.orderflow.projections.order;

import io.orderflow.api.order.FailureReason;
import io.orderflow.api.order.OrderStatus;
import io.orderflow.api.order.ReasonCode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One row of {@code order_view} while a batch applies its events: the columns the events change, changed
 * only through methods that keep a terminal status final, steps forward and the timestamps monotonic. Knows
 * whether it is new to the table (inserted at the end of the batch) or changed (updated, guarded by its
 * version), so that a batch writes only what its events changed.
 */
final class OrderViewRow {

    private final String orderId;
    private final Placement placement;
    private final boolean inserted;
    private final long version;
    private OrderStatus status;
    private ReasonCode reasonCode;
    private String reasonDetail;
    private Instant updatedAt;
    private Long lastEventSequence;
    private boolean changed;

    private OrderViewRow(String orderId, Placement placement, boolean inserted, long version, OrderStatus status,
            ReasonCode reasonCode, String reasonDetail, Instant updatedAt, Long lastEventSequence) {
        this.orderId = Objects.requireNonNull(orderId, "orderId");
        this.placement = placement;
        this.inserted = inserted;
        this.version = version;
        this.status = Objects.requireNonNull(status, "status");
        this.reasonCode = reasonCode;
        this.reasonDetail = reasonDetail;
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
        this.lastEventSequence = lastEventSequence;
    }

    /** A row as stored. */
    static OrderViewRow stored(String orderId, long version, OrderStatus status, ReasonCode reasonCode, String reasonDetail,
            Instant updatedAt, Long lastEventSequence) {
        return new OrderViewRow(orderId, null, false, version, status, reasonCode, reasonDetail, updatedAt, lastEventSequence);
    }

    /** The row of an order placed in this batch: {@code PENDING}, to be inserted. */
    static OrderViewRow placed(String orderId, Placement placement, Instant updatedAt, Long aggregateSequence) {
        return new OrderViewRow(orderId, Objects.requireNonNull(placement, "placement"), true, 0L, OrderStatus.PENDING,
                null, null, updatedAt, aggregateSequence);
    }

    /**
     * Moves the order to {@code target} if the order's lifecycle allows it from the current status
     * ({@link OrderStatusTransitions}): a terminal status is final; a cancellation request or a terminal
     * status may follow any non-terminal status; the fulfilment steps only move forward and not after a
     * cancellation request.
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
        changed = true;
        return true;
    }

    /** Remembers the sequence number of an applied event of the order aggregate. */
    void recordAggregateSequence(Long sequence) {
        if (sequence != null && (lastEventSequence == null || sequence > lastEventSequence)) {
            lastEventSequence = sequence;
            changed = true;
        }
    }

    /** Moves {@code updatedAt} forward to {@code at}; never backwards. */
    void touch(Instant at) {
        if (at.isAfter(updatedAt)) {
            updatedAt = at;
            changed = true;
        }
    }

    /** The row as the batch's write has just stored it: neither new nor changed, at its next version. */
    OrderViewRow asStored() {
        return stored(orderId, inserted ? 0L : version + 1, status, reasonCode, reasonDetail, updatedAt, lastEventSequence);
    }

    /** Whether the row is not in the table yet: the batch inserts it. */
    boolean inserted() {
        return inserted;
    }

    /** Whether a stored row was changed by the batch: the batch updates it. */
    boolean changed() {
        return changed && !inserted;
    }

    String orderId() {
        return orderId;
    }

    /** What the order's placement fixed; only for a row the batch inserts. */
    Placement placement() {
        return placement;
    }

    long version() {
        return version;
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

    Instant updatedAt() {
        return updatedAt;
    }

    Long lastEventSequence() {
        return lastEventSequence;
    }

    /**
     * The columns an order's placement fixes and no later event changes.
     *
     * @param linesJson the lines as {@link OrderLinesJson}
     */
    record Placement(String customerId, BigDecimal totalAmount, String currency, String linesJson, Instant placedAt) {

        Placement {
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(totalAmount, "totalAmount");
            Objects.requireNonNull(currency, "currency");
            Objects.requireNonNull(linesJson, "linesJson");
            Objects.requireNonNull(placedAt, "placedAt");
        }
    }
}
