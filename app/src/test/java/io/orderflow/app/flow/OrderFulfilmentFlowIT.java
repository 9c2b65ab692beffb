package io.orderflow.app.flow;

import static io.orderflow.app.flow.FulfilmentChecks.paymentOf;
import static io.orderflow.app.flow.OrderflowApi.adapter;
import static io.orderflow.app.flow.OrderflowApi.historyOf;
import static io.orderflow.app.flow.OrderflowApi.line;
import static io.orderflow.app.flow.OrderflowApi.order;
import static io.orderflow.app.flow.OrderflowApi.reasonOf;
import static io.orderflow.app.flow.OrderflowApi.reliable;
import static io.orderflow.app.flow.OrderflowApi.uniqueCustomer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.shipping.ShipmentId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The fulfilment saga end to end, driven through the REST API of the running application: the happy
 * path and every way an order can fail, each checked for what a user would notice, namely the order's
 * final status and reason, its history, the stock levels of its products and the refunds the
 * payment provider made. Faults are injected into the simulated payment provider and carrier through
 * {@code PUT /api/admin/simulation}. Each test registers products of its own, so tests never share
 * stock.
 */
@FlowTestContext
class OrderFulfilmentFlowIT extends FlowTestBase {


    @Test
    void completesAMultiLineOrderAndTakesTheOrderedUnitsOutOfStock() {
        String book = api.registeredProduct("BOOK", 10);
        String pen = api.registeredProduct("PEN", 5);

        String orderId = api.placedOrder(order(uniqueCustomer(), line(book, 3, "12.50"), line(pen, 2, "1.20")));

        JsonNode order = api.awaitEnd(orderId);
        assertThat(order.path("status").asText()).as("order %s", order).isEqualTo("COMPLETED");
        assertThat(order.path("reason").isNull() || order.path("reason").isMissingNode()).as("reason of %s", order)
                .isTrue();
        assertThat(order.path("total").path("amount").decimalValue()).isEqualByComparingTo("39.90");
        List<String> history = historyOf(order);
        assertThat(history).as("history of %s", orderId)
                .startsWith("OrderPlacedEvent")
                .endsWith("OrderCompletedEvent")
                .containsAll(List.of("OrderStockReservedEvent", "PaymentAuthorizedEvent", "OrderPaymentAuthorizedEvent",
                        "ShipmentScheduledEvent", "OrderShipmentScheduledEvent"))
                .doesNotContain("StockReleasedEvent", "PaymentRefundedEvent", "ShipmentCancelledEvent");
        assertThat(history.stream().filter("StockReservedEvent"::equals)).as("one reservation per line").hasSize(2);
        assertThat(history.stream().filter("StockCommittedEvent"::equals)).as("one commit per line").hasSize(2);
        assertThat(order.path("history")).as("every step is described")
                .allSatisfy(entry -> assertThat(entry.path("description").asText()).isNotBlank());

        api.awaitStock(book, 7, 0);
        api.awaitStock(pen, 3, 0);
        assertThat(paymentGateway.refunds()).noneMatch(refund -> refund.paymentId().equals(paymentOf(orderId)));
    }

    @Test
    void rejectsAnOrderAsOutOfStockAndReleasesTheLineThatCouldBeReserved() {
        String plenty = api.registeredProduct("PLENTY", 10);
        String scarce = api.registeredProduct("SCARCE", 1);

        String orderId = api.placedOrder(order(uniqueCustomer(), line(plenty, 4, "2.00"), line(scarce, 2, "9.99")));

        JsonNode order = api.awaitEnd(orderId);
        assertThat(order.path("status").asText()).as("order %s", order).isEqualTo("REJECTED");
        assertThat(reasonOf(order)).isEqualTo("OUT_OF_STOCK");
        assertThat(order.path("reason").path("detail").asText()).contains(scarce);
        assertThat(historyOf(order))
                .contains("StockReservationRejectedEvent", "StockReleasedEvent", "OrderRejectedEvent")
                .doesNotContain("PaymentAuthorizedEvent", "ShipmentScheduledEvent");
        checks.assertStockBackAtStart(plenty, 10);
        checks.assertStockBackAtStart(scarce, 1);
        assertThat(checks.payloadTypesOf(paymentOf(orderId).toString())).as("nothing was charged").isEmpty();
    }

    @Test
    void cancelsAnOrderWhosePaymentIsDeclinedAndReleasesItsStock() {
        api.simulate(adapter(1.0, 0, 0, 2_000), reliable());
        String sku = api.registeredProduct("DECLINED", 8);

        String orderId = api.placedOrder(order(uniqueCustomer(), line(sku, 3, "20.00")));

        JsonNode order = api.awaitEnd(orderId);
        assertThat(order.path("status").asText()).as("order %s", order).isEqualTo("CANCELLED");
        assertThat(reasonOf(order)).isEqualTo("PAYMENT_DECLINED");
        assertThat(historyOf(order)).contains("StockReservedEvent", "PaymentDeclinedEvent", "StockReleasedEvent",
                "OrderCancelledEvent").doesNotContain("PaymentRefundedEvent", "ShipmentScheduledEvent");
        checks.assertStockBackAtStart(sku, 8);
    }

    @Test
    void cancelsAnOrderWhosePaymentFailsTechnicallyOnEveryAttemptAndReleasesItsStock() {
        api.simulate(adapter(0, 1.0, 0, 2_000), reliable());
        String sku = api.registeredProduct("UNREACHABLE", 6);

        String orderId = api.placedOrder(order(uniqueCustomer(), line(sku, 2, "5.00")));

        JsonNode order = api.awaitEnd(orderId);
        assertThat(order.path("status").asText()).as("order %s", order).isEqualTo("CANCELLED");
        assertThat(reasonOf(order)).isEqualTo("PAYMENT_FAILED");
        assertThat(order.path("reason").path("detail").asText()).contains("attempts");
        assertThat(historyOf(order)).contains("PaymentFailedEvent", "StockReleasedEvent", "OrderCancelledEvent")
                .doesNotContain("PaymentAuthorizedEvent", "ShipmentScheduledEvent");
        checks.assertStockBackAtStart(sku, 6);
    }

    @Test
    void refundsThePaymentAndReleasesTheStockWhenTheCarrierRefusesTheShipment() {
        api.simulate(reliable(), adapter(1.0, 0, 0, 2_000));
        String sku = api.registeredProduct("REFUSED", 4);

        String orderId = api.placedOrder(order(uniqueCustomer(), line(sku, 4, "15.00")));

        JsonNode order = api.awaitEnd(orderId);
        assertThat(order.path("status").asText()).as("order %s", order).isEqualTo("CANCELLED");
        assertThat(reasonOf(order)).isEqualTo("SHIPMENT_FAILED");
        assertThat(historyOf(order)).contains("PaymentAuthorizedEvent", "ShipmentFailedEvent", "PaymentRefundedEvent",
                "StockReleasedEvent", "OrderCancelledEvent").doesNotContain("ShipmentScheduledEvent");
        checks.assertRefunded(orderId, "60.00");
        checks.assertStockBackAtStart(sku, 4);
    }

    @Test
    void undoesEveryStepWhenTheCustomerCancelsWhileTheShipmentIsBeingBooked() {
        api.simulate(reliable(), adapter(0, 0, 6_000, 9_000));
        String sku = api.registeredProduct("CHANGED-MIND", 9);
        String orderId = api.placedOrder(order(uniqueCustomer(), line(sku, 2, "7.50")));

        // paid, and the carrier is still working on the booking
        api.awaitStatus(orderId, "PAYMENT_AUTHORIZED");
        OrderflowApi.Answer cancellation = api.cancel(orderId, "Ordered by mistake");
        // the running booking keeps its latency; the cancellation at the carrier need not wait as long
        api.simulate(reliable(), reliable());

        assertThat(cancellation.status()).as("cancellation: %s", cancellation).isEqualTo(202);
        assertThat(cancellation.json().path("status").asText()).isEqualTo("CANCELLATION_REQUESTED");
        JsonNode order = api.awaitEnd(orderId);
        assertThat(order.path("status").asText()).as("order %s", order).isEqualTo("CANCELLED");
        assertThat(reasonOf(order)).isEqualTo("CUSTOMER_CANCELLED");
        assertThat(order.path("reason").path("detail").asText()).isEqualTo("Ordered by mistake");
        assertThat(historyOf(order)).contains("OrderCancellationRequestedEvent", "ShipmentCancelledEvent",
                "PaymentRefundedEvent", "StockReleasedEvent", "OrderCancelledEvent")
                .doesNotContain("OrderShipmentScheduledEvent", "StockCommittedEvent");
        assertThat(carrier.cancellations()).as("the booking was cancelled at the carrier")
                .anyMatch(cancelled -> cancelled.shipmentId().equals(ShipmentId.forOrder(OrderId.of(orderId))));
        checks.assertRefunded(orderId, "15.00");
        checks.assertStockBackAtStart(sku, 9);
    }

    @Test
    void refusesToCancelACompletedOrderWithAProblemAndLeavesItCompleted() {
        String sku = api.registeredProduct("KEPT", 3);
        String orderId = api.placedOrder(order(uniqueCustomer(), line(sku, 1, "99.00")));
        api.awaitStatus(orderId, "COMPLETED");

        OrderflowApi.Answer cancellation = api.cancel(orderId, "Too late");

        assertThat(cancellation.status()).as("cancellation: %s", cancellation).isEqualTo(409);
        assertThat(cancellation.isProblem()).as("problem+json: %s", cancellation).isTrue();
        assertThat(cancellation.json().path("code").asText()).isEqualTo("CANCELLATION_NOT_ALLOWED");
        assertThat(checks.payloadTypesOf(orderId)).as("events of order %s", orderId)
                .endsWith("OrderCompletedEvent").doesNotContain("OrderCancellationRequestedEvent");
        assertThat(api.order(orderId).json().path("status").asText()).isEqualTo("COMPLETED");
        api.awaitStock(sku, 2, 0);
    }
}
