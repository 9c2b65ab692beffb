package io.orderflow.api.payment;

import io.orderflow.api.common.Money;
import io.orderflow.api.order.OrderId;
import org.axonframework.serialization.Revision;

/** Compensation: the authorised amount was given back. */
@Revision("1")
public record PaymentRefundedEvent(PaymentId paymentId, OrderId orderId, Money amount, String refundReference, String reason) {
}
