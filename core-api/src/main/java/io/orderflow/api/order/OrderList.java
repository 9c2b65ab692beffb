package io.orderflow.api.order;

import io.orderflow.api.common.Money;
import java.time.Instant;
import java.util.List;

/** A page of order summaries, newest first. */
public record OrderList(List<Summary> orders) {

    public OrderList {
        orders = List.copyOf(orders);
    }

    /** One order at a glance. */
    public record Summary(OrderId orderId, CustomerId customerId, OrderStatus status, ReasonCode reason, Money total, Instant placedAt, Instant updatedAt) {
    }
}
