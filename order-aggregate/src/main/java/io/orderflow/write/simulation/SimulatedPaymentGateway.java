package io.orderflow.write.simulation;

import io.orderflow.api.common.Money;
import io.orderflow.api.payment.PaymentId;
import io.orderflow.write.payment.AuthorizationResult;
import io.orderflow.write.payment.PaymentGateway;
import io.orderflow.write.payment.PaymentGatewayException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * A payment service provider in memory, with the fault injection of
 * {@link SimulationSettings#payment()}.
 *
 * <p>Behaves like a real provider with idempotency keys: the first authorisation of a key is decided
 * (approved, or declined at the rejection rate) and remembered, and every later one with the same
 * key returns the same answer; a voided key is declined from then on. Each call, whatever the
 * operation, may fail technically (at the technical failure rate) and takes a random latency; a
 * latency beyond the timeout makes the call fail as "timed out" after the timeout, even though the
 * provider may have acted on it, as a real one may. Technical failures throw
 * {@link PaymentGatewayException}.
 *
 * <p>The most recent {@value #MEMORY} keys of each kind are remembered. Refunds are recorded for
 * inspection ({@link #refunds()}, {@link #refundCount()}).
 */
@Component
public class SimulatedPaymentGateway implements PaymentGateway {

    /** How many idempotency keys (and refund records) of each kind are remembered. */
    public static final int MEMORY = 100_000;

    static final String DECLINE_REASON = "insufficient funds (simulated decline)";
    static final String VOIDED_REASON = "authorization was voided";

    private final SimulationControl control;
    private final Latency latency;
    private final Object lock = new Object();
    private final Map<PaymentId, AuthorizationResult> authorizations = new BoundedMap<>(MEMORY);
    private final Set<PaymentId> voided = Collections.newSetFromMap(new BoundedMap<>(MEMORY));
    private final Map<PaymentId, String> refundReferences = new BoundedMap<>(MEMORY);
    private final Deque<SimulatedRefund> refunds = new ArrayDeque<>();
    private long refundCount;

    /**
     * @param control the fault-injection settings
     */
    @Autowired
    public SimulatedPaymentGateway(SimulationControl control) {
        this(control, Latency.SLEEP);
    }

    /** For tests: lets time pass with the given latency instead of sleeping. */
    SimulatedPaymentGateway(SimulationControl control, Latency latency) {
        this.control = control;
        this.latency = latency;
    }

    @Override
    public AuthorizationResult authorize(PaymentId idempotencyKey, Money amount) {
        SimulationControl.Draw draw = control.nextPaymentDraw();
        AuthorizationResult result = null;
        if (!draw.technicalFailure()) {
            synchronized (lock) {
                if (voided.contains(idempotencyKey)) {
                    result = AuthorizationResult.declined(VOIDED_REASON);
                } else {
                    result = authorizations.computeIfAbsent(idempotencyKey, key -> draw.rejected()
                            ? AuthorizationResult.declined(DECLINE_REASON)
                            : AuthorizationResult.approved(String.format("AUTH-%016X", draw.token())));
                }
            }
        }
        return respond(draw, "authorize", result);
    }

    @Override
    public String refund(PaymentId idempotencyKey, String authorizationCode, Money amount) {
        SimulationControl.Draw draw = control.nextPaymentDraw();
        String reference = null;
        if (!draw.technicalFailure()) {
            synchronized (lock) {
                reference = refundReferences.get(idempotencyKey);
                if (reference == null) {
                    reference = String.format("RF-%016X", draw.token());
                    refundReferences.put(idempotencyKey, reference);
                    refunds.addLast(new SimulatedRefund(idempotencyKey, authorizationCode, amount, reference));
                    if (refunds.size() > MEMORY) {
                        refunds.removeFirst();
                    }
                    refundCount++;
                }
            }
        }
        return respond(draw, "refund", reference);
    }

    @Override
    public void voidAuthorization(PaymentId idempotencyKey) {
        SimulationControl.Draw draw = control.nextPaymentDraw();
        Boolean done = null;
        if (!draw.technicalFailure()) {
            synchronized (lock) {
                voided.add(idempotencyKey);
                authorizations.remove(idempotencyKey);
            }
            done = Boolean.TRUE;
        }
        respond(draw, "void", done);
    }

    /** Waits out the latency, then returns the answer or fails technically. */
    private <T> T respond(SimulationControl.Draw draw, String operation, T answer) {
        draw.awaitResponse(latency, "payment provider " + operation, PaymentGatewayException::new);
        if (answer == null) {
            throw new PaymentGatewayException("payment provider " + operation + " failed (simulated technical failure)");
        }
        return answer;
    }

    /** The refunds made, oldest first (the most recent {@value #MEMORY}). */
    public List<SimulatedRefund> refunds() {
        synchronized (lock) {
            return List.copyOf(refunds);
        }
    }

    /** How many distinct refunds were made since start. */
    public long refundCount() {
        synchronized (lock) {
            return refundCount;
        }
    }

    /**
     * A refund the simulated provider made.
     *
     * @param paymentId         the idempotency key
     * @param authorizationCode the refunded authorisation
     * @param amount            the refunded amount
     * @param reference         the refund reference returned
     */
    public record SimulatedRefund(PaymentId paymentId, String authorizationCode, Money amount, String reference) {
    }
}
