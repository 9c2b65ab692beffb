package io.orderflow.api.payment;

import io.orderflow.api.common.Money;
import io.orderflow.api.order.OrderId;
import org.axonframework.serialization.Revision;

/** The provider declined the payment (a business answer, not an error). */
@Revision("1")
public record PaymentDeclinedEvent(PaymentId paymentId, OrderId orderId, Money amount, String reason) {
}
