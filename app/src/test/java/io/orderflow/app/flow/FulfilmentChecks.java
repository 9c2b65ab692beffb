package io.orderflow.app.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.api.inventory.StockCommittedEvent;
import io.orderflow.api.inventory.StockReleasedEvent;
import io.orderflow.api.inventory.StockReservedEvent;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.payment.PaymentId;
import io.orderflow.write.simulation.SimulatedPaymentGateway;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * What the end-to-end tests check besides the read API: the write model's event streams and the
 * simulated payment provider's record of refunds, of one running application.
 */
final class FulfilmentChecks {

    private final OrderflowApi api;
    private final EventStore eventStore;
    private final SimulatedPaymentGateway paymentGateway;

    /**
     * @param api            the application's REST API
     * @param eventStore     its event store
     * @param paymentGateway its simulated payment provider
     */
    FulfilmentChecks(OrderflowApi api, EventStore eventStore, SimulatedPaymentGateway paymentGateway) {
        this.api = api;
        this.eventStore = eventStore;
        this.paymentGateway = paymentGateway;
    }

    /**
     * The product is back at its initial stock: in the write model, where the last stock movement is a
     * release that leaves the initial units on hand and nothing reserved (if anything was reserved at
     * all), and in the read API.
     */
    void assertStockBackAtStart(String sku, int initialStock) {
        List<Object> movements = eventStore.readEvents(sku).asStream()
                .map(event -> (Object) event.getPayload())
                .filter(payload -> payload instanceof StockReservedEvent || payload instanceof StockReleasedEvent
                        || payload instanceof StockCommittedEvent)
                .toList();
        if (!movements.isEmpty()) {
            Object last = movements.get(movements.size() - 1);
            assertThat(last).as("last stock movement of %s", sku).isInstanceOf(StockReleasedEvent.class);
            StockReleasedEvent released = (StockReleasedEvent) last;
            assertThat(List.of(released.onHand(), released.reserved())).as("stock of %s after %s", sku, released)
                    .containsExactly(initialStock, 0);
        }
        api.awaitStock(sku, initialStock, 0);
    }

    /**
     * The order's payment was authorised and then refunded with the full amount, at the payment
     * provider and in the write model.
     */
    void assertRefunded(String orderId, String amount) {
        PaymentId paymentId = paymentOf(orderId);
        assertThat(paymentGateway.refunds()).as("refunds made by the payment provider")
                .filteredOn(refund -> refund.paymentId().equals(paymentId))
                .singleElement()
                .satisfies(refund -> assertThat(refund.amount().amount()).isEqualByComparingTo(amount));
        assertThat(payloadTypesOf(paymentId.toString())).as("events of payment %s", paymentId)
                .containsExactly("PaymentAuthorizedEvent", "PaymentRefundedEvent");
    }

    /** The simple names of the event types of one aggregate, oldest first. */
    List<String> payloadTypesOf(String aggregateId) {
        return eventStore.readEvents(aggregateId).asStream()
                .map(event -> event.getPayloadType().getSimpleName())
                .toList();
    }

    /** The payment of an order. */
    static PaymentId paymentOf(String orderId) {
        return PaymentId.forOrder(OrderId.of(orderId));
    }
}
