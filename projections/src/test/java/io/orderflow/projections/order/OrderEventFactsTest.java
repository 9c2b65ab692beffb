package io.orderflow.projections.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.api.common.Money;
import io.orderflow.api.inventory.ProductRegisteredEvent;
import io.orderflow.api.inventory.Sku;
import io.orderflow.api.inventory.StockReleasedEvent;
import io.orderflow.api.inventory.StockReservationRejectedEvent;
import io.orderflow.api.order.FailureReason;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.order.OrderRejectedEvent;
import io.orderflow.api.order.ReasonCode;
import io.orderflow.api.payment.PaymentFailedEvent;
import io.orderflow.api.payment.PaymentId;
import io.orderflow.api.payment.PaymentRefundedEvent;
import io.orderflow.api.payment.PaymentVoidedEvent;
import io.orderflow.api.shipping.ShipmentFailedEvent;
import io.orderflow.api.shipping.ShipmentId;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;

class OrderEventFactsTest {

    private final OrderId orderId = OrderId.of("3f1c0a52-7e47-4a43-9a55-0c1d2e3f4a5b");
    private final PaymentId paymentId = PaymentId.forOrder(orderId);
    private final ShipmentId shipmentId = ShipmentId.forOrder(orderId);

    @Test
    void describesARefundWithAmountReferenceAndReason() {
        var fact = OrderEventFacts.of(new PaymentRefundedEvent(paymentId, orderId, Money.of("30.00", "EUR"), "R-8812", "shipment failed"));

        assertThat(fact).hasValueSatisfying(f -> {
            assertThat(f.orderId()).isEqualTo(orderId);
            assertThat(f.eventType()).isEqualTo("PaymentRefundedEvent");
            assertThat(f.description()).isEqualTo("Payment refunded: 30.00 EUR (ref R-8812), reason: shipment failed");
        });
    }

    @Test
    void describesFailuresAndCompensationsInWords() {
        assertThat(describe(new StockReservationRejectedEvent(new Sku("WIDGET-1"), orderId, 5, 3, "insufficient stock")))
                .isEqualTo("Stock reservation rejected: 5 x WIDGET-1 requested, 3 available, reason: insufficient stock");
        assertThat(describe(new StockReleasedEvent(new Sku("WIDGET-1"), orderId, 0, 10, 0)))
                .isEqualTo("Stock released: no units of WIDGET-1 were held");
        assertThat(describe(new PaymentFailedEvent(paymentId, orderId, "gateway timeout", 3)))
                .isEqualTo("Payment failed after 3 attempts: gateway timeout");
        assertThat(describe(new PaymentVoidedEvent(paymentId, orderId, "payment timeout")))
                .isEqualTo("Payment voided, reason: payment timeout");
        assertThat(describe(new ShipmentFailedEvent(shipmentId, orderId, "connection refused", true, 1)))
                .isEqualTo("Shipment failed: carrier unreachable after 1 attempt: connection refused");
        assertThat(describe(new OrderRejectedEvent(orderId, new FailureReason(ReasonCode.OUT_OF_STOCK, "WIDGET-1: 5 requested, 3 available"))))
                .isEqualTo("Order rejected (OUT_OF_STOCK): WIDGET-1: 5 requested, 3 available");
    }

    @Test
    void leavesOutMissingDetails() {
        assertThat(describe(new PaymentRefundedEvent(paymentId, orderId, Money.of("30.00", "EUR"), null, " ")))
                .isEqualTo("Payment refunded: 30.00 EUR");
    }

    @Test
    void eventsWithoutAnOrderAreNotPartOfAnyStory() {
        assertThat(OrderEventFacts.of(new ProductRegisteredEvent(new Sku("WIDGET-1"), "Widget", 10))).isEmpty();
        assertThat(OrderEventFacts.of("not an event")).isEmpty();
    }

    @Test
    void sequencesEventsOfEveryAggregateOfAnOrderTogether() {
        var policy = new OrderViewSequencingPolicy();
        var refund = new GenericDomainEventMessage<>("Payment", paymentId.toString(), 3L,
                new PaymentRefundedEvent(paymentId, orderId, Money.of("30.00", "EUR"), "R-1", "test"));
        var release = new GenericDomainEventMessage<>("Product", "WIDGET-1", 9L,
                new StockReleasedEvent(new Sku("WIDGET-1"), orderId, 2, 10, 0));
        var registration = new GenericDomainEventMessage<>("Product", "WIDGET-1", 0L,
                new ProductRegisteredEvent(new Sku("WIDGET-1"), "Widget", 10));

        assertThat(policy.getSequenceIdentifierFor(refund)).isEqualTo(orderId.toString());
        assertThat(policy.getSequenceIdentifierFor(release)).isEqualTo(orderId.toString());
        assertThat(policy.getSequenceIdentifierFor(registration)).isEqualTo("WIDGET-1");
    }

    private String describe(Object event) {
        return OrderEventFacts.of(event).orElseThrow().description();
    }
}
