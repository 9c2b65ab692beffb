package io.orderflow.bridge.changes;

import io.orderflow.api.order.OrderCancellationRequestedEvent;
import io.orderflow.api.order.OrderCancelledEvent;
import io.orderflow.api.order.OrderCompletedEvent;
import io.orderflow.api.order.OrderPaymentAuthorizedEvent;
import io.orderflow.api.order.OrderPlacedEvent;
import io.orderflow.api.order.OrderRejectedEvent;
import io.orderflow.api.order.OrderShipmentScheduledEvent;
import io.orderflow.api.order.OrderStatus;
import io.orderflow.api.order.OrderStockReservedEvent;
import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * Folds the events of the {@code Order} aggregate into an {@link OrderState}, the way the aggregate's
 * own event-sourcing handlers change its status: placement starts at {@code PENDING}, each step event
 * moves the status on, rejection and cancellation record their reason.
 *
 * <p>Pure: no clock and no I/O; the time of a state is the time of the event that produced it.
 */
public final class OrderStateFolding {

    /** The payload types of the {@code Order} aggregate, each of which produces one change. */
    public static final Set<Class<?>> ORDER_EVENTS = Set.of(
            OrderPlacedEvent.class,
            OrderStockReservedEvent.class,
            OrderPaymentAuthorizedEvent.class,
            OrderShipmentScheduledEvent.class,
            OrderCompletedEvent.class,
            OrderCancellationRequestedEvent.class,
            OrderRejectedEvent.class,
            OrderCancelledEvent.class);

    private OrderStateFolding() {
    }

    /**
     * The state after the given events, applied in order.
     *
     * @param events events of one order, oldest first
     * @return the state, {@code null} for no events
     */
    public static OrderState fold(List<? extends DomainEventMessage<?>> events) {
        OrderState state = null;
        for (DomainEventMessage<?> event : events) {
            state = apply(state, event);
        }
        return state;
    }

    /**
     * The state after one more event.
     *
     * @param before the state before the event, {@code null} if the event is the order's first
     * @param event  an event of the order
     * @return the state after the event
     */
    public static OrderState apply(OrderState before, DomainEventMessage<?> event) {
        Object payload = event.getPayload();
        long version = event.getSequenceNumber();
        if (payload instanceof OrderPlacedEvent placed) {
            return new OrderState(
                    placed.orderId().toString(),
                    placed.customerId().value(),
                    OrderStatus.PENDING,
                    null,
                    placed.total(),
                    placed.lines().stream()
                            .map(line -> new OrderState.Line(line.sku().value(), line.quantity(), line.unitPrice()))
                            .toList(),
                    placed.placedAt(),
                    event.getTimestamp(),
                    version);
        }
        // Only an order whose placement was lost could get here without a state; keep what the event says.
        OrderState current = before != null ? before
                : new OrderState(event.getAggregateIdentifier(), null, null, null, null, List.of(), null, null, -1);
        if (payload instanceof OrderStockReservedEvent) {
            return current.next(OrderStatus.STOCK_RESERVED, current.reason(), event.getTimestamp(), version);
        }
        if (payload instanceof OrderPaymentAuthorizedEvent) {
            return current.next(OrderStatus.PAYMENT_AUTHORIZED, current.reason(), event.getTimestamp(), version);
        }
        if (payload instanceof OrderShipmentScheduledEvent) {
            return current.next(OrderStatus.SHIPMENT_SCHEDULED, current.reason(), event.getTimestamp(), version);
        }
        if (payload instanceof OrderCompletedEvent) {
            return current.next(OrderStatus.COMPLETED, current.reason(), event.getTimestamp(), version);
        }
        if (payload instanceof OrderCancellationRequestedEvent) {
            return current.next(OrderStatus.CANCELLATION_REQUESTED, current.reason(), event.getTimestamp(), version);
        }
        if (payload instanceof OrderRejectedEvent rejected) {
            return current.next(OrderStatus.REJECTED, rejected.reason(), event.getTimestamp(), version);
        }
        if (payload instanceof OrderCancelledEvent cancelled) {
            return current.next(OrderStatus.CANCELLED, cancelled.reason(), event.getTimestamp(), version);
        }
        // An event type this feed does not know yet: the status stays, the version moves on.
        return current.next(current.status(), current.reason(), event.getTimestamp(), version);
    }

    /**
     * The change an event makes: the state before and after it, {@code op} and {@code source}.
     *
     * @param before the state before the event, {@code null} if it is the order's first
     * @param event  an event of the order
     * @return the change record
     */
    public static OrderChange change(OrderState before, DomainEventMessage<?> event) {
        OrderState after = apply(before, event);
        String op = event.getPayload() instanceof OrderPlacedEvent ? OrderChange.CREATE : OrderChange.UPDATE;
        OrderChange.Source source = new OrderChange.Source(
                OrderChange.Source.SYSTEM,
                event.getType(),
                event.getIdentifier(),
                event.getPayloadType().getSimpleName(),
                event.getSequenceNumber(),
                event.getTimestamp());
        return new OrderChange(before, after, op, source);
    }
}
