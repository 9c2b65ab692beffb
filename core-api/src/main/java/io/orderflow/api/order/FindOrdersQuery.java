package io.orderflow.api.order;

/**
 * Asks for the most recent orders, newest first; answered with {@link OrderList}.
 *
 * @param status only orders in this status, or {@code null} for all
 * @param limit  at most this many
 */
public record FindOrdersQuery(OrderStatus status, int limit) {
}
