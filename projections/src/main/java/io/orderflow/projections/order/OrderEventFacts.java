package io.orderflow.projections.order;

import io.orderflow.api.inventory.StockCommittedEvent;
import io.orderflow.api.inventory.StockReleasedEvent;
import io.orderflow.api.inventory.StockReservationRejectedEvent;
import io.orderflow.api.inventory.StockReservedEvent;
import io.orderflow.api.order.FailureReason;
import io.orderflow.api.order.OrderCancellationRequestedEvent;
import io.orderflow.api.order.OrderCancelledEvent;
import io.orderflow.api.order.OrderCompletedEvent;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.order.OrderLine;
import io.orderflow.api.order.OrderPaymentAuthorizedEvent;
import io.orderflow.api.order.OrderPlacedEvent;
import io.orderflow.api.order.OrderRejectedEvent;
import io.orderflow.api.order.OrderShipmentScheduledEvent;
import io.orderflow.api.order.OrderStockReservedEvent;
import io.orderflow.api.payment.PaymentAuthorizedEvent;
import io.orderflow.api.payment.PaymentDeclinedEvent;
import io.orderflow.api.payment.PaymentFailedEvent;
import io.orderflow.api.payment.PaymentRefundedEvent;
import io.orderflow.api.payment.PaymentVoidedEvent;
import io.orderflow.api.shipping.ShipmentCancelledEvent;
import io.orderflow.api.shipping.ShipmentFailedEvent;
import io.orderflow.api.shipping.ShipmentScheduledEvent;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Tells the story of an order: recognises every event of every context that belongs to an order
 * and puts it into words for the order's history. The single place that decides which events the
 * order view cares about.
 */
final class OrderEventFacts {

    private OrderEventFacts() {
    }

    /** The order an event belongs to, if it is an order-related event. */
    static Optional<OrderId> orderIdOf(Object payload) {
        return of(payload).map(OrderEventFact::orderId);
    }

    /** The fact an event adds to its order's story, or empty if the event is not about an order. */
    static Optional<OrderEventFact> of(Object payload) {
        return Optional.ofNullable(factOf(payload));
    }

    private static OrderEventFact factOf(Object payload) {
        // Order aggregate
        if (payload instanceof OrderPlacedEvent e) {
            return fact(e.orderId(), payload,
                    "Order placed by customer " + e.customerId() + ": " + lines(e.lines()) + ", total " + e.total());
        }
        if (payload instanceof OrderStockReservedEvent e) {
            return fact(e.orderId(), payload, "Order confirmed: stock reserved for every line");
        }
        if (payload instanceof OrderPaymentAuthorizedEvent e) {
            return fact(e.orderId(), payload, "Order confirmed: payment of " + e.amount() + " authorised");
        }
        if (payload instanceof OrderShipmentScheduledEvent e) {
            return fact(e.orderId(), payload,
                    "Order confirmed: shipment scheduled" + clause(", tracking number ", e.trackingNumber()));
        }
        if (payload instanceof OrderCompletedEvent e) {
            return fact(e.orderId(), payload, "Order completed");
        }
        if (payload instanceof OrderCancellationRequestedEvent e) {
            return fact(e.orderId(), payload,
                    "Cancellation requested (" + e.requestedBy() + ")"
                            + (e.statusAtRequest() == null ? "" : " while " + e.statusAtRequest()) + clause(": ", e.comment()));
        }
        if (payload instanceof OrderRejectedEvent e) {
            return fact(e.orderId(), payload, "Order rejected" + reason(e.reason()));
        }
        if (payload instanceof OrderCancelledEvent e) {
            return fact(e.orderId(), payload, "Order cancelled" + reason(e.reason()));
        }
        // Inventory
        if (payload instanceof StockReservedEvent e) {
            return fact(e.orderId(), payload, "Stock reserved: " + e.quantity() + " x " + e.sku());
        }
        if (payload instanceof StockReservationRejectedEvent e) {
            return fact(e.orderId(), payload,
                    "Stock reservation rejected: " + e.requested() + " x " + e.sku() + " requested, " + e.available()
                    + " available" + clause(", reason: ", e.reason()));
        }
        if (payload instanceof StockReleasedEvent e) {
            return fact(e.orderId(), payload, e.quantity() == 0
                    ? "Stock released: no units of " + e.sku() + " were held"
                    : "Stock released: " + e.quantity() + " x " + e.sku());
        }
        if (payload instanceof StockCommittedEvent e) {
            return fact(e.orderId(), payload, "Stock committed: " + e.quantity() + " x " + e.sku() + " left the warehouse");
        }
        // Payment
        if (payload instanceof PaymentAuthorizedEvent e) {
            return fact(e.orderId(), payload,
                    "Payment authorised: " + e.amount() + clause(" (authorisation ", e.authorizationCode(), ")"));
        }
        if (payload instanceof PaymentDeclinedEvent e) {
            return fact(e.orderId(), payload, "Payment declined: " + e.amount() + clause(", reason: ", e.reason()));
        }
        if (payload instanceof PaymentFailedEvent e) {
            return fact(e.orderId(), payload, "Payment failed after " + attempts(e.attempts()) + clause(": ", e.error()));
        }
        if (payload instanceof PaymentRefundedEvent e) {
            return fact(e.orderId(), payload,
                    "Payment refunded: " + e.amount() + clause(" (ref ", e.refundReference(), ")")
                            + clause(", reason: ", e.reason()));
        }
        if (payload instanceof PaymentVoidedEvent e) {
            return fact(e.orderId(), payload, "Payment voided" + clause(", reason: ", e.reason()));
        }
        // Shipping
        if (payload instanceof ShipmentScheduledEvent e) {
            return fact(e.orderId(), payload,
                    "Shipment scheduled" + clause(" with ", e.carrier()) + clause(", tracking number ", e.trackingNumber()));
        }
        if (payload instanceof ShipmentFailedEvent e) {
            return fact(e.orderId(), payload, e.technical()
                    ? "Shipment failed: carrier unreachable after " + attempts(e.attempts()) + clause(": ", e.reason())
                    : "Shipment refused by the carrier" + clause(": ", e.reason()));
        }
        if (payload instanceof ShipmentCancelledEvent e) {
            return fact(e.orderId(), payload, "Shipment cancelled" + clause(", reason: ", e.reason()));
        }
        return null;
    }

    private static OrderEventFact fact(OrderId orderId, Object payload, String description) {
        return new OrderEventFact(orderId, payload.getClass().getSimpleName(), description);
    }

    private static String lines(List<OrderLine> lines) {
        return lines.stream()
                .map(line -> line.quantity() + " x " + line.sku() + " at " + line.unitPrice().toPlainString())
                .collect(Collectors.joining(", "));
    }

    private static String reason(FailureReason reason) {
        if (reason == null) {
            return "";
        }
        return " (" + reason.code() + ")" + clause(": ", reason.detail());
    }

    private static String attempts(int attempts) {
        return attempts == 1 ? "1 attempt" : attempts + " attempts";
    }

    /** {@code prefix + value}, or nothing when the value is missing or blank. */
    private static String clause(String prefix, String value) {
        return clause(prefix, value, "");
    }

    private static String clause(String prefix, String value, String suffix) {
        return value == null || value.isBlank() ? "" : prefix + value + suffix;
    }
}
