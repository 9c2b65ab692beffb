package io.orderflow.app.flow;

import static io.orderflow.app.flow.OrderflowApi.adapter;
import static io.orderflow.app.flow.OrderflowApi.historyOf;
import static io.orderflow.app.flow.OrderflowApi.line;
import static io.orderflow.app.flow.OrderflowApi.order;
import static io.orderflow.app.flow.OrderflowApi.reasonOf;
import static io.orderflow.app.flow.OrderflowApi.reliable;
import static io.orderflow.app.flow.OrderflowApi.uniqueCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.shipping.ShipmentId;
import io.orderflow.app.support.PostgresIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The saga's payment and shipment deadlines end to end: with {@code orderflow.saga.payment-timeout}
 * and {@code orderflow.saga.shipment-timeout} at two seconds, an adapter that answers after nine
 * seconds (but within its own timeout, so it does answer) makes the saga give up, undo what was done
 * and cancel the order, even though the late answer was a success that must be refunded or cancelled.
 * Once the saga has given up (its stored state records the failure reason) the adapters are made fast
 * again, so the compensation, which waits for the late answer, does not take as long once more.
 *
 * <p>The timeouts are context properties, so this class runs its own application (with its own
 * database and Kafka broker), closed when the class is done.
 */
@PostgresIT(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "orderflow.saga.payment-timeout=2s",
        "orderflow.saga.shipment-timeout=2s",
        "orderflow.kafka.embedded.port=0",
        "orderflow.kafka.embedded.controller-port=0",
        "orderflow.kafka.embedded.log-dir=target/kafka-it/timeouts-${random.uuid}"
})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SagaTimeoutFlowIT extends FlowTestBase {

    /**
     * Well beyond the saga's two seconds plus the deadline scheduler's one-second polling, even on a
     * busy machine; below the ten seconds after which Axon reports a command as slow.
     */
    private static final long LATE_ANSWER_MILLIS = 9_000;
    private static final long ADAPTER_TIMEOUT_MILLIS = 15_000;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void cancelsAnOrderWhosePaymentOutcomeComesTooLateAndRefundsTheLateAuthorisation() {
        api.simulate(adapter(0, 0, LATE_ANSWER_MILLIS, ADAPTER_TIMEOUT_MILLIS), reliable());
        String sku = api.registeredProduct("SLOW-PAY", 5);

        String orderId = api.placedOrder(order(uniqueCustomer(), line(sku, 2, "10.00")));
        awaitSagaGivingUp();

        JsonNode order = api.awaitEnd(orderId);
        assertThat(order.path("status").asText()).as("order %s", order).isEqualTo("CANCELLED");
        assertThat(reasonOf(order)).isEqualTo("PAYMENT_TIMEOUT");
        assertThat(historyOf(order)).contains("StockReservedEvent", "PaymentRefundedEvent", "StockReleasedEvent",
                "OrderCancelledEvent").doesNotContain("OrderPaymentAuthorizedEvent", "ShipmentScheduledEvent");
        checks.assertRefunded(orderId, "20.00");
        checks.assertStockBackAtStart(sku, 5);
    }

    @Test
    void cancelsAnOrderWhoseShipmentBookingComesTooLateAndUndoesBookingPaymentAndReservation() {
        api.simulate(reliable(), adapter(0, 0, LATE_ANSWER_MILLIS, ADAPTER_TIMEOUT_MILLIS));
        String sku = api.registeredProduct("SLOW-SHIP", 7);

        String orderId = api.placedOrder(order(uniqueCustomer(), line(sku, 7, "3.00")));
        awaitSagaGivingUp();

        JsonNode order = api.awaitEnd(orderId);
        assertThat(order.path("status").asText()).as("order %s", order).isEqualTo("CANCELLED");
        assertThat(reasonOf(order)).isEqualTo("SHIPMENT_TIMEOUT");
        assertThat(historyOf(order)).contains("OrderPaymentAuthorizedEvent", "ShipmentCancelledEvent",
                "PaymentRefundedEvent", "StockReleasedEvent", "OrderCancelledEvent")
                .doesNotContain("OrderShipmentScheduledEvent", "StockCommittedEvent");
        assertThat(carrier.cancellations()).as("the late booking was cancelled at the carrier")
                .anyMatch(cancelled -> cancelled.shipmentId().equals(ShipmentId.forOrder(OrderId.of(orderId))));
        checks.assertRefunded(orderId, "21.00");
        checks.assertStockBackAtStart(sku, 7);
    }

    /**
     * Waits until the saga's deadline has fired and it compensates (its stored state records the
     * failure reason), then makes both adapters fast: the call that is running keeps its latency.
     */
    private void awaitSagaGivingUp() {
        await().atMost(OrderflowApi.PATIENCE).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select count(*) from saga_entry"
                        + " where convert_from(serialized_saga, 'UTF8') like '%\"failureReason\":{%'",
                Integer.class))
                .as("compensating sagas").isEqualTo(1));
        api.simulate(reliable(), reliable());
    }
}
