package io.orderflow.projections.order;

import io.orderflow.api.order.OrderStatus;
import java.util.Map;

/**
 * Which status changes the order view accepts. The order aggregate decides the real lifecycle; the
 * view only refuses changes that could come from a late, duplicated or reordered delivery, so an
 * order never goes back to an earlier step and a terminal order is never revived.
 */
final class OrderStatusTransitions {

    /** The fulfilment steps in their only possible order. */
    private static final Map<OrderStatus, Integer> STEP = Map.of(
            OrderStatus.PENDING, 0,
            OrderStatus.STOCK_RESERVED, 1,
            OrderStatus.PAYMENT_AUTHORIZED, 2,
            OrderStatus.SHIPMENT_SCHEDULED, 3);

    private OrderStatusTransitions() {
    }

    static boolean allows(OrderStatus current, OrderStatus target) {
        if (current == target || current.isTerminal()) {
            return false;
        }
        if (target.isTerminal() || target == OrderStatus.CANCELLATION_REQUESTED) {
            return true;
        }
        if (current == OrderStatus.CANCELLATION_REQUESTED) {
            // the order aggregate ignores fulfilment steps once cancellation is requested
            return false;
        }
        return STEP.get(target) > STEP.get(current);
    }
}
