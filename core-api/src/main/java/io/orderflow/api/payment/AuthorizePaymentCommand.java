package io.orderflow.api.payment;

import io.orderflow.api.common.Money;
import io.orderflow.api.order.OrderId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Authorises the order's amount with the payment provider, using the payment id as idempotency
 * key. Answered by {@link PaymentAuthorizedEvent}, {@link PaymentDeclinedEvent} (the provider said
 * no) or {@link PaymentFailedEvent} (the provider could not be reached after bounded retries).
 */
public record AuthorizePaymentCommand(@TargetAggregateIdentifier PaymentId paymentId, OrderId orderId, Money amount) {
}
