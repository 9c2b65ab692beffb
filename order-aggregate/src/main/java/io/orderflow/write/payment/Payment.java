package io.orderflow.write.payment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.orderflow.api.common.Money;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.payment.PaymentAuthorizedEvent;
import io.orderflow.api.payment.PaymentDeclinedEvent;
import io.orderflow.api.payment.PaymentFailedEvent;
import io.orderflow.api.payment.PaymentId;
import io.orderflow.api.payment.PaymentRefundedEvent;
import io.orderflow.api.payment.PaymentVoidedEvent;
import io.orderflow.write.support.AggregateCacheConfiguration;
import java.util.Objects;
import java.util.Optional;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The payment of one order, identified by {@link PaymentId}; event sourced. It records what the
 * payment provider answered; the calls themselves happen in {@link PaymentProcessor}, outside the
 * aggregate, because an aggregate does no I/O.
 *
 * <p>A payment's first event puts it in its first and, except for a refund, final state:
 * {@link PaymentStatus#AUTHORIZED}, {@link PaymentStatus#DECLINED}, {@link PaymentStatus#FAILED} or
 * {@link PaymentStatus#VOIDED} (compensated before any authorisation). Only an authorised payment
 * can change again, to {@link PaymentStatus#REFUNDED}. Its mere existence makes a repeated
 * authorisation a no-op. The repository keeps recently used payments in memory between commands
 * ({@link AggregateCacheConfiguration}).
 */
@Aggregate(cache = AggregateCacheConfiguration.PAYMENT_CACHE)
public class Payment {

    @AggregateIdentifier
    private PaymentId paymentId;
    private OrderId orderId;
    private PaymentStatus status;
    private Money amount;
    private String authorizationCode;

    /**
     * For Axon, and for {@link PaymentProcessor}, which creates an empty payment with
     * {@code Repository#loadOrCreate} and records the provider's first answer on it.
     */
    protected Payment() {
    }

    /** Whether any answer was recorded; an empty payment was just created and has no events yet. */
    boolean isRecorded() {
        return status != null;
    }

    /** Records that the provider authorised the amount: {@link PaymentAuthorizedEvent}. */
    void recordAuthorized(PaymentId id, OrderId order, Money authorizedAmount, String code) {
        requireFirstAnswer(id, order);
        Objects.requireNonNull(authorizedAmount, "authorizedAmount");
        apply(new PaymentAuthorizedEvent(id, order, authorizedAmount, code));
    }

    /** Records that the provider declined: {@link PaymentDeclinedEvent}. */
    void recordDeclined(PaymentId id, OrderId order, Money declinedAmount, String reason) {
        requireFirstAnswer(id, order);
        Objects.requireNonNull(declinedAmount, "declinedAmount");
        apply(new PaymentDeclinedEvent(id, order, declinedAmount, reason));
    }

    /** Records that the provider could not be asked on any attempt: {@link PaymentFailedEvent}. */
    void recordFailed(PaymentId id, OrderId order, String error, int attempts) {
        requireFirstAnswer(id, order);
        apply(new PaymentFailedEvent(id, order, error, attempts));
    }

    /** Records a compensation before any authorisation was recorded: {@link PaymentVoidedEvent}. */
    void recordVoided(PaymentId id, OrderId order, String reason) {
        requireFirstAnswer(id, order);
        apply(new PaymentVoidedEvent(id, order, reason));
    }

    private void requireFirstAnswer(PaymentId id, OrderId order) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(order, "order");
        if (status != null) {
            throw new IllegalStateException("Payment " + paymentId + " has recorded an answer already: " + status);
        }
    }

    /** The authorisation to give back, if the payment holds one. */
    Optional<HeldAuthorization> heldAuthorization() {
        return status == PaymentStatus.AUTHORIZED
                ? Optional.of(new HeldAuthorization(authorizationCode, amount))
                : Optional.empty();
    }

    /**
     * Records that the provider refunded the authorisation: {@link PaymentRefundedEvent}. Nothing
     * happens unless the payment is authorised.
     */
    void recordRefund(String refundReference, String reason) {
        if (status == PaymentStatus.AUTHORIZED) {
            apply(new PaymentRefundedEvent(paymentId, orderId, amount, refundReference, reason));
        }
    }

    @EventSourcingHandler
    void on(PaymentAuthorizedEvent event) {
        paymentId = event.paymentId();
        orderId = event.orderId();
        amount = event.amount();
        authorizationCode = event.authorizationCode();
        status = PaymentStatus.AUTHORIZED;
    }

    @EventSourcingHandler
    void on(PaymentDeclinedEvent event) {
        paymentId = event.paymentId();
        orderId = event.orderId();
        amount = event.amount();
        status = PaymentStatus.DECLINED;
    }

    @EventSourcingHandler
    void on(PaymentFailedEvent event) {
        paymentId = event.paymentId();
        orderId = event.orderId();
        status = PaymentStatus.FAILED;
    }

    @EventSourcingHandler
    void on(PaymentVoidedEvent event) {
        paymentId = event.paymentId();
        orderId = event.orderId();
        status = PaymentStatus.VOIDED;
    }

    @EventSourcingHandler
    void on(PaymentRefundedEvent event) {
        status = PaymentStatus.REFUNDED;
    }

    /** The current status. */
    PaymentStatus status() {
        return status;
    }

    /**
     * An authorisation the provider holds.
     *
     * @param authorizationCode the provider's code
     * @param amount            the amount held
     */
    record HeldAuthorization(String authorizationCode, Money amount) {
    }
}
