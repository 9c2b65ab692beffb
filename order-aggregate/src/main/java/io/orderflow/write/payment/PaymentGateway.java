package io.orderflow.write.payment;

import io.orderflow.api.common.Money;
import io.orderflow.api.payment.PaymentId;

/**
 * Port to a payment service provider. Every call is keyed by the {@link PaymentId}, which the
 * provider treats as the idempotency key: authorising the same key twice yields the same
 * authorisation, never a second charge.
 *
 * <p>Implementations throw {@link PaymentGatewayException} for technical failures (unreachable,
 * timed out, server error), which {@link PaymentProcessor} retries; a business refusal is a
 * {@link AuthorizationResult.Declined} result, never an exception.
 */
public interface PaymentGateway {

    /**
     * Authorises an amount.
     *
     * @param idempotencyKey the payment id
     * @param amount         the amount to hold
     * @return approved with an authorisation code, or declined with the provider's reason
     * @throws PaymentGatewayException on a technical failure or timeout
     */
    AuthorizationResult authorize(PaymentId idempotencyKey, Money amount);

    /**
     * Gives an authorised amount back.
     *
     * @param idempotencyKey    the payment id
     * @param authorizationCode the code of the authorisation to refund
     * @param amount            the amount to refund
     * @return the provider's refund reference
     * @throws PaymentGatewayException on a technical failure or timeout
     */
    String refund(PaymentId idempotencyKey, String authorizationCode, Money amount);

    /**
     * Voids whatever authorisation the provider may hold for the key (for example one whose answer
     * was lost to a timeout) and refuses later authorisations with it. Succeeds when there is none.
     *
     * @param idempotencyKey the payment id
     * @throws PaymentGatewayException on a technical failure or timeout
     */
    void voidAuthorization(PaymentId idempotencyKey);
}
