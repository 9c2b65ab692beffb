package io.orderflow.projections.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.api.common.Money;
import io.orderflow.api.inventory.ProductRegisteredEvent;
import io.orderflow.api.inventory.Sku;
import io.orderflow.api.inventory.StockCommittedEvent;
import io.orderflow.api.inventory.StockReleasedEvent;
import io.orderflow.api.inventory.StockReservedEvent;
import io.orderflow.api.order.CustomerId;
import io.orderflow.api.order.FailureReason;
import io.orderflow.api.order.FindOrderQuery;
import io.orderflow.api.order.OrderCancellationRequestedEvent;
import io.orderflow.api.order.OrderCancelledEvent;
import io.orderflow.api.order.OrderCompletedEvent;
import io.orderflow.api.order.OrderDetails;
import io.orderflow.api.order.OrderDetails.HistoryEntry;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.order.OrderLine;
import io.orderflow.api.order.OrderPaymentAuthorizedEvent;
import io.orderflow.api.order.OrderPlacedEvent;
import io.orderflow.api.order.OrderShipmentScheduledEvent;
import io.orderflow.api.order.OrderStatus;
import io.orderflow.api.order.OrderStockReservedEvent;
import io.orderflow.api.order.ReasonCode;
import io.orderflow.api.order.ShippingAddress;
import io.orderflow.api.payment.PaymentAuthorizedEvent;
import io.orderflow.api.payment.PaymentDeclinedEvent;
import io.orderflow.api.payment.PaymentId;
import io.orderflow.api.payment.PaymentRefundedEvent;
import io.orderflow.api.shipping.ShipmentCancelledEvent;
import io.orderflow.api.shipping.ShipmentFailedEvent;
import io.orderflow.api.shipping.ShipmentId;
import io.orderflow.api.shipping.ShipmentScheduledEvent;
import io.orderflow.projections.support.EventMeta;
import io.orderflow.projections.support.ProcessedEvents;
import io.orderflow.projections.support.TestEventFeed;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The order view on H2 with the real migration: every delivery commits on its own, as it does in
 * the running processor.
 */
@DataJpaTest(showSql = false)
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({OrderViewUpdater.class, OrderQueryHandler.class, ProcessedEvents.class})
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class OrderViewUpdaterTest {

    private static final Sku WIDGET = new Sku("WIDGET-1");
    private static final Sku GADGET = new Sku("GADGET-2");
    private static final Instant PLACED_AT = Instant.parse("2025-03-01T10:00:00Z");

    @Autowired
    private OrderViewUpdater updater;

    @Autowired
    private OrderQueryHandler queries;

    @Autowired
    private ProcessedEvents processedEvents;

    @Autowired
    private PlatformTransactionManager transactionManager;

    private final TestEventFeed feed = new TestEventFeed(PLACED_AT);
    private final OrderId orderId = OrderId.random();
    private final PaymentId paymentId = PaymentId.forOrder(orderId);
    private final ShipmentId shipmentId = ShipmentId.forOrder(orderId);
    private final Money total = Money.of("45.00", "EUR");

    @BeforeEach
    void emptyTheView() {
        updater.reset();
    }

    @Test
    void happyPathEndsCompletedWithTheWholeStoryInOrder() {
        deliver(placed(), orderId);
        deliver(new StockReservedEvent(GADGET, orderId, 1, 9, 1), GADGET);
        deliver(new StockReservedEvent(WIDGET, orderId, 2, 10, 2), WIDGET);
        deliver(new OrderStockReservedEvent(orderId), orderId);
        deliver(new PaymentAuthorizedEvent(paymentId, orderId, total, "AUTH-7"), paymentId);
        deliver(new OrderPaymentAuthorizedEvent(orderId, paymentId, total), orderId);
        deliver(new ShipmentScheduledEvent(shipmentId, orderId, "Parcelo", "TRK-42"), shipmentId);
        deliver(new OrderShipmentScheduledEvent(orderId, shipmentId, "TRK-42"), orderId);
        deliver(new StockCommittedEvent(GADGET, orderId, 1, 8, 0), GADGET);
        deliver(new StockCommittedEvent(WIDGET, orderId, 2, 8, 0), WIDGET);
        deliver(new OrderCompletedEvent(orderId), orderId);

        OrderDetails order = find();
        assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(order.reason()).isNull();
        assertThat(order.customerId()).isEqualTo(new CustomerId("C-1001"));
        assertThat(order.total()).isEqualTo(Money.of("45.00", "EUR"));
        assertThat(order.lines()).containsExactly(
                new OrderLine(WIDGET, 2, new BigDecimal("15.00")),
                new OrderLine(GADGET, 1, new BigDecimal("15.00")));
        assertThat(order.placedAt()).isEqualTo(PLACED_AT);
        assertThat(order.updatedAt()).isEqualTo(feed.now());
        assertThat(order.history()).extracting(HistoryEntry::description).containsExactly(
                "Order placed by customer C-1001: 2 x WIDGET-1 at 15.00, 1 x GADGET-2 at 15.00, total 45.00 EUR",
                "Stock reserved: 1 x GADGET-2",
                "Stock reserved: 2 x WIDGET-1",
                "Order confirmed: stock reserved for every line",
                "Payment authorised: 45.00 EUR (authorisation AUTH-7)",
                "Order confirmed: payment of 45.00 EUR authorised",
                "Shipment scheduled with Parcelo, tracking number TRK-42",
                "Order confirmed: shipment scheduled, tracking number TRK-42",
                "Stock committed: 1 x GADGET-2 left the warehouse",
                "Stock committed: 2 x WIDGET-1 left the warehouse",
                "Order completed");
        assertThat(order.history()).extracting(HistoryEntry::eventType)
                .startsWith("OrderPlacedEvent", "StockReservedEvent")
                .endsWith("OrderCompletedEvent");
        assertThat(order.history()).extracting(HistoryEntry::at).isSorted();
    }

    @Test
    void declinedPaymentEndsCancelledAndTheHistoryTellsTheCompensation() {
        deliver(placed(), orderId);
        deliver(new StockReservedEvent(WIDGET, orderId, 2, 10, 2), WIDGET);
        deliver(new OrderStockReservedEvent(orderId), orderId);
        deliver(new PaymentDeclinedEvent(paymentId, orderId, total, "insufficient funds"), paymentId);
        deliver(new StockReleasedEvent(WIDGET, orderId, 2, 10, 0), WIDGET);
        deliver(new OrderCancelledEvent(orderId, new FailureReason(ReasonCode.PAYMENT_DECLINED, "insufficient funds")), orderId);

        OrderDetails order = find();
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.reason()).isEqualTo(new FailureReason(ReasonCode.PAYMENT_DECLINED, "insufficient funds"));
        assertThat(order.history()).extracting(HistoryEntry::description).containsSubsequence(
                "Payment declined: 45.00 EUR, reason: insufficient funds",
                "Stock released: 2 x WIDGET-1",
                "Order cancelled (PAYMENT_DECLINED): insufficient funds");
    }

    @Test
    void failedShipmentStoryShowsRefundAndReleaseBeforeTheCancellation() {
        deliver(placed(), orderId);
        deliver(new StockReservedEvent(WIDGET, orderId, 2, 10, 2), WIDGET);
        deliver(new OrderStockReservedEvent(orderId), orderId);
        deliver(new PaymentAuthorizedEvent(paymentId, orderId, total, "AUTH-7"), paymentId);
        deliver(new OrderPaymentAuthorizedEvent(orderId, paymentId, total), orderId);
        deliver(new ShipmentFailedEvent(shipmentId, orderId, "address not served", false, 1), shipmentId);
        deliver(new ShipmentCancelledEvent(shipmentId, orderId, "shipment failed"), shipmentId);
        deliver(new PaymentRefundedEvent(paymentId, orderId, total, "R-31", "shipment failed"), paymentId);
        deliver(new StockReleasedEvent(WIDGET, orderId, 2, 10, 0), WIDGET);
        deliver(new OrderCancelledEvent(orderId, new FailureReason(ReasonCode.SHIPMENT_FAILED, "address not served")), orderId);

        OrderDetails order = find();
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.reason().code()).isEqualTo(ReasonCode.SHIPMENT_FAILED);
        assertThat(order.history()).extracting(HistoryEntry::description).containsSubsequence(
                "Shipment refused by the carrier: address not served",
                "Shipment cancelled, reason: shipment failed",
                "Payment refunded: 45.00 EUR (ref R-31), reason: shipment failed",
                "Stock released: 2 x WIDGET-1",
                "Order cancelled (SHIPMENT_FAILED): address not served");
    }

    @Test
    void redeliveredEventChangesNothing() {
        deliver(placed(), orderId);
        EventMeta reserved = feed.next(orderId);
        EventMeta refunded = feed.next(paymentId);
        assertThat(updater.apply(new OrderStockReservedEvent(orderId), reserved)).isTrue();
        assertThat(updater.apply(new PaymentRefundedEvent(paymentId, orderId, total, "R-1", "test"), refunded)).isTrue();
        OrderDetails before = find();

        assertThat(updater.apply(new OrderStockReservedEvent(orderId), reserved)).isFalse();
        assertThat(updater.apply(new PaymentRefundedEvent(paymentId, orderId, total, "R-1", "test"), refunded)).isFalse();

        assertThat(find()).isEqualTo(before);
        assertThat(before.history()).hasSize(3);
    }

    @Test
    void lateStepAfterCancellationDoesNotReviveTheOrder() {
        deliver(placed(), orderId);
        EventMeta authorisedMeta = feed.next(orderId);
        deliver(new OrderCancellationRequestedEvent(orderId, ReasonCode.CUSTOMER_CANCELLED, "changed my mind", OrderStatus.PENDING), orderId);
        deliver(new OrderCancelledEvent(orderId, new FailureReason(ReasonCode.CUSTOMER_CANCELLED, "changed my mind")), orderId);

        // the step that happened before the cancellation is delivered last (older aggregate sequence)
        assertThat(updater.apply(new OrderPaymentAuthorizedEvent(orderId, paymentId, total), authorisedMeta)).isTrue();
        // and a step without any sequence number, as another feed might deliver it
        assertThat(updater.apply(new OrderShipmentScheduledEvent(orderId, shipmentId, "TRK-1"),
                EventMeta.of("late-shipment", feed.now().plusSeconds(5)))).isTrue();

        OrderDetails order = find();
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.reason()).isEqualTo(new FailureReason(ReasonCode.CUSTOMER_CANCELLED, "changed my mind"));
        assertThat(order.history()).extracting(HistoryEntry::eventType)
                .contains("OrderPaymentAuthorizedEvent", "OrderShipmentScheduledEvent");
    }

    @Test
    void lateEarlierStepDoesNotMoveTheOrderBack() {
        deliver(placed(), orderId);
        EventMeta stockMeta = feed.next(orderId);
        deliver(new OrderPaymentAuthorizedEvent(orderId, paymentId, total), orderId);

        updater.apply(new OrderStockReservedEvent(orderId), stockMeta);
        updater.apply(new OrderStockReservedEvent(orderId), EventMeta.of("unsequenced", feed.now().plusSeconds(1)));

        assertThat(find().status()).isEqualTo(OrderStatus.PAYMENT_AUTHORIZED);
    }

    @Test
    void cancellationRequestWhileInFlightIsShownWithoutAReason() {
        deliver(placed(), orderId);
        deliver(new OrderStockReservedEvent(orderId), orderId);
        deliver(new OrderCancellationRequestedEvent(orderId, ReasonCode.CUSTOMER_CANCELLED, null, OrderStatus.STOCK_RESERVED), orderId);

        OrderDetails order = find();
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLATION_REQUESTED);
        assertThat(order.reason()).isNull();
        assertThat(order.history()).last().extracting(HistoryEntry::description)
                .isEqualTo("Cancellation requested (CUSTOMER_CANCELLED) while STOCK_RESERVED");
    }

    @Test
    void rolledBackDeliveryLeavesNoTraceAndItsRedeliveryIsApplied() {
        EventMeta meta = feed.next(orderId);
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);

        transaction.executeWithoutResult(status -> {
            assertThat(updater.apply(placed(), meta)).isTrue();
            status.setRollbackOnly();
        });

        assertThat(processedEvents.isProcessed(OrderViewUpdater.PROCESSOR, meta.eventId())).isFalse();
        assertThat(queries.handle(new FindOrderQuery(orderId))).isEmpty();

        assertThat(updater.apply(placed(), meta)).isTrue();
        assertThat(find().status()).isEqualTo(OrderStatus.PENDING);
        assertThat(processedEvents.isProcessed(OrderViewUpdater.PROCESSOR, meta.eventId())).isTrue();
    }

    @Test
    void eventsOfOtherContextsThatArriveBeforeTheOrderStayInItsHistory() {
        EventMeta paymentMeta = feed.next(paymentId);
        assertThat(updater.apply(new PaymentAuthorizedEvent(paymentId, orderId, total, "AUTH-1"), paymentMeta)).isTrue();
        assertThat(updater.apply(new OrderStockReservedEvent(orderId), feed.next(orderId))).isTrue();
        assertThat(queries.handle(new FindOrderQuery(orderId))).isEmpty();

        deliver(placed(), orderId);

        assertThat(find().status()).isEqualTo(OrderStatus.PENDING);
        assertThat(find().history()).extracting(HistoryEntry::eventType)
                .containsExactly("PaymentAuthorizedEvent", "OrderStockReservedEvent", "OrderPlacedEvent");
    }

    @Test
    void ignoresEventsThatAreNotAboutAnOrder() {
        EventMeta meta = feed.next(WIDGET);

        assertThat(updater.apply(new ProductRegisteredEvent(WIDGET, "Widget", 10), meta)).isFalse();
        assertThat(processedEvents.isProcessed(OrderViewUpdater.PROCESSOR, meta.eventId())).isFalse();
    }

    @Test
    void resetThenReplayRebuildsTheSameView() {
        List<Delivery> story = List.of(
                new Delivery(placed(), feed.next(orderId)),
                new Delivery(new StockReservedEvent(WIDGET, orderId, 2, 10, 2), feed.next(WIDGET)),
                new Delivery(new OrderStockReservedEvent(orderId), feed.next(orderId)));
        story.forEach(delivery -> updater.apply(delivery.event(), delivery.meta()));
        OrderDetails before = find();

        updater.reset();
        assertThat(queries.handle(new FindOrderQuery(orderId))).isEmpty();
        story.forEach(delivery -> assertThat(updater.apply(delivery.event(), delivery.meta())).isTrue());

        assertThat(find()).isEqualTo(before);
    }

    private OrderPlacedEvent placed() {
        return new OrderPlacedEvent(orderId, new CustomerId("C-1001"),
                List.of(new OrderLine(WIDGET, 2, new BigDecimal("15.00")), new OrderLine(GADGET, 1, new BigDecimal("15.00"))),
                total,
                new ShippingAddress("Ada Lovelace", "1 Analytical Way", "London", "N1 9GU", "GB"),
                PLACED_AT);
    }

    private void deliver(Object event, Object aggregateId) {
        assertThat(updater.apply(event, feed.next(aggregateId))).as("applied %s", event).isTrue();
    }

    private OrderDetails find() {
        return queries.handle(new FindOrderQuery(orderId)).orElseThrow();
    }

    private record Delivery(Object event, EventMeta meta) {
    }
}
