package io.orderflow.api.order;

import io.orderflow.api.common.Money;
import io.orderflow.api.payment.PaymentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Saga step: the order's payment is authorised. */
public record MarkOrderPaymentAuthorizedCommand(@TargetAggregateIdentifier OrderId orderId, PaymentId paymentId, Money amount) {
}
