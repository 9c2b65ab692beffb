package io.orderflow.api.payment;

import io.orderflow.api.order.OrderId;
import org.axonframework.serialization.Revision;

/** Compensation: no authorisation was held; any pending one is voided and later ones refused. */
@Revision("1")
public record PaymentVoidedEvent(PaymentId paymentId, OrderId orderId, String reason) {
}
