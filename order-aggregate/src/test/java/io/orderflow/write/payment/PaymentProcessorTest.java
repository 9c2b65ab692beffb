package io.orderflow.write.payment;

import static io.orderflow.write.payment.ScriptedPaymentGateway.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.api.common.Money;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.payment.AuthorizePaymentCommand;
import io.orderflow.api.payment.PaymentAuthorizedEvent;
import io.orderflow.api.payment.PaymentDeclinedEvent;
import io.orderflow.api.payment.PaymentFailedEvent;
import io.orderflow.api.payment.PaymentId;
import io.orderflow.api.payment.PaymentRefundedEvent;
import io.orderflow.api.payment.PaymentVoidedEvent;
import io.orderflow.api.payment.RefundPaymentCommand;
import io.orderflow.write.support.BusinessErrorInterceptor;
import io.orderflow.write.support.RetriesExhaustedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every command path of {@link PaymentProcessor} and {@link Payment} (see the idempotency table). */
class PaymentProcessorTest {

    private static final OrderId ORDER = OrderId.of("3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a");
    private static final PaymentId PAYMENT = PaymentId.forOrder(ORDER);
    private static final Money AMOUNT = Money.of("44.98", "EUR");
    private static final PaymentAuthorizedEvent AUTHORIZED = new PaymentAuthorizedEvent(PAYMENT, ORDER, AMOUNT, "AUTH-7");

    private final ScriptedPaymentGateway gateway = new ScriptedPaymentGateway();
    private final List<Long> backoffs = new ArrayList<>();
    private FixtureConfiguration<Payment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Payment.class);
        fixture.registerAnnotatedCommandHandler(new PaymentProcessor(fixture.getRepository(), gateway,
                new PaymentProperties(3, Duration.ofMillis(100)), backoffs::add));
        fixture.registerCommandHandlerInterceptor(new BusinessErrorInterceptor());
    }

    static Stream<Arguments> everyPaymentHistory() {
        return Stream.of(
                Arguments.of("authorized", List.of(AUTHORIZED)),
                Arguments.of("declined", List.of(new PaymentDeclinedEvent(PAYMENT, ORDER, AMOUNT, "no funds"))),
                Arguments.of("failed", List.of(new PaymentFailedEvent(PAYMENT, ORDER, "timed out", 3))),
                Arguments.of("voided", List.of(new PaymentVoidedEvent(PAYMENT, ORDER, "cancelled"))),
                Arguments.of("refunded", List.of(AUTHORIZED,
                        new PaymentRefundedEvent(PAYMENT, ORDER, AMOUNT, "RF-1", "cancelled"))));
    }

    static Stream<Arguments> everyPaymentHistoryWithoutAuthorizationHeld() {
        return everyPaymentHistory().filter(arguments -> !arguments.get()[0].equals("authorized"));
    }

    @Nested
    class Authorization {

        private final AuthorizePaymentCommand authorize = new AuthorizePaymentCommand(PAYMENT, ORDER, AMOUNT);

        @Test
        void recordsTheAuthorizationTheProviderApproved() {
            fixture.givenNoPriorActivity()
                    .when(authorize)
                    .expectEvents(new PaymentAuthorizedEvent(PAYMENT, ORDER, AMOUNT, "AUTH-1"))
                    .expectState(payment -> assertThat(payment.status()).isEqualTo(PaymentStatus.AUTHORIZED));
            assertThat(gateway.authorizeCalls).containsExactly(PAYMENT);
            assertThat(backoffs).isEmpty();
        }

        @Test
        void recordsADeclineAsAnEventNotAnException() {
            gateway.authorizeAnswers(() -> AuthorizationResult.declined("insufficient funds"));

            fixture.givenNoPriorActivity()
                    .when(authorize)
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new PaymentDeclinedEvent(PAYMENT, ORDER, AMOUNT, "insufficient funds"));
        }

        @Test
        void retriesTechnicalFailuresWithBackoffBeforeRecordingTheAnswer() {
            gateway.authorizeAnswers(failure("connection reset"), failure("timed out"),
                    () -> AuthorizationResult.approved("AUTH-3"));

            fixture.givenNoPriorActivity()
                    .when(authorize)
                    .expectEvents(new PaymentAuthorizedEvent(PAYMENT, ORDER, AMOUNT, "AUTH-3"));
            assertThat(gateway.authorizeCalls).hasSize(3);
            assertThat(backoffs).containsExactly(100L, 200L);
        }

        @Test
        void recordsFailureAfterTheLastAttemptAndVoidsAnyAuthorizationTheProviderMayHold() {
            gateway.authorizeAnswers(failure("timed out"));

            fixture.givenNoPriorActivity()
                    .when(authorize)
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new PaymentFailedEvent(PAYMENT, ORDER, "timed out", 3))
                    .expectState(payment -> assertThat(payment.status()).isEqualTo(PaymentStatus.FAILED));
            assertThat(gateway.authorizeCalls).hasSize(3);
            assertThat(gateway.voidCalls).containsExactly(PAYMENT);
        }

        @Test
        void recordsFailureEvenWhenTheVoidFailsToo() {
            gateway.authorizeAnswers(failure("down")).voidAnswers(() -> {
                throw new PaymentGatewayException("still down");
            });

            fixture.givenNoPriorActivity()
                    .when(authorize)
                    .expectEvents(new PaymentFailedEvent(PAYMENT, ORDER, "down", 3));
        }

        @Test
        void doesNotRetryUnexpectedErrors() {
            gateway.authorizeAnswers(() -> {
                throw new IllegalStateException("bug in adapter");
            });

            fixture.givenNoPriorActivity()
                    .when(authorize)
                    .expectException(IllegalStateException.class)
                    .expectNoEvents();
            assertThat(gateway.authorizeCalls).hasSize(1);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.orderflow.write.payment.PaymentProcessorTest#everyPaymentHistory")
        void changesNothingAndNeverCallsTheProviderAgainWhenThePaymentExists(String status, List<Object> history) {
            fixture.given(history)
                    .when(authorize)
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
            assertThat(gateway.authorizeCalls).isEmpty();
        }
    }

    @Nested
    class Refund {

        private final RefundPaymentCommand refund = new RefundPaymentCommand(PAYMENT, ORDER, "order cancelled");

        @Test
        void refundsTheAuthorizedAmountAtTheProvider() {
            fixture.given(AUTHORIZED)
                    .when(refund)
                    .expectEvents(new PaymentRefundedEvent(PAYMENT, ORDER, AMOUNT, "RF-1", "order cancelled"))
                    .expectState(payment -> assertThat(payment.status()).isEqualTo(PaymentStatus.REFUNDED));
            assertThat(gateway.refundCalls).containsExactly(
                    new ScriptedPaymentGateway.RefundCall(PAYMENT, "AUTH-7", AMOUNT));
        }

        @Test
        void retriesTechnicalFailuresOfTheRefund() {
            gateway.refundAnswers(failure("timed out"), () -> "RF-2");

            fixture.given(AUTHORIZED)
                    .when(refund)
                    .expectEvents(new PaymentRefundedEvent(PAYMENT, ORDER, AMOUNT, "RF-2", "order cancelled"));
            assertThat(backoffs).containsExactly(100L);
        }

        @Test
        void failsWithoutRecordingAnythingWhenTheProviderIsDownOnEveryAttempt() {
            gateway.refundAnswers(failure("down"));

            fixture.given(AUTHORIZED)
                    .when(refund)
                    .expectException(RetriesExhaustedException.class)
                    .expectNoEvents();
            assertThat(gateway.refundCalls).hasSize(3);
        }

        @Test
        void voidsAtTheProviderWhenNoPaymentWasRecordedYet() {
            fixture.givenNoPriorActivity()
                    .when(refund)
                    .expectEvents(new PaymentVoidedEvent(PAYMENT, ORDER, "order cancelled"))
                    .expectState(payment -> assertThat(payment.status()).isEqualTo(PaymentStatus.VOIDED));
            assertThat(gateway.voidCalls).containsExactly(PAYMENT);
        }

        @Test
        void failsWithoutRecordingAnythingWhenTheVoidFailsOnEveryAttempt() {
            gateway.voidAnswers(() -> {
                throw new PaymentGatewayException("down");
            });

            fixture.givenNoPriorActivity()
                    .when(refund)
                    .expectException(RetriesExhaustedException.class)
                    .expectNoEvents();
            assertThat(gateway.voidCalls).hasSize(3);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.orderflow.write.payment.PaymentProcessorTest#everyPaymentHistoryWithoutAuthorizationHeld")
        void changesNothingWhenNoAuthorizationIsHeld(String status, List<Object> history) {
            fixture.given(history)
                    .when(refund)
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
            assertThat(gateway.refundCalls).isEmpty();
            assertThat(gateway.voidCalls).isEmpty();
        }
    }
}
