package io.orderflow.write.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.api.common.Money;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.payment.PaymentId;
import io.orderflow.write.payment.AuthorizationResult;
import io.orderflow.write.payment.PaymentGatewayException;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SimulatedPaymentGatewayTest {

    private static final Money AMOUNT = Money.of("10.00", "EUR");

    private final RecordingLatency latency = new RecordingLatency();

    private static PaymentId key(int n) {
        return PaymentId.forOrder(new OrderId(new UUID(0, n)));
    }

    private SimulatedPaymentGateway gateway(SimulationControl control) {
        return new SimulatedPaymentGateway(control, latency);
    }

    private SimulatedPaymentGateway gateway(AdapterSettings payment) {
        return gateway(new SimulationControl(SimulationSettings.reliable().withPayment(payment)));
    }

    private static List<AuthorizationResult> authorizeKeys(SimulatedPaymentGateway gateway, int from, int to) {
        return IntStream.range(from, to).mapToObj(n -> gateway.authorize(key(n), AMOUNT)).toList();
    }

    private static List<Boolean> approvals(List<AuthorizationResult> results) {
        return results.stream().map(AuthorizationResult.Approved.class::isInstance).toList();
    }

    @Test
    void approvesEveryAuthorizationWhenRatesAreZero() {
        assertThat(authorizeKeys(gateway(AdapterSettings.reliable()), 0, 50))
                .allSatisfy(result -> assertThat(result).isInstanceOf(AuthorizationResult.Approved.class));
        assertThat(latency.pauses).containsOnly(0L);
    }

    @Test
    void declinesEveryNewAuthorizationWhenTheRejectionRateIsOne() {
        assertThat(authorizeKeys(gateway(AdapterSettings.reliable().withRejectionRate(1)), 0, 50))
                .allSatisfy(result -> assertThat(result)
                        .isEqualTo(AuthorizationResult.declined(SimulatedPaymentGateway.DECLINE_REASON)));
    }

    @Test
    void failsEveryCallTechnicallyWhenTheFailureRateIsOne() {
        SimulatedPaymentGateway gateway = gateway(AdapterSettings.reliable().withTechnicalFailureRate(1));

        assertThatThrownBy(() -> gateway.authorize(key(1), AMOUNT)).isInstanceOf(PaymentGatewayException.class)
                .hasMessageContaining("simulated technical failure");
        assertThatThrownBy(() -> gateway.refund(key(1), "AUTH", AMOUNT)).isInstanceOf(PaymentGatewayException.class);
        assertThatThrownBy(() -> gateway.voidAuthorization(key(1))).isInstanceOf(PaymentGatewayException.class);
        assertThat(gateway.refundCount()).isZero();
    }

    @Test
    void answersARepeatedKeyWithTheSameAuthorizationEvenAfterTheSettingsChange() {
        SimulationControl control = new SimulationControl(SimulationSettings.reliable());
        SimulatedPaymentGateway gateway = gateway(control);
        AuthorizationResult first = gateway.authorize(key(1), AMOUNT);

        control.update(SimulationSettings.reliable().withPayment(AdapterSettings.reliable().withRejectionRate(1)));

        assertThat(gateway.authorize(key(1), AMOUNT)).isEqualTo(first);
        assertThat(gateway.authorize(key(2), AMOUNT)).isInstanceOf(AuthorizationResult.Declined.class);
    }

    @Test
    void givesTheSameOutcomesForTheSameSeedAndOtherOutcomesForAnotherSeed() {
        AdapterSettings halfDeclined = AdapterSettings.reliable().withRejectionRate(0.5);

        List<AuthorizationResult> first = authorizeKeys(gateway(halfDeclined), 0, 40);
        List<AuthorizationResult> second = authorizeKeys(gateway(halfDeclined), 0, 40);
        List<AuthorizationResult> otherSeed = authorizeKeys(gateway(halfDeclined.withSeed(4242)), 0, 40);

        assertThat(second).isEqualTo(first);
        assertThat(approvals(first)).contains(true, false);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void replaysTheSequenceOfOutcomesAfterReseeding() {
        SimulationSettings halfDeclined = SimulationSettings.reliable()
                .withPayment(AdapterSettings.reliable().withRejectionRate(0.5));
        SimulationControl control = new SimulationControl(halfDeclined);
        SimulatedPaymentGateway gateway = gateway(control);
        List<Boolean> firstRun = approvals(authorizeKeys(gateway, 0, 30));

        control.update(halfDeclined);

        assertThat(approvals(authorizeKeys(gateway, 100, 130))).isEqualTo(firstRun);
    }

    @Test
    void waitsTheDrawnLatencyWhenItIsWithinTheTimeout() {
        SimulatedPaymentGateway gateway = gateway(AdapterSettings.reliable().withLatency(50, 150));

        authorizeKeys(gateway, 0, 30);

        assertThat(latency.pauses).hasSize(30).allSatisfy(pause -> assertThat(pause).isBetween(50L, 150L));
    }

    @Test
    void timesOutAfterTheTimeoutWhenTheLatencyExceedsIt() {
        SimulatedPaymentGateway gateway = gateway(AdapterSettings.reliable().withLatency(500, 500).withTimeout(200));

        assertThatThrownBy(() -> gateway.authorize(key(1), AMOUNT)).isInstanceOf(PaymentGatewayException.class)
                .hasMessage("payment provider authorize timed out after 200 ms");
        assertThat(latency.pauses).containsExactly(200L);
    }

    @Test
    void keepsTheDecisionOfATimedOutAuthorizationLikeARealProvider() {
        SimulationControl control = new SimulationControl(SimulationSettings.reliable()
                .withPayment(AdapterSettings.reliable().withLatency(500, 500).withTimeout(200)));
        SimulatedPaymentGateway gateway = gateway(control);
        assertThatThrownBy(() -> gateway.authorize(key(1), AMOUNT)).isInstanceOf(PaymentGatewayException.class);

        control.update(SimulationSettings.reliable().withPayment(AdapterSettings.reliable().withRejectionRate(1)));

        assertThat(gateway.authorize(key(1), AMOUNT)).isInstanceOf(AuthorizationResult.Approved.class);
    }

    @Test
    void reportsAnInterruptedWaitAsATechnicalFailure() {
        SimulatedPaymentGateway gateway = new SimulatedPaymentGateway(new SimulationControl(SimulationSettings.reliable()),
                millis -> {
                    throw new InterruptedException();
                });
        try {
            assertThatThrownBy(() -> gateway.authorize(key(1), AMOUNT)).isInstanceOf(PaymentGatewayException.class)
                    .hasMessageContaining("interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void recordsEachRefundOnceAndAnswersARepeatWithTheSameReference() {
        SimulatedPaymentGateway gateway = gateway(AdapterSettings.reliable());
        AuthorizationResult.Approved authorization = (AuthorizationResult.Approved) gateway.authorize(key(1), AMOUNT);

        String reference = gateway.refund(key(1), authorization.authorizationCode(), AMOUNT);
        String repeated = gateway.refund(key(1), authorization.authorizationCode(), AMOUNT);

        assertThat(repeated).isEqualTo(reference).startsWith("RF-");
        assertThat(gateway.refundCount()).isEqualTo(1);
        assertThat(gateway.refunds()).containsExactly(new SimulatedPaymentGateway.SimulatedRefund(key(1),
                authorization.authorizationCode(), AMOUNT, reference));
    }

    @Test
    void declinesAuthorizationOfAVoidedKey() {
        SimulatedPaymentGateway gateway = gateway(AdapterSettings.reliable());

        gateway.voidAuthorization(key(1));

        assertThat(gateway.authorize(key(1), AMOUNT))
                .isEqualTo(AuthorizationResult.declined(SimulatedPaymentGateway.VOIDED_REASON));
    }
}
