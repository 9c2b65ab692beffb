package io.orderflow.bridge.changes;

import io.orderflow.api.common.Money;
import io.orderflow.api.order.FailureReason;
import io.orderflow.api.order.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The state of one order after some of its events, as the order-change feed publishes it (the
 * {@code before} and {@code after} of an {@link OrderChange}). Identifiers are plain strings, amounts
 * JSON numbers, instants ISO-8601 strings.
 *
 * @param orderId    the order id (the record key of the feed)
 * @param customerId who placed the order
 * @param status     the order's status
 * @param reason     why the order was rejected or cancelled; {@code null} otherwise
 * @param total      the order total
 * @param lines      the ordered lines
 * @param placedAt   when the order was placed
 * @param updatedAt  when the event that produced this state happened
 * @param version    the sequence number of that event in the order's stream (0 for the placement)
 */
public record OrderState(
        String orderId,
        String customerId,
        OrderStatus status,
        FailureReason reason,
        Money total,
        List<Line> lines,
        Instant placedAt,
        Instant updatedAt,
        long version) {

    public OrderState {
        Objects.requireNonNull(orderId, "orderId");
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /**
     * This state after one more event: same order, new status, reason, time and version.
     *
     * @param newStatus    the status after the event
     * @param newReason    the reason after the event
     * @param eventTime    when the event happened
     * @param eventVersion the event's sequence number
     * @return the new state
     */
    OrderState next(OrderStatus newStatus, FailureReason newReason, Instant eventTime, long eventVersion) {
        return new OrderState(orderId, customerId, newStatus, newReason, total, lines, placedAt, eventTime,
                eventVersion);
    }

    /**
     * One ordered line.
     *
     * @param sku       the product's SKU
     * @param quantity  how many
     * @param unitPrice the price of one unit in the order's currency
     */
    public record Line(String sku, int quantity, BigDecimal unitPrice) {
    }
}
