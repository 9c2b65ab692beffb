package io.orderflow.api.payment;

import io.orderflow.api.order.OrderId;
import org.axonframework.serialization.Revision;

/** The provider could not be reached or timed out on every one of {@code attempts} tries. */
@Revision("1")
public record PaymentFailedEvent(PaymentId paymentId, OrderId orderId, String error, int attempts) {
}
