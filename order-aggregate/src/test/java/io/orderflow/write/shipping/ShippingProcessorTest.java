package io.orderflow.write.shipping;

import static io.orderflow.write.shipping.ScriptedCarrier.cancelFailure;
import static io.orderflow.write.shipping.ScriptedCarrier.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.api.inventory.Sku;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.order.OrderLine;
import io.orderflow.api.order.ShippingAddress;
import io.orderflow.api.shipping.CancelShipmentCommand;
import io.orderflow.api.shipping.ScheduleShipmentCommand;
import io.orderflow.api.shipping.ShipmentCancelledEvent;
import io.orderflow.api.shipping.ShipmentFailedEvent;
import io.orderflow.api.shipping.ShipmentId;
import io.orderflow.api.shipping.ShipmentScheduledEvent;
import io.orderflow.write.support.BusinessErrorInterceptor;
import io.orderflow.write.support.RetriesExhaustedException;
import java.math.BigDecimal;
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

/** Every command path of {@link ShippingProcessor} and {@link Shipment} (see the idempotency table). */
class ShippingProcessorTest {

    private static final OrderId ORDER = OrderId.of("7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918");
    private static final ShipmentId SHIPMENT = ShipmentId.forOrder(ORDER);
    private static final ShippingAddress ADDRESS = new ShippingAddress("Ada Lovelace", "1 Analytical Way", "London",
            "N1 9GU", "GB");
    private static final List<OrderLine> LINES = List.of(new OrderLine(new Sku("WIDGET-1"), 2, BigDecimal.TEN));
    private static final ShipmentScheduledEvent SCHEDULED = new ShipmentScheduledEvent(SHIPMENT, ORDER, "Test Post",
            "TP-7");

    private final ScriptedCarrier carrier = new ScriptedCarrier();
    private final List<Long> backoffs = new ArrayList<>();
    private FixtureConfiguration<Shipment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Shipment.class);
        fixture.registerAnnotatedCommandHandler(new ShippingProcessor(fixture.getRepository(), carrier,
                new ShippingProperties(3, Duration.ofMillis(100)), backoffs::add));
        fixture.registerCommandHandlerInterceptor(new BusinessErrorInterceptor());
    }

    static Stream<Arguments> everyShipmentHistory() {
        return Stream.of(
                Arguments.of("scheduled", List.of(SCHEDULED)),
                Arguments.of("refused", List.of(new ShipmentFailedEvent(SHIPMENT, ORDER, "not served", false, 1))),
                Arguments.of("failed", List.of(new ShipmentFailedEvent(SHIPMENT, ORDER, "timed out", true, 3))),
                Arguments.of("cancelled before booking", List.of(new ShipmentCancelledEvent(SHIPMENT, ORDER, "x"))),
                Arguments.of("cancelled", List.of(SCHEDULED, new ShipmentCancelledEvent(SHIPMENT, ORDER, "x"))));
    }

    static Stream<Arguments> everyShipmentHistoryWithoutBooking() {
        return everyShipmentHistory().filter(arguments -> !arguments.get()[0].equals("scheduled"));
    }

    @Nested
    class Scheduling {

        private final ScheduleShipmentCommand schedule = new ScheduleShipmentCommand(SHIPMENT, ORDER, ADDRESS, LINES);

        @Test
        void recordsTheBookingTheCarrierMade() {
            fixture.givenNoPriorActivity()
                    .when(schedule)
                    .expectEvents(new ShipmentScheduledEvent(SHIPMENT, ORDER, "Test Post", "TP-1"))
                    .expectState(shipment -> assertThat(shipment.status()).isEqualTo(ShipmentStatus.SCHEDULED));
            assertThat(carrier.bookCalls).containsExactly(SHIPMENT);
        }

        @Test
        void recordsARefusalAsANonTechnicalFailure() {
            carrier.bookAnswers(() -> BookingResult.refused("address not served"));

            fixture.givenNoPriorActivity()
                    .when(schedule)
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ShipmentFailedEvent(SHIPMENT, ORDER, "address not served", false, 1))
                    .expectState(shipment -> assertThat(shipment.status()).isEqualTo(ShipmentStatus.FAILED));
        }

        @Test
        void countsTheAttemptsThatLedToARefusal() {
            carrier.bookAnswers(failure("timed out"), () -> BookingResult.refused("address not served"));

            fixture.givenNoPriorActivity()
                    .when(schedule)
                    .expectEvents(new ShipmentFailedEvent(SHIPMENT, ORDER, "address not served", false, 2));
            assertThat(backoffs).containsExactly(100L);
        }

        @Test
        void retriesTechnicalFailuresWithBackoffBeforeRecordingTheBooking() {
            carrier.bookAnswers(failure("connection reset"), failure("timed out"),
                    () -> BookingResult.booked("Test Post", "TP-3"));

            fixture.givenNoPriorActivity()
                    .when(schedule)
                    .expectEvents(new ShipmentScheduledEvent(SHIPMENT, ORDER, "Test Post", "TP-3"));
            assertThat(backoffs).containsExactly(100L, 200L);
        }

        @Test
        void recordsTechnicalFailureAfterTheLastAttemptAndCancelsAnyBookingTheCarrierMayHold() {
            carrier.bookAnswers(failure("timed out"));

            fixture.givenNoPriorActivity()
                    .when(schedule)
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ShipmentFailedEvent(SHIPMENT, ORDER, "timed out", true, 3));
            assertThat(carrier.bookCalls).hasSize(3);
            assertThat(carrier.cancelCalls).containsExactly(new ScriptedCarrier.CancelCall(SHIPMENT, null));
        }

        @Test
        void recordsTechnicalFailureEvenWhenTheCancellationFailsToo() {
            carrier.bookAnswers(failure("down")).cancelAnswers(cancelFailure("still down"));

            fixture.givenNoPriorActivity()
                    .when(schedule)
                    .expectEvents(new ShipmentFailedEvent(SHIPMENT, ORDER, "down", true, 3));
        }

        @Test
        void doesNotRetryUnexpectedErrors() {
            carrier.bookAnswers(() -> {
                throw new IllegalStateException("bug in adapter");
            });

            fixture.givenNoPriorActivity()
                    .when(schedule)
                    .expectException(IllegalStateException.class)
                    .expectNoEvents();
            assertThat(carrier.bookCalls).hasSize(1);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.orderflow.write.shipping.ShippingProcessorTest#everyShipmentHistory")
        void changesNothingAndNeverCallsTheCarrierAgainWhenTheShipmentExists(String status, List<Object> history) {
            fixture.given(history)
                    .when(schedule)
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
            assertThat(carrier.bookCalls).isEmpty();
        }
    }

    @Nested
    class Cancellation {

        private final CancelShipmentCommand cancel = new CancelShipmentCommand(SHIPMENT, ORDER, "payment declined");

        @Test
        void cancelsTheBookingAtTheCarrier() {
            fixture.given(SCHEDULED)
                    .when(cancel)
                    .expectEvents(new ShipmentCancelledEvent(SHIPMENT, ORDER, "payment declined"))
                    .expectState(shipment -> assertThat(shipment.status()).isEqualTo(ShipmentStatus.CANCELLED));
            assertThat(carrier.cancelCalls).containsExactly(new ScriptedCarrier.CancelCall(SHIPMENT, "TP-7"));
        }

        @Test
        void retriesTechnicalFailuresOfTheCancellation() {
            carrier.cancelAnswers(cancelFailure("timed out"), () -> {
            });

            fixture.given(SCHEDULED)
                    .when(cancel)
                    .expectEvents(new ShipmentCancelledEvent(SHIPMENT, ORDER, "payment declined"));
            assertThat(carrier.cancelCalls).hasSize(2);
        }

        @Test
        void failsWithoutRecordingAnythingWhenTheCarrierIsDownOnEveryAttempt() {
            carrier.cancelAnswers(cancelFailure("down"));

            fixture.given(SCHEDULED)
                    .when(cancel)
                    .expectException(RetriesExhaustedException.class)
                    .expectNoEvents();
            assertThat(carrier.cancelCalls).hasSize(3);
        }

        @Test
        void cancelsAtTheCarrierAndRecordsCancellationWhenNothingWasBookedYet() {
            fixture.givenNoPriorActivity()
                    .when(cancel)
                    .expectEvents(new ShipmentCancelledEvent(SHIPMENT, ORDER, "payment declined"))
                    .expectState(shipment -> assertThat(shipment.status()).isEqualTo(ShipmentStatus.CANCELLED));
            assertThat(carrier.cancelCalls).containsExactly(new ScriptedCarrier.CancelCall(SHIPMENT, null));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.orderflow.write.shipping.ShippingProcessorTest#everyShipmentHistoryWithoutBooking")
        void changesNothingWhenNoBookingIsHeld(String status, List<Object> history) {
            fixture.given(history)
                    .when(cancel)
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
            assertThat(carrier.cancelCalls).isEmpty();
        }
    }
}
