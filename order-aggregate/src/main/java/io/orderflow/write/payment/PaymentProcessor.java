package io.orderflow.write.payment;

import io.orderflow.api.payment.AuthorizePaymentCommand;
import io.orderflow.api.payment.PaymentId;
import io.orderflow.api.payment.RefundPaymentCommand;
import io.orderflow.write.support.GatewayRetry;
import io.orderflow.write.support.RetriesExhaustedException;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.retry.backoff.Sleeper;
import org.springframework.stereotype.Component;

/**
 * Handles the payment commands of the fulfilment saga: calls the {@link PaymentGateway} outside the
 * aggregate, with bounded retries and exponential back-off for {@link PaymentGatewayException}
 * ({@code orderflow.payment.max-attempts}, {@code orderflow.payment.backoff}), then records the
 * answer on the {@link Payment} aggregate.
 *
 * <p>Each command loads the payment with {@code Repository#loadOrCreate}: an absent payment comes
 * back empty, to record the first answer on (a failed {@code load} would log a warning with a stack
 * trace for every new payment). The repository's lock on the payment id is held while the gateway
 * is called, so two commands for the same payment do not call it at the same time in one instance.
 *
 * <table>
 * <caption>Outcomes</caption>
 * <tr><th>command</th><th>payment</th><th>outcome</th></tr>
 * <tr><td>{@link AuthorizePaymentCommand}</td><td>none</td><td>gateway authorise →
 *     {@code PaymentAuthorizedEvent} / {@code PaymentDeclinedEvent}; every attempt failed →
 *     best-effort void at the gateway and {@code PaymentFailedEvent}</td></tr>
 * <tr><td>{@link AuthorizePaymentCommand}</td><td>any</td><td>nothing; the gateway is not called</td></tr>
 * <tr><td>{@link RefundPaymentCommand}</td><td>authorised</td><td>gateway refund →
 *     {@code PaymentRefundedEvent}</td></tr>
 * <tr><td>{@link RefundPaymentCommand}</td><td>none</td><td>gateway void → {@code PaymentVoidedEvent}
 *     (later authorisations are ignored)</td></tr>
 * <tr><td>{@link RefundPaymentCommand}</td><td>refunded, voided, declined, failed</td><td>nothing</td></tr>
 * </table>
 *
 * <p>Business outcomes are events, never exceptions. When a refund or void fails on every attempt
 * the command fails with {@link RetriesExhaustedException} and nothing is recorded: the saga's
 * compensation deadline sends it again later. Two concurrent authorisations of the same payment may
 * both reach the gateway; the payment id is the provider's idempotency key, so both get the same
 * answer, and only one of them commits its event.
 */
@Component
public class PaymentProcessor {

    private static final Logger log = LoggerFactory.getLogger(PaymentProcessor.class);

    private final Repository<Payment> payments;
    private final PaymentGateway gateway;
    private final GatewayRetry retry;

    /**
     * @param payments   the payment repository
     * @param gateway    the payment provider
     * @param properties retry configuration
     */
    @Autowired
    public PaymentProcessor(Repository<Payment> payments, PaymentGateway gateway, PaymentProperties properties) {
        this(payments, gateway, properties, GatewayRetry.THREAD_SLEEPER);
    }

    /** For tests: waits between attempts with the given sleeper. */
    PaymentProcessor(Repository<Payment> payments, PaymentGateway gateway, PaymentProperties properties,
                     Sleeper sleeper) {
        this.payments = payments;
        this.gateway = gateway;
        this.retry = new GatewayRetry(properties.maxAttempts(), properties.backoff(),
                PaymentGatewayException.class, sleeper);
    }

    /** Authorises the order's amount, unless a payment with this id exists already. */
    @CommandHandler
    public void handle(AuthorizePaymentCommand command) throws Exception {
        PaymentId id = command.paymentId();
        Aggregate<Payment> payment = payments.loadOrCreate(id.toString(), Payment::new);
        if (payment.invoke(Payment::isRecorded)) {
            log.debug("Payment {} exists already; authorisation not repeated", id);
            return;
        }
        try {
            AuthorizationResult result = retry.call(() -> gateway.authorize(id, command.amount()));
            if (result instanceof AuthorizationResult.Approved approved) {
                payment.execute(p -> p.recordAuthorized(id, command.orderId(), command.amount(),
                        approved.authorizationCode()));
            } else {
                String reason = ((AuthorizationResult.Declined) result).reason();
                payment.execute(p -> p.recordDeclined(id, command.orderId(), command.amount(), reason));
            }
        } catch (RetriesExhaustedException e) {
            log.warn("Payment {} of order {} failed: {}", id, command.orderId(), e.getMessage());
            voidQuietly(id);
            payment.execute(p -> p.recordFailed(id, command.orderId(), e.lastFailureMessage(), e.attempts()));
        }
    }

    /**
     * A failed authorisation may still have reached the provider (a lost answer): void it once, so
     * no amount stays held. A failure here changes nothing; the payment is recorded as failed.
     */
    private void voidQuietly(PaymentId id) {
        try {
            gateway.voidAuthorization(id);
        } catch (RuntimeException e) {
            log.warn("Could not void a possible authorisation of failed payment {}: {}", id, e.getMessage());
        }
    }

    /**
     * Compensation: refunds an authorised payment, or voids at the gateway when no payment was
     * recorded yet.
     *
     * @throws RetriesExhaustedException if the gateway failed on every attempt
     */
    @CommandHandler
    public void handle(RefundPaymentCommand command) throws Exception {
        PaymentId id = command.paymentId();
        Aggregate<Payment> payment = payments.loadOrCreate(id.toString(), Payment::new);
        if (!payment.invoke(Payment::isRecorded)) {
            retry.run(() -> gateway.voidAuthorization(id));
            payment.execute(p -> p.recordVoided(id, command.orderId(), command.reason()));
            return;
        }
        Optional<Payment.HeldAuthorization> held = payment.invoke(Payment::heldAuthorization);
        if (held.isEmpty()) {
            log.debug("Payment {} holds no authorisation; nothing to refund", id);
            return;
        }
        String reference = retry.call(() -> gateway.refund(id, held.get().authorizationCode(), held.get().amount()));
        payment.execute(p -> p.recordRefund(reference, command.reason()));
    }
}
