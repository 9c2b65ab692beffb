package io.orderflow.api.order;

import io.orderflow.api.common.Money;
import io.orderflow.api.payment.PaymentId;
import org.axonframework.serialization.Revision;

/** The order's payment is authorised. */
@Revision("1")
public record OrderPaymentAuthorizedEvent(OrderId orderId, PaymentId paymentId, Money amount) {
}
