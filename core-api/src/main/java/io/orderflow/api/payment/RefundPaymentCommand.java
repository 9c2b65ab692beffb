package io.orderflow.api.payment;

import io.orderflow.api.order.OrderId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Compensation: gives the authorised amount back. Answered by {@link PaymentRefundedEvent}, or by
 * {@link PaymentVoidedEvent} when no authorisation was ever recorded (any pending authorisation
 * at the provider is voided and later ones are refused). Idempotent.
 */
public record RefundPaymentCommand(@TargetAggregateIdentifier PaymentId paymentId, OrderId orderId, String reason) {
}
