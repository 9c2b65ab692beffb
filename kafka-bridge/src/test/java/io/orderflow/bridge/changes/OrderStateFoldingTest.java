package io.orderflow.bridge.changes;

import static io.orderflow.bridge.changes.OrderEvents.PLACED_AT;
import static io.orderflow.bridge.changes.OrderEvents.event;
import static io.orderflow.bridge.changes.OrderEvents.placed;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.api.common.Money;
import io.orderflow.api.order.FailureReason;
import io.orderflow.api.order.OrderCancellationRequestedEvent;
import io.orderflow.api.order.OrderCancelledEvent;
import io.orderflow.api.order.OrderCompletedEvent;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.order.OrderPaymentAuthorizedEvent;
import io.orderflow.api.order.OrderRejectedEvent;
import io.orderflow.api.order.OrderShipmentScheduledEvent;
import io.orderflow.api.order.OrderStatus;
import io.orderflow.api.order.OrderStockReservedEvent;
import io.orderflow.api.order.ReasonCode;
import io.orderflow.api.payment.PaymentId;
import io.orderflow.api.shipping.ShipmentId;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.RegexPatternTypeFilter;

class OrderStateFoldingTest {

    private final OrderId orderId = OrderId.random();

    @Test
    void createsThePendingOrderWithItsCustomerLinesAndTotalOnPlacement() {
        DomainEventMessage<?> placement = event(orderId, 0, placed(orderId));

        OrderChange change = OrderStateFolding.change(null, placement);

        assertThat(change.op()).isEqualTo("c");
        assertThat(change.before()).isNull();
        assertThat(change.after()).isEqualTo(new OrderState(orderId.toString(), "customer-42", OrderStatus.PENDING, null,
                Money.of("25.10", "EUR"),
                List.of(new OrderState.Line("BOOK-1", 2, new BigDecimal("12.50")),
                        new OrderState.Line("MUG-7", 1, new BigDecimal("0.10"))),
                PLACED_AT, PLACED_AT, 0));
    }

    @Test
    void movesTheStatusOnWithEveryStepAndKeepsWhatThePlacementSaid() {
        List<DomainEventMessage<?>> events = List.of(
                event(orderId, 0, placed(orderId)),
                event(orderId, 1, new OrderStockReservedEvent(orderId)),
                event(orderId, 2, new OrderPaymentAuthorizedEvent(orderId, new PaymentId(UUID.randomUUID()),
                        Money.of("25.10", "EUR"))),
                event(orderId, 3, new OrderShipmentScheduledEvent(orderId, new ShipmentId(UUID.randomUUID()), "TRK-1")),
                event(orderId, 4, new OrderCompletedEvent(orderId)));

        List<OrderStatus> statuses = new ArrayList<>();
        OrderState state = null;
        for (DomainEventMessage<?> event : events) {
            state = OrderStateFolding.apply(state, event);
            statuses.add(state.status());
        }

        assertThat(statuses).containsExactly(OrderStatus.PENDING, OrderStatus.STOCK_RESERVED,
                OrderStatus.PAYMENT_AUTHORIZED, OrderStatus.SHIPMENT_SCHEDULED, OrderStatus.COMPLETED);
        assertThat(state.version()).isEqualTo(4);
        assertThat(state.updatedAt()).isEqualTo(PLACED_AT.plusSeconds(4));
        assertThat(state.placedAt()).isEqualTo(PLACED_AT);
        assertThat(state.customerId()).isEqualTo("customer-42");
        assertThat(state.lines()).hasSize(2);
        assertThat(state.reason()).isNull();
        assertThat(OrderStateFolding.fold(events)).isEqualTo(state);
    }

    @Test
    void recordsWhyAnOrderWasCancelledAfterTheCustomerAskedForIt() {
        FailureReason reason = new FailureReason(ReasonCode.CUSTOMER_CANCELLED, "changed my mind");
        OrderState requested = OrderStateFolding.fold(List.of(
                event(orderId, 0, placed(orderId)),
                event(orderId, 1, new OrderCancellationRequestedEvent(orderId, ReasonCode.CUSTOMER_CANCELLED,
                        "changed my mind", OrderStatus.PENDING))));

        OrderChange cancelled = OrderStateFolding.change(requested, event(orderId, 2, new OrderCancelledEvent(orderId, reason)));

        assertThat(requested.status()).isEqualTo(OrderStatus.CANCELLATION_REQUESTED);
        assertThat(cancelled.op()).isEqualTo("u");
        assertThat(cancelled.before()).isEqualTo(requested);
        assertThat(cancelled.after().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.after().reason()).isEqualTo(reason);
    }

    @Test
    void recordsWhyAnOrderWasRejected() {
        FailureReason reason = new FailureReason(ReasonCode.OUT_OF_STOCK, "BOOK-1: 2 requested, 1 available");

        OrderState rejected = OrderStateFolding.fold(List.of(
                event(orderId, 0, placed(orderId)),
                event(orderId, 1, new OrderRejectedEvent(orderId, reason))));

        assertThat(rejected.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(rejected.reason()).isEqualTo(reason);
        assertThat(rejected.version()).isEqualTo(1);
    }

    @Test
    void namesTheEventAChangeComesFrom() {
        DomainEventMessage<?> reserved = event(orderId, 1, new OrderStockReservedEvent(orderId));

        OrderChange change = OrderStateFolding.change(
                OrderStateFolding.apply(null, event(orderId, 0, placed(orderId))), reserved);

        assertThat(change.source()).isEqualTo(new OrderChange.Source("orderflow", "Order", reserved.getIdentifier(),
                "OrderStockReservedEvent", 1, reserved.getTimestamp()));
    }

    @Test
    void publishesAChangeForEveryEventOfTheOrderVocabulary() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new RegexPatternTypeFilter(Pattern.compile(".*Event")));
        Set<Class<?>> orderEvents = new HashSet<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("io.orderflow.api.order")) {
            orderEvents.add(Class.forName(candidate.getBeanClassName()));
        }
        Set<Class<?>> handled = new HashSet<>();
        for (Method method : OrderChangePublisher.class.getDeclaredMethods()) {
            if (method.isAnnotationPresent(EventHandler.class)) {
                handled.add(method.getParameterTypes()[0]);
            }
        }

        assertThat(orderEvents).hasSize(8);
        assertThat(OrderStateFolding.ORDER_EVENTS).containsExactlyInAnyOrderElementsOf(orderEvents);
        // the publisher takes every event (so that it sees the last event of every batch, also in the
        // processor it shares with the event publisher) and publishes the domain events in ORDER_EVENTS
        assertThat(handled).containsExactly(EventMessage.class);
    }
}
