package io.orderflow.api.order;

/** Asks for one order with its step history; answered with {@link OrderDetails}. */
public record FindOrderQuery(OrderId orderId) {
}
