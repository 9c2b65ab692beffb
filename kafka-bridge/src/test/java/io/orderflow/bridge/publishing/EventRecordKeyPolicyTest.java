package io.orderflow.bridge.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.api.common.Money;
import io.orderflow.api.inventory.Sku;
import io.orderflow.api.inventory.StockRestockedEvent;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.payment.PaymentAuthorizedEvent;
import io.orderflow.api.payment.PaymentId;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

class EventRecordKeyPolicyTest {

    private final EventRecordKeyPolicy policy = new EventRecordKeyPolicy();

    @Test
    void keysAPaymentEventByItsOrderNotByThePayment() {
        OrderId orderId = OrderId.random();
        PaymentId paymentId = new PaymentId(UUID.randomUUID());
        var event = new GenericDomainEventMessage<>("Payment", paymentId.toString(), 0L,
                new PaymentAuthorizedEvent(paymentId, orderId, Money.of("10.00", "EUR"), "AUTH-1"));

        assertThat(policy.keyFor(event)).isEqualTo(orderId.toString());
        assertThat(policy.getSequenceIdentifierFor(event)).isEqualTo(orderId.toString());
    }

    @Test
    void keysARestockByTheSkuItsProductIsIdentifiedBy() {
        var event = new GenericDomainEventMessage<>("Product", "SKU-1", 5L,
                new StockRestockedEvent(new Sku("SKU-1"), 3, 13, 0));

        assertThat(policy.keyFor(event)).isEqualTo("SKU-1");
    }

    @Test
    void fallsBackToTheAggregateWhenTheOrderIdIsMissing() {
        var event = new GenericDomainEventMessage<>("Other", "aggregate-9", 0L, new WithOrderId(null));

        assertThat(policy.keyFor(event)).isEqualTo("aggregate-9");
    }

    @Test
    void leavesAnEventThatBelongsToNothingUnkeyed() {
        assertThat(policy.keyFor(GenericEventMessage.asEventMessage("housekeeping"))).isNull();
    }

    private record WithOrderId(OrderId orderId) {
    }
}
