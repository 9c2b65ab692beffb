package io.orderflow.api.payment;

import io.orderflow.api.common.Money;
import io.orderflow.api.order.OrderId;
import org.axonframework.serialization.Revision;

/** The provider authorised the amount. */
@Revision("1")
public record PaymentAuthorizedEvent(PaymentId paymentId, OrderId orderId, Money amount, String authorizationCode) {
}
