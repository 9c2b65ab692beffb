package io.orderflow.write.order;

import io.orderflow.api.common.Money;
import io.orderflow.api.inventory.Sku;
import io.orderflow.api.order.CustomerId;
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
import io.orderflow.api.order.OrderStatus;
import io.orderflow.api.order.OrderStockReservedEvent;
import io.orderflow.api.order.PlaceOrderCommand;
import io.orderflow.api.order.ReasonCode;
import io.orderflow.api.order.ShippingAddress;
import io.orderflow.api.payment.PaymentId;
import io.orderflow.api.shipping.ShipmentId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Sample orders and the events that bring an order into each status. */
final class OrderSamples {

    static final OrderId ORDER_ID = OrderId.of("0b7e6f0e-3c1d-4a55-9a34-6a1f2b3c4d5e");
    static final CustomerId CUSTOMER = new CustomerId("customer-7");
    static final ShippingAddress ADDRESS = new ShippingAddress("Ada Lovelace", "1 Analytical Way", "London",
            "N1 9GU", "GB");
    static final Instant PLACED_AT = Instant.parse("2025-03-01T10:15:30Z");
    static final Sku WIDGET = new Sku("WIDGET-1");
    static final Sku GADGET = new Sku("GADGET-2");
    static final List<OrderLine> LINES = List.of(
            new OrderLine(WIDGET, 2, new BigDecimal("19.99")),
            new OrderLine(GADGET, 1, new BigDecimal("5.00")));
    static final Money TOTAL = new Money(new BigDecimal("44.98"), "EUR");
    static final PaymentId PAYMENT_ID = PaymentId.forOrder(ORDER_ID);
    static final ShipmentId SHIPMENT_ID = ShipmentId.forOrder(ORDER_ID);
    static final FailureReason OUT_OF_STOCK = new FailureReason(ReasonCode.OUT_OF_STOCK, "WIDGET-1 is short");
    static final FailureReason CUSTOMER_CANCELLED = new FailureReason(ReasonCode.CUSTOMER_CANCELLED, "changed mind");

    private OrderSamples() {
    }

    static PlaceOrderCommand placeOrder(List<OrderLine> lines, String currency) {
        return new PlaceOrderCommand(ORDER_ID, CUSTOMER, lines, currency, ADDRESS, PLACED_AT);
    }

    static PlaceOrderCommand placeOrder() {
        return placeOrder(LINES, "EUR");
    }

    static OrderPlacedEvent orderPlaced() {
        return new OrderPlacedEvent(ORDER_ID, CUSTOMER, LINES, TOTAL, ADDRESS, PLACED_AT);
    }

    /** The events after which an order is in the given status. */
    static List<Object> eventsReaching(OrderStatus status) {
        List<Object> events = new ArrayList<>();
        events.add(orderPlaced());
        switch (status) {
            case PENDING -> {
            }
            case STOCK_RESERVED -> events.add(new OrderStockReservedEvent(ORDER_ID));
            case PAYMENT_AUTHORIZED -> events.addAll(List.of(new OrderStockReservedEvent(ORDER_ID),
                    new OrderPaymentAuthorizedEvent(ORDER_ID, PAYMENT_ID, TOTAL)));
            case SHIPMENT_SCHEDULED -> events.addAll(List.of(new OrderStockReservedEvent(ORDER_ID),
                    new OrderPaymentAuthorizedEvent(ORDER_ID, PAYMENT_ID, TOTAL),
                    new OrderShipmentScheduledEvent(ORDER_ID, SHIPMENT_ID, "SIM000000000001")));
            case COMPLETED -> events.addAll(List.of(new OrderStockReservedEvent(ORDER_ID),
                    new OrderPaymentAuthorizedEvent(ORDER_ID, PAYMENT_ID, TOTAL),
                    new OrderShipmentScheduledEvent(ORDER_ID, SHIPMENT_ID, "SIM000000000001"),
                    new OrderCompletedEvent(ORDER_ID)));
            case CANCELLATION_REQUESTED -> events.addAll(List.of(new OrderStockReservedEvent(ORDER_ID),
                    new OrderCancellationRequestedEvent(ORDER_ID, ReasonCode.CUSTOMER_CANCELLED, "changed mind",
                            OrderStatus.STOCK_RESERVED)));
            case REJECTED -> events.add(new OrderRejectedEvent(ORDER_ID, OUT_OF_STOCK));
            case CANCELLED -> events.addAll(List.of(new OrderStockReservedEvent(ORDER_ID),
                    new OrderCancellationRequestedEvent(ORDER_ID, ReasonCode.CUSTOMER_CANCELLED, "changed mind",
                            OrderStatus.STOCK_RESERVED),
                    new OrderCancelledEvent(ORDER_ID, CUSTOMER_CANCELLED)));
        }
        return events;
    }
}
