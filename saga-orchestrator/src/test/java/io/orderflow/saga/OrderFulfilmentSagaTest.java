package io.orderflow.saga;

import static io.orderflow.saga.OrderFulfilmentSaga.COMPENSATION_DEADLINE;
import static io.orderflow.saga.OrderFulfilmentSaga.COMPLETION_DEADLINE;
import static io.orderflow.saga.OrderFulfilmentSaga.PAYMENT_DEADLINE;
import static io.orderflow.saga.OrderFulfilmentSaga.SAGA_DEADLINE;
import static io.orderflow.saga.OrderFulfilmentSaga.SHIPMENT_DEADLINE;
import static io.orderflow.saga.OrderFulfilmentSaga.STOCK_RESERVATION_DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.orderflow.api.common.Money;
import io.orderflow.api.inventory.CommitStockCommand;
import io.orderflow.api.inventory.ReleaseStockCommand;
import io.orderflow.api.inventory.ReserveStockCommand;
import io.orderflow.api.inventory.Sku;
import io.orderflow.api.inventory.StockCommittedEvent;
import io.orderflow.api.inventory.StockReleasedEvent;
import io.orderflow.api.inventory.StockReservationRejectedEvent;
import io.orderflow.api.inventory.StockReservedEvent;
import io.orderflow.api.order.CancelOrderCommand;
import io.orderflow.api.order.CompleteOrderCommand;
import io.orderflow.api.order.CustomerId;
import io.orderflow.api.order.FailureReason;
import io.orderflow.api.order.MarkOrderPaymentAuthorizedCommand;
import io.orderflow.api.order.MarkOrderShipmentScheduledCommand;
import io.orderflow.api.order.MarkOrderStockReservedCommand;
import io.orderflow.api.order.OrderCancellationRequestedEvent;
import io.orderflow.api.order.OrderCancelledEvent;
import io.orderflow.api.order.OrderCompletedEvent;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.order.OrderLine;
import io.orderflow.api.order.OrderPlacedEvent;
import io.orderflow.api.order.OrderRejectedEvent;
import io.orderflow.api.order.OrderShipmentScheduledEvent;
import io.orderflow.api.order.OrderStatus;
import io.orderflow.api.order.ReasonCode;
import io.orderflow.api.order.RejectOrderCommand;
import io.orderflow.api.order.ShippingAddress;
import io.orderflow.api.payment.AuthorizePaymentCommand;
import io.orderflow.api.payment.PaymentAuthorizedEvent;
import io.orderflow.api.payment.PaymentDeclinedEvent;
import io.orderflow.api.payment.PaymentFailedEvent;
import io.orderflow.api.payment.PaymentId;
import io.orderflow.api.payment.PaymentRefundedEvent;
import io.orderflow.api.payment.PaymentVoidedEvent;
import io.orderflow.api.payment.RefundPaymentCommand;
import io.orderflow.api.shipping.CancelShipmentCommand;
import io.orderflow.api.shipping.ScheduleShipmentCommand;
import io.orderflow.api.shipping.ShipmentCancelledEvent;
import io.orderflow.api.shipping.ShipmentFailedEvent;
import io.orderflow.api.shipping.ShipmentId;
import io.orderflow.api.shipping.ShipmentScheduledEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.Message;
import org.axonframework.test.saga.ContinuedGivenState;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every branch of the {@link OrderFulfilmentSaga}, stage by stage: what the saga sends for each
 * reply, each timeout and each late or repeated message. Read it next to the saga's step table.
 *
 * <p>Deadlines: by default the saga keeps one {@value OrderFulfilmentSaga#SAGA_DEADLINE} deadline.
 * Every story starts at {@link #PLACED_AT} and, unless time elapses, all its events happen then, so
 * the deadline armed when the order was placed (the stock timeout, the shortest) is still the
 * outstanding one in the later stages; it fires early and is armed again for the stage's due time.
 * {@link OneDeadlinePerSaga} pins that behaviour; {@link DeadlinePerStage} the one of
 * {@code orderflow.saga.deadline-per-stage}.
 */
class OrderFulfilmentSagaTest {

    private static final SagaTimeouts TIMEOUTS = SagaTimeouts.defaults();

    private static final OrderId ORDER_ID = OrderId.of("1b4e28ba-2fa1-11d2-883f-0016d3cca427");
    private static final PaymentId PAYMENT_ID = PaymentId.forOrder(ORDER_ID);
    private static final ShipmentId SHIPMENT_ID = ShipmentId.forOrder(ORDER_ID);
    private static final CustomerId CUSTOMER = new CustomerId("customer-42");
    private static final ShippingAddress ADDRESS =
            new ShippingAddress("Ada Lovelace", "12 St James's Square", "London", "SW1Y 4JH", "GB");
    private static final Instant PLACED_AT = Instant.parse("2025-01-15T10:00:00Z");

    private static final Sku APPLE = new Sku("APPLE");
    private static final Sku BANANA = new Sku("BANANA");
    private static final Sku CHERRY = new Sku("CHERRY");
    private static final OrderLine APPLE_LINE = new OrderLine(APPLE, 2, new BigDecimal("1.50"));
    private static final OrderLine BANANA_LINE = new OrderLine(BANANA, 1, new BigDecimal("0.40"));
    private static final OrderLine CHERRY_LINE = new OrderLine(CHERRY, 3, new BigDecimal("2.00"));

    /** One line: apples. */
    private static final OrderPlacedEvent SINGLE_LINE_ORDER = placed(APPLE_LINE);
    /** Three lines, deliberately not in SKU order. */
    private static final OrderPlacedEvent THREE_LINE_ORDER = placed(CHERRY_LINE, APPLE_LINE, BANANA_LINE);
    private static final Money SINGLE_LINE_TOTAL = SINGLE_LINE_ORDER.total();
    private static final FailureReason PAYMENT_DECLINED_REASON =
            new FailureReason(ReasonCode.PAYMENT_DECLINED, "insufficient funds");

    private SagaTestFixture<OrderFulfilmentSaga> fixture;
    private FixtureClock clock;
    /** Every deadline the saga scheduled, in order (the message's timestamp is its due time). */
    private final List<DeadlineMessage<?>> scheduled = new CopyOnWriteArrayList<>();
    /** How many of them were scheduled before the fixture's "when" phase began. */
    private int scheduledBeforeWhen;

    @BeforeEach
    void setUp() {
        clock = FixtureClock.install(() -> fixture);
        useTimeouts(TIMEOUTS);
    }

    @AfterEach
    void restoreAxonClock() {
        clock.close();
    }

    /** A fresh fixture whose saga gets these timeouts. */
    private void useTimeouts(SagaTimeouts timeouts) {
        fixture = new SagaTestFixture<>(OrderFulfilmentSaga.class);
        fixture.registerResource(timeouts);
        fixture.registerDeadlineDispatchInterceptor(messages -> (index, deadline) -> {
            scheduled.add(deadline);
            return deadline;
        });
        fixture.registerStartRecordingCallback(() -> scheduledBeforeWhen = scheduled.size());
    }

    @Nested
    class HappyPath {

        @Test
        void reservesEveryLineSortedBySkuWhenOrderIsPlaced() {
            fixture.givenCurrentTime(PLACED_AT)
                    .whenPublishingA(THREE_LINE_ORDER)
                    .expectActiveSagas(1)
                    .expectAssociationWith("orderId", ORDER_ID.toString())
                    .expectDispatchedCommands(
                            new ReserveStockCommand(APPLE, ORDER_ID, 2),
                            new ReserveStockCommand(BANANA, ORDER_ID, 1),
                            new ReserveStockCommand(CHERRY, ORDER_ID, 3))
                    .expectScheduledDeadlineWithName(TIMEOUTS.stockTimeout(), SAGA_DEADLINE);
        }

        @Test
        void reservesLinesOfTheSameSkuAsOneReservation() {
            fixture.givenCurrentTime(PLACED_AT)
                    .whenPublishingA(placed(APPLE_LINE, new OrderLine(APPLE, 5, new BigDecimal("1.50"))))
                    .expectDispatchedCommands(new ReserveStockCommand(APPLE, ORDER_ID, 7));
        }

        @Test
        void waitsForEveryLineBeforeAuthorisingPayment() {
            given(THREE_LINE_ORDER, reserved(CHERRY))
                    .whenPublishingA(reserved(APPLE))
                    .expectNoDispatchedCommands();
        }

        @Test
        void authorisesPaymentOnceTheLastLineIsReserved() {
            given(THREE_LINE_ORDER, reserved(CHERRY), reserved(APPLE))
                    .whenPublishingA(reserved(BANANA))
                    .expectDispatchedCommands(
                            new MarkOrderStockReservedCommand(ORDER_ID),
                            new AuthorizePaymentCommand(PAYMENT_ID, ORDER_ID, THREE_LINE_ORDER.total()))
                    .expectScheduledDeadlineWithName(TIMEOUTS.stockTimeout(), SAGA_DEADLINE)
                    .expectNoScheduledDeadlineWithName(TIMEOUTS.paymentTimeout(), SAGA_DEADLINE);
        }

        @Test
        void schedulesShipmentWhenPaymentIsAuthorised() {
            given(stockReserved())
                    .whenPublishingA(paymentAuthorized())
                    .expectDispatchedCommands(
                            new MarkOrderPaymentAuthorizedCommand(ORDER_ID, PAYMENT_ID, SINGLE_LINE_TOTAL),
                            new ScheduleShipmentCommand(SHIPMENT_ID, ORDER_ID, ADDRESS, List.of(APPLE_LINE)))
                    .expectScheduledDeadlineWithName(TIMEOUTS.stockTimeout(), SAGA_DEADLINE)
                    .expectNoScheduledDeadlineWithName(TIMEOUTS.shipmentTimeout(), SAGA_DEADLINE);
        }

        @Test
        void asksTheOrderToPassThePointOfNoReturnWhenTheCarrierBooked() {
            given(paymentAuthorizedStage())
                    .whenPublishingA(shipmentScheduled())
                    .expectDispatchedCommands(new MarkOrderShipmentScheduledCommand(ORDER_ID, SHIPMENT_ID, "TRACK-1"))
                    .expectScheduledDeadlineWithName(TIMEOUTS.stockTimeout(), SAGA_DEADLINE)
                    .expectNoScheduledDeadlineWithName(TIMEOUTS.completionTimeout(), SAGA_DEADLINE);
        }

        @Test
        void commitsTheStockOfEveryLineOnceTheOrderAcceptedTheShipment() {
            given(concat(threeLinesStockReserved(), paymentAuthorized(), shipmentScheduled()))
                    .whenPublishingA(orderShipmentScheduled())
                    .expectDispatchedCommands(
                            new CommitStockCommand(APPLE, ORDER_ID),
                            new CommitStockCommand(BANANA, ORDER_ID),
                            new CommitStockCommand(CHERRY, ORDER_ID))
                    .expectScheduledDeadlineWithName(TIMEOUTS.stockTimeout(), SAGA_DEADLINE);
        }

        @Test
        void completesTheOrderOnlyOnceEveryLineIsCommitted() {
            given(concat(threeLinesStockReserved(), paymentAuthorized(), shipmentScheduled(),
                    orderShipmentScheduled(), committed(APPLE), committed(CHERRY)))
                    .whenPublishingA(committed(BANANA))
                    .expectDispatchedCommands(new CompleteOrderCommand(ORDER_ID))
                    .expectScheduledDeadlineWithName(TIMEOUTS.stockTimeout(), SAGA_DEADLINE);
        }

        @Test
        void endsWithoutOutstandingDeadlinesWhenTheOrderIsCompleted() {
            given(concat(pointOfNoReturn(), committed(APPLE)))
                    .whenPublishingA(new OrderCompletedEvent(ORDER_ID))
                    .expectActiveSagas(0)
                    .expectNoDispatchedCommands()
                    .expectNoScheduledDeadlines();
        }

        @Test
        void runsASingleLineOrderFromPlacementToCompletionInStepOrder() {
            given(concat(pointOfNoReturn(), committed(APPLE)));

            assertThat(dispatchedSoFar()).containsExactly(
                    new ReserveStockCommand(APPLE, ORDER_ID, 2),
                    new MarkOrderStockReservedCommand(ORDER_ID),
                    new AuthorizePaymentCommand(PAYMENT_ID, ORDER_ID, SINGLE_LINE_TOTAL),
                    new MarkOrderPaymentAuthorizedCommand(ORDER_ID, PAYMENT_ID, SINGLE_LINE_TOTAL),
                    new ScheduleShipmentCommand(SHIPMENT_ID, ORDER_ID, ADDRESS, List.of(APPLE_LINE)),
                    new MarkOrderShipmentScheduledCommand(ORDER_ID, SHIPMENT_ID, "TRACK-1"),
                    new CommitStockCommand(APPLE, ORDER_ID),
                    new CompleteOrderCommand(ORDER_ID));
        }
    }

    @Nested
    class OutOfStock {

        @Test
        void rejectsASingleLineOrderWithoutReleasingTheRefusedLine() {
            given(SINGLE_LINE_ORDER)
                    .whenPublishingA(rejected(APPLE, 2, 1))
                    .expectDispatchedCommands(new RejectOrderCommand(ORDER_ID,
                            new FailureReason(ReasonCode.OUT_OF_STOCK,
                                    "SKU APPLE: requested 2, available 1 (insufficient stock)")))
                    .expectScheduledDeadlineWithName(TIMEOUTS.stockTimeout(), SAGA_DEADLINE)
                    .expectNoScheduledDeadlineWithName(TIMEOUTS.compensationTimeout(), SAGA_DEADLINE);
        }

        @Test
        void releasesTheReservedAndThePendingLinesWhenOneLineOfThreeIsRefused() {
            given(THREE_LINE_ORDER, reserved(APPLE))
                    .whenPublishingA(rejected(BANANA, 1, 0))
                    .expectDispatchedCommands(
                            new ReleaseStockCommand(APPLE, ORDER_ID),
                            new ReleaseStockCommand(CHERRY, ORDER_ID))
                    .expectScheduledDeadlineWithName(TIMEOUTS.stockTimeout(), SAGA_DEADLINE)
                    .expectNoScheduledDeadlineWithName(TIMEOUTS.compensationTimeout(), SAGA_DEADLINE);
        }

        @Test
        void waitsForEveryReleaseBeforeRejecting() {
            given(THREE_LINE_ORDER, reserved(APPLE), rejected(BANANA, 1, 0))
                    .whenPublishingA(released(APPLE, 2))
                    .expectNoDispatchedCommands();
        }

        @Test
        void rejectsTheOrderWithTheRefusedSkuOnceEveryStartedLineIsReleased() {
            given(THREE_LINE_ORDER, reserved(APPLE), rejected(BANANA, 1, 0), released(APPLE, 2))
                    .whenPublishingA(released(CHERRY, 0))
                    .expectDispatchedCommands(new RejectOrderCommand(ORDER_ID, outOfStockOnBanana()))
                    .expectScheduledDeadlineWithName(TIMEOUTS.stockTimeout(), SAGA_DEADLINE);
        }

        @Test
        void aLateReservationOfAPendingLineIsCoveredByTheReleaseAlreadySent() {
            given(THREE_LINE_ORDER, reserved(APPLE), rejected(BANANA, 1, 0))
                    .whenPublishingA(reserved(CHERRY))
                    .expectNoDispatchedCommands();
        }

        @Test
        void aLateReservationAfterItsReleaseWasAnsweredIsNotCountedTwice() {
            given(THREE_LINE_ORDER, reserved(APPLE), rejected(BANANA, 1, 0), released(CHERRY, 3), reserved(CHERRY))
                    .whenPublishingA(released(APPLE, 2))
                    .expectDispatchedCommands(new RejectOrderCommand(ORDER_ID, outOfStockOnBanana()));
        }

        @Test
        void aLateRefusalOfAPendingLineKeepsTheFirstReason() {
            given(THREE_LINE_ORDER, reserved(APPLE), rejected(BANANA, 1, 0), rejected(CHERRY, 3, 0),
                    released(CHERRY, 0))
                    .whenPublishingA(released(APPLE, 2))
                    .expectDispatchedCommands(new RejectOrderCommand(ORDER_ID, outOfStockOnBanana()));
        }

        @Test
        void endsWhenTheOrderIsRejected() {
            given(SINGLE_LINE_ORDER, rejected(APPLE, 2, 1))
                    .whenPublishingA(new OrderRejectedEvent(ORDER_ID, new FailureReason(ReasonCode.OUT_OF_STOCK, "-")))
                    .expectActiveSagas(0)
                    .expectNoDispatchedCommands()
                    .expectNoScheduledDeadlines();
        }

        private FailureReason outOfStockOnBanana() {
            return new FailureReason(ReasonCode.OUT_OF_STOCK,
                    "SKU BANANA: requested 1, available 0 (insufficient stock)");
        }
    }

    @Nested
    class StockReservationDeadline {

        @Test
        void doesNotFireBeforeTheStockTimeout() {
            given(THREE_LINE_ORDER, reserved(APPLE))
                    .whenTimeElapses(TIMEOUTS.stockTimeout().minusSeconds(1))
                    .expectNoDispatchedCommands()
                    .expectTriggeredDeadlinesWithName();
        }

        @Test
        void releasesEveryStartedLineWhenTheStockTimeoutPasses() {
            given(THREE_LINE_ORDER, reserved(APPLE))
                    .whenTimeElapses(TIMEOUTS.stockTimeout())
                    .expectTriggeredDeadlinesWithName(SAGA_DEADLINE)
                    .expectDispatchedCommands(
                            new ReleaseStockCommand(APPLE, ORDER_ID),
                            new ReleaseStockCommand(BANANA, ORDER_ID),
                            new ReleaseStockCommand(CHERRY, ORDER_ID))
                    .expectScheduledDeadlineWithName(TIMEOUTS.compensationTimeout(), SAGA_DEADLINE);
        }

        @Test
        void rejectsTheOrderWithStockReservationTimeoutOnceReleased() throws Exception {
            given(THREE_LINE_ORDER, reserved(APPLE))
                    .andThenTimeElapses(TIMEOUTS.stockTimeout())
                    .andThenAPublished(released(APPLE, 2))
                    .andThenAPublished(released(BANANA, 0))
                    .whenPublishingA(released(CHERRY, 0))
                    .expectDispatchedCommands(new RejectOrderCommand(ORDER_ID,
                            new FailureReason(ReasonCode.STOCK_RESERVATION_TIMEOUT,
                                    "no reply to the stock reservation of BANANA, CHERRY within PT10S")));
        }

        @Test
        void aReservationAfterTheTimeoutIsCoveredByTheReleaseAlreadySent() throws Exception {
            given(THREE_LINE_ORDER, reserved(APPLE))
                    .andThenTimeElapses(TIMEOUTS.stockTimeout())
                    .whenPublishingA(reserved(BANANA))
                    .expectNoDispatchedCommands();
        }
    }

    @Nested
    class PaymentDeclined {

        @Test
        void releasesTheStockWithoutARefundWhenThePaymentIsDeclined() {
            given(stockReserved())
                    .whenPublishingA(
                            paymentDeclined())
                    .expectDispatchedCommands(new ReleaseStockCommand(APPLE, ORDER_ID))
                    .expectScheduledDeadlineWithName(TIMEOUTS.stockTimeout(), SAGA_DEADLINE)
                    .expectNoScheduledDeadlineWithName(TIMEOUTS.compensationTimeout(), SAGA_DEADLINE);
        }

        @Test
        void cancelsTheOrderAsPaymentDeclinedOnceTheStockIsReleased() {
            given(concat(stockReserved(),
                    paymentDeclined()))
                    .whenPublishingA(released(APPLE, 2))
                    .expectDispatchedCommands(new CancelOrderCommand(ORDER_ID,
                            PAYMENT_DECLINED_REASON));
        }

        @Test
        void endsWhenTheOrderIsCancelled() {
            given(paymentDeclinedAndStockReleasedStage())
                    .whenPublishingA(new OrderCancelledEvent(ORDER_ID,
                            PAYMENT_DECLINED_REASON))
                    .expectActiveSagas(0)
                    .expectNoScheduledDeadlines();
        }
    }

    @Nested
    class PaymentFailed {

        @Test
        void releasesTheStockWithoutARefundWhenThePaymentProviderIsUnreachable() {
            given(stockReserved())
                    .whenPublishingA(new PaymentFailedEvent(PAYMENT_ID, ORDER_ID, "gateway timeout", 3))
                    .expectDispatchedCommands(new ReleaseStockCommand(APPLE, ORDER_ID));
        }

        @Test
        void cancelsTheOrderAsPaymentFailedOnceTheStockIsReleased() {
            given(concat(stockReserved(), new PaymentFailedEvent(PAYMENT_ID, ORDER_ID, "gateway timeout", 3)))
                    .whenPublishingA(released(APPLE, 2))
                    .expectDispatchedCommands(new CancelOrderCommand(ORDER_ID,
                            new FailureReason(ReasonCode.PAYMENT_FAILED, "gateway timeout (3 attempts)")));
        }
    }

    @Nested
    class PaymentDeadline {

        @Test
        void voidsThePaymentWhenThePaymentTimeoutPasses() {
            given(stockReserved())
                    .whenTimeElapses(TIMEOUTS.paymentTimeout())
                    // the first armed at the stock timeout, the second at the payment timeout
                    .expectTriggeredDeadlinesWithName(SAGA_DEADLINE, SAGA_DEADLINE)
                    .expectDispatchedCommands(new RefundPaymentCommand(PAYMENT_ID, ORDER_ID, "PAYMENT_TIMEOUT"))
                    .expectScheduledDeadlineWithName(TIMEOUTS.compensationTimeout(), SAGA_DEADLINE);
        }

        @Test
        void releasesTheStockOnceThePaymentIsVoided() throws Exception {
            given(stockReserved())
                    .andThenTimeElapses(TIMEOUTS.paymentTimeout())
                    .whenPublishingA(voided())
                    .expectDispatchedCommands(new ReleaseStockCommand(APPLE, ORDER_ID));
        }

        @Test
        void cancelsTheOrderAsPaymentTimeoutOnceTheStockIsReleased() throws Exception {
            given(stockReserved())
                    .andThenTimeElapses(TIMEOUTS.paymentTimeout())
                    .andThenAPublished(voided())
                    .whenPublishingA(released(APPLE, 2))
                    .expectDispatchedCommands(new CancelOrderCommand(ORDER_ID,
                            new FailureReason(ReasonCode.PAYMENT_TIMEOUT, "no payment outcome within PT30S")));
        }

        @Test
        void aDeclineInsteadOfTheVoidEndsThePaymentCompensation() throws Exception {
            given(stockReserved())
                    .andThenTimeElapses(TIMEOUTS.paymentTimeout())
                    .whenPublishingA(new PaymentDeclinedEvent(PAYMENT_ID, ORDER_ID, SINGLE_LINE_TOTAL, "too late"))
                    .expectDispatchedCommands(new ReleaseStockCommand(APPLE, ORDER_ID));
        }

        @Test
        void aLateAuthorisationIsCoveredByTheRefundAlreadySent() throws Exception {
            given(stockReserved())
                    .andThenTimeElapses(TIMEOUTS.paymentTimeout())
                    .whenPublishingA(paymentAuthorized())
                    .expectNoDispatchedCommands();
        }
    }

    @Nested
    class ShipmentFailed {

        @Test
        void refundsThePaymentWithoutCancellingAShipmentWhenTheCarrierRefuses() {
            given(paymentAuthorizedStage())
                    .whenPublishingA(shipmentFailed())
                    .expectDispatchedCommands(new RefundPaymentCommand(PAYMENT_ID, ORDER_ID, "SHIPMENT_FAILED"))
                    .expectScheduledDeadlineWithName(TIMEOUTS.stockTimeout(), SAGA_DEADLINE)
                    .expectNoScheduledDeadlineWithName(TIMEOUTS.compensationTimeout(), SAGA_DEADLINE);
        }

        @Test
        void releasesTheStockOnlyOnceThePaymentIsRefunded() {
            given(concat(paymentAuthorizedStage(), shipmentFailed()))
                    .whenPublishingA(refunded())
                    .expectDispatchedCommands(new ReleaseStockCommand(APPLE, ORDER_ID));
        }

        @Test
        void cancelsTheOrderAsShipmentFailedOnlyOnceTheStockIsReleased() {
            given(concat(paymentAuthorizedStage(), shipmentFailed(), refunded()))
                    .whenPublishingA(released(APPLE, 2))
                    .expectDispatchedCommands(new CancelOrderCommand(ORDER_ID,
                            new FailureReason(ReasonCode.SHIPMENT_FAILED, "address not served")));
        }

        @Test
        void compensatesByRefundThenReleaseThenCancelInThatOrder() {
            given(concat(paymentAuthorizedStage(), shipmentFailed(), refunded(), released(APPLE, 2)));

            List<Object> dispatched = dispatchedSoFar();
            assertThat(dispatched.subList(dispatched.size() - 3, dispatched.size())).containsExactly(
                    new RefundPaymentCommand(PAYMENT_ID, ORDER_ID, "SHIPMENT_FAILED"),
                    new ReleaseStockCommand(APPLE, ORDER_ID),
                    new CancelOrderCommand(ORDER_ID,
                            new FailureReason(ReasonCode.SHIPMENT_FAILED, "address not served")));
            assertThat(dispatched).doesNotHaveAnyElementsOfTypes(CancelShipmentCommand.class);
        }
    }

    @Nested
    class ShipmentDeadline {

        @Test
        void cancelsTheBookingInFlightWhenTheShipmentTimeoutPasses() {
            given(paymentAuthorizedStage())
                    .whenTimeElapses(TIMEOUTS.shipmentTimeout())
                    .expectTriggeredDeadlinesWithName(SAGA_DEADLINE, SAGA_DEADLINE)
                    .expectDispatchedCommands(new CancelShipmentCommand(SHIPMENT_ID, ORDER_ID, "SHIPMENT_TIMEOUT"))
                    .expectScheduledDeadlineWithName(TIMEOUTS.compensationTimeout(), SAGA_DEADLINE);
        }

        @Test
        void refundsThePaymentOnceTheShipmentIsCancelled() throws Exception {
            given(paymentAuthorizedStage())
                    .andThenTimeElapses(TIMEOUTS.shipmentTimeout())
                    .whenPublishingA(shipmentCancelled())
                    .expectDispatchedCommands(new RefundPaymentCommand(PAYMENT_ID, ORDER_ID, "SHIPMENT_TIMEOUT"));
        }

        @Test
        void aFailedBookingInsteadOfTheCancellationEndsTheShipmentCompensation() throws Exception {
            given(paymentAuthorizedStage())
                    .andThenTimeElapses(TIMEOUTS.shipmentTimeout())
                    .whenPublishingA(shipmentFailed())
                    .expectDispatchedCommands(new RefundPaymentCommand(PAYMENT_ID, ORDER_ID, "SHIPMENT_TIMEOUT"));
        }

        @Test
        void cancelsTheOrderAsShipmentTimeoutAfterUndoingShipmentPaymentAndStock() throws Exception {
            given(paymentAuthorizedStage())
                    .andThenTimeElapses(TIMEOUTS.shipmentTimeout())
                    .andThenAPublished(shipmentCancelled())
                    .andThenAPublished(refunded())
                    .whenPublishingA(released(APPLE, 2))
                    .expectDispatchedCommands(new CancelOrderCommand(ORDER_ID,
                            new FailureReason(ReasonCode.SHIPMENT_TIMEOUT,
                                    "no shipment booking outcome within PT30S")));
        }

        @Test
        void aLateBookingIsCoveredByTheCancellationAlreadySent() throws Exception {
            given(paymentAuthorizedStage())
                    .andThenTimeElapses(TIMEOUTS.shipmentTimeout())
                    .whenPublishingA(shipmentScheduled())
                    .expectNoDispatchedCommands();
        }
    }

    @Nested
    class CustomerCancellation {

        @Test
        void releasesEveryStartedLineWhenCancelledWhileReserving() {
            given(THREE_LINE_ORDER, reserved(APPLE))
                    .whenPublishingA(cancellationRequested(ReasonCode.CUSTOMER_CANCELLED, "changed my mind"))
                    .expectDispatchedCommands(
                            new ReleaseStockCommand(APPLE, ORDER_ID),
                            new ReleaseStockCommand(BANANA, ORDER_ID),
                            new ReleaseStockCommand(CHERRY, ORDER_ID))
                    .expectScheduledDeadlineWithName(TIMEOUTS.stockTimeout(), SAGA_DEADLINE)
                    .expectNoScheduledDeadlineWithName(TIMEOUTS.compensationTimeout(), SAGA_DEADLINE);
        }

        @Test
        void cancelsNotRejectsTheOrderWhenCancelledWhileReserving() {
            given(THREE_LINE_ORDER, reserved(APPLE),
                    cancellationRequested(ReasonCode.CUSTOMER_CANCELLED, "changed my mind"),
                    released(APPLE, 2), released(BANANA, 0))
                    .whenPublishingA(released(CHERRY, 0))
                    .expectDispatchedCommands(new CancelOrderCommand(ORDER_ID,
                            new FailureReason(ReasonCode.CUSTOMER_CANCELLED, "changed my mind")));
        }

        @Test
        void voidsThePaymentFirstWhenCancelledAfterStockWasReserved() {
            given(stockReserved())
                    .whenPublishingA(cancellationRequested(ReasonCode.CUSTOMER_CANCELLED, "changed my mind"))
                    .expectDispatchedCommands(new RefundPaymentCommand(PAYMENT_ID, ORDER_ID, "CUSTOMER_CANCELLED"))
                    .expectScheduledDeadlineWithName(TIMEOUTS.stockTimeout(), SAGA_DEADLINE)
                    .expectNoScheduledDeadlineWithName(TIMEOUTS.compensationTimeout(), SAGA_DEADLINE);
        }

        @Test
        void releasesTheStockAndCancelsOnceThePaymentIsVoidedWhileAwaitingPayment() {
            given(concat(stockReserved(), cancellationRequested(ReasonCode.CUSTOMER_CANCELLED, ""), voided(),
                    released(APPLE, 2)));

            List<Object> dispatched = dispatchedSoFar();
            assertThat(dispatched.subList(dispatched.size() - 3, dispatched.size())).containsExactly(
                    new RefundPaymentCommand(PAYMENT_ID, ORDER_ID, "CUSTOMER_CANCELLED"),
                    new ReleaseStockCommand(APPLE, ORDER_ID),
                    new CancelOrderCommand(ORDER_ID,
                            new FailureReason(ReasonCode.CUSTOMER_CANCELLED, "cancelled by the customer")));
        }

        @Test
        void cancelsTheShipmentInFlightFirstWhenCancelledAfterPaymentWasAuthorised() {
            given(paymentAuthorizedStage())
                    .whenPublishingA(cancellationRequested(ReasonCode.CUSTOMER_CANCELLED, "changed my mind"))
                    .expectDispatchedCommands(new CancelShipmentCommand(SHIPMENT_ID, ORDER_ID, "CUSTOMER_CANCELLED"))
                    .expectScheduledDeadlineWithName(TIMEOUTS.stockTimeout(), SAGA_DEADLINE);
        }

        @Test
        void undoesShipmentThenPaymentThenStockWhenCancelledAfterPaymentWasAuthorised() {
            given(concat(paymentAuthorizedStage(), cancellationRequested(ReasonCode.OPERATOR_CANCELLED, "fraud check"),
                    shipmentCancelled(), refunded(), released(APPLE, 2)));

            List<Object> dispatched = dispatchedSoFar();
            assertThat(dispatched.subList(dispatched.size() - 4, dispatched.size())).containsExactly(
                    new CancelShipmentCommand(SHIPMENT_ID, ORDER_ID, "OPERATOR_CANCELLED"),
                    new RefundPaymentCommand(PAYMENT_ID, ORDER_ID, "OPERATOR_CANCELLED"),
                    new ReleaseStockCommand(APPLE, ORDER_ID),
                    new CancelOrderCommand(ORDER_ID, new FailureReason(ReasonCode.OPERATOR_CANCELLED, "fraud check")));
        }

        @Test
        void cancelsTheBookedShipmentWhenTheCustomerWinsTheRaceToThePointOfNoReturn() {
            given(shipmentBookedStage())
                    .whenPublishingA(cancellationRequested(ReasonCode.CUSTOMER_CANCELLED, "changed my mind"))
                    .expectDispatchedCommands(new CancelShipmentCommand(SHIPMENT_ID, ORDER_ID, "CUSTOMER_CANCELLED"))
                    .expectScheduledDeadlineWithName(TIMEOUTS.stockTimeout(), SAGA_DEADLINE)
                    .expectNoScheduledDeadlineWithName(TIMEOUTS.compensationTimeout(), SAGA_DEADLINE);
        }

        @Test
        void waitsForTheOrderAndDoesNotCompensateWhenTheCancellationLosesTheRace() {
            // The order refused the cancellation (no event): the saga only waits for the order.
            given(shipmentBookedStage())
                    .whenPublishingA(orderShipmentScheduled())
                    .expectDispatchedCommands(new CommitStockCommand(APPLE, ORDER_ID))
                    .expectScheduledDeadlineWithName(TIMEOUTS.stockTimeout(), SAGA_DEADLINE);
        }

        @Test
        void ignoresACancellationRequestAfterThePointOfNoReturn() {
            given(pointOfNoReturn())
                    .whenPublishingA(cancellationRequested(ReasonCode.CUSTOMER_CANCELLED, "too late"))
                    .expectNoDispatchedCommands()
                    .expectScheduledDeadlineWithName(TIMEOUTS.stockTimeout(), SAGA_DEADLINE);
        }

        @Test
        void keepsTheFirstReasonWhenCancellationIsRequestedWhileCompensating() {
            given(concat(stockReserved(),
                    paymentDeclined(),
                    cancellationRequested(ReasonCode.CUSTOMER_CANCELLED, "changed my mind")))
                    .whenPublishingA(released(APPLE, 2))
                    .expectDispatchedCommands(new CancelOrderCommand(ORDER_ID,
                            PAYMENT_DECLINED_REASON));
        }

        @Test
        void sendsNothingWhenCancellationIsRequestedWhileCompensating() {
            given(concat(stockReserved(),
                    paymentDeclined()))
                    .whenPublishingA(cancellationRequested(ReasonCode.CUSTOMER_CANCELLED, "changed my mind"))
                    .expectNoDispatchedCommands();
        }
    }

    @Nested
    class DuplicatesAndLateReplies {

        @Test
        void aSecondOrderPlacedEventStartsNothing() {
            given(SINGLE_LINE_ORDER)
                    .whenPublishingA(SINGLE_LINE_ORDER)
                    .expectActiveSagas(1)
                    .expectNoDispatchedCommands();
        }

        @Test
        void aSecondStockReservedEventDispatchesNothing() {
            given(stockReserved())
                    .whenPublishingA(reserved(APPLE))
                    .expectNoDispatchedCommands()
                    .expectScheduledDeadlineWithName(TIMEOUTS.stockTimeout(), SAGA_DEADLINE);
        }

        @Test
        void aRepeatedReservationOfOneLineDoesNotCountForAnother() {
            given(THREE_LINE_ORDER, reserved(APPLE), reserved(BANANA))
                    .whenPublishingA(reserved(APPLE))
                    .expectNoDispatchedCommands();
        }

        @Test
        void aDuplicatePaymentAuthorizedEventDispatchesNothing() {
            given(paymentAuthorizedStage())
                    .whenPublishingA(paymentAuthorized())
                    .expectNoDispatchedCommands()
                    .expectScheduledDeadlineWithName(TIMEOUTS.stockTimeout(), SAGA_DEADLINE);
        }

        @Test
        void aDuplicateShipmentScheduledEventDispatchesNothing() {
            given(shipmentBookedStage())
                    .whenPublishingA(shipmentScheduled())
                    .expectNoDispatchedCommands();
        }

        @Test
        void aDuplicateOrderShipmentScheduledEventDispatchesNothing() {
            given(pointOfNoReturn())
                    .whenPublishingA(orderShipmentScheduled())
                    .expectNoDispatchedCommands();
        }

        @Test
        void aDuplicateStockCommittedEventDispatchesNothing() {
            given(concat(threeLinesStockReserved(), paymentAuthorized(), shipmentScheduled(),
                    orderShipmentScheduled(), committed(APPLE)))
                    .whenPublishingA(committed(APPLE))
                    .expectNoDispatchedCommands();
        }

        @Test
        void aPaymentAuthorisedAfterCancellationIsCoveredByTheRefundAlreadySent() {
            given(concat(stockReserved(), cancellationRequested(ReasonCode.CUSTOMER_CANCELLED, "changed my mind")))
                    .whenPublishingA(paymentAuthorized())
                    .expectNoDispatchedCommands();
        }

        @Test
        void aPaymentAuthorisedAfterTheRefundWasAnsweredDispatchesNothing() {
            given(concat(stockReserved(), cancellationRequested(ReasonCode.CUSTOMER_CANCELLED, "changed my mind"),
                    voided()))
                    .whenPublishingA(paymentAuthorized())
                    .expectNoDispatchedCommands();
        }

        @Test
        void aBookingAfterCancellationIsCoveredByTheShipmentCancellationAlreadySent() {
            given(concat(paymentAuthorizedStage(), cancellationRequested(ReasonCode.CUSTOMER_CANCELLED, "")))
                    .whenPublishingA(shipmentScheduled())
                    .expectNoDispatchedCommands();
        }

        @Test
        void aDuplicateRefundReplyDispatchesNothing() {
            given(concat(paymentAuthorizedStage(), shipmentFailed(), refunded()))
                    .whenPublishingA(refunded())
                    .expectNoDispatchedCommands();
        }

        @Test
        void aDuplicateStockReleasedEventDispatchesNothing() {
            given(THREE_LINE_ORDER, reserved(APPLE), rejected(BANANA, 1, 0), released(APPLE, 2))
                    .whenPublishingA(released(APPLE, 2))
                    .expectNoDispatchedCommands();
        }

        @Test
        void aStockReleasedEventBeforeAnyCompensationDispatchesNothing() {
            given(stockReserved())
                    .whenPublishingA(released(APPLE, 2))
                    .expectNoDispatchedCommands();
        }
    }

    @Nested
    class Resends {

        @Test
        void resendsTheMarkShipmentScheduledCommandWhenTheCompletionTimeoutPasses() {
            given(shipmentBookedStage())
                    .whenTimeElapses(TIMEOUTS.completionTimeout())
                    .expectTriggeredDeadlinesWithName(SAGA_DEADLINE, SAGA_DEADLINE)
                    .expectDispatchedCommands(new MarkOrderShipmentScheduledCommand(ORDER_ID, SHIPMENT_ID, "TRACK-1"))
                    .expectScheduledDeadlineWithName(TIMEOUTS.completionTimeout().multipliedBy(2), SAGA_DEADLINE);
        }

        @Test
        void resendsOnlyTheUnansweredStockCommits() {
            given(concat(threeLinesStockReserved(), paymentAuthorized(), shipmentScheduled(),
                    orderShipmentScheduled(), committed(BANANA)))
                    .whenTimeElapses(TIMEOUTS.completionTimeout())
                    .expectDispatchedCommands(
                            new CommitStockCommand(APPLE, ORDER_ID),
                            new CommitStockCommand(CHERRY, ORDER_ID));
        }

        @Test
        void resendsTheCompleteOrderCommandWhenTheOrderDoesNotComplete() {
            given(concat(pointOfNoReturn(), committed(APPLE)))
                    .whenTimeElapses(TIMEOUTS.completionTimeout())
                    .expectDispatchedCommands(new CompleteOrderCommand(ORDER_ID));
        }

        @Test
        void resendsOnlyTheUnansweredReleasesWhenTheCompensationTimeoutPasses() {
            given(THREE_LINE_ORDER, reserved(APPLE), rejected(BANANA, 1, 0), released(APPLE, 2))
                    .whenTimeElapses(TIMEOUTS.compensationTimeout())
                    .expectTriggeredDeadlinesWithName(SAGA_DEADLINE, SAGA_DEADLINE)
                    .expectDispatchedCommands(new ReleaseStockCommand(CHERRY, ORDER_ID))
                    .expectScheduledDeadlineWithName(TIMEOUTS.compensationTimeout().multipliedBy(2), SAGA_DEADLINE);
        }

        @Test
        void resendsTheRefundWhenItIsNotAnswered() {
            given(concat(paymentAuthorizedStage(), shipmentFailed()))
                    .whenTimeElapses(TIMEOUTS.compensationTimeout())
                    .expectDispatchedCommands(new RefundPaymentCommand(PAYMENT_ID, ORDER_ID, "SHIPMENT_FAILED"));
        }

        @Test
        void resendsTheShipmentCancellationWhenItIsNotAnswered() throws Exception {
            given(paymentAuthorizedStage())
                    .andThenTimeElapses(TIMEOUTS.shipmentTimeout())
                    .whenTimeElapses(TIMEOUTS.compensationTimeout())
                    .expectDispatchedCommands(new CancelShipmentCommand(SHIPMENT_ID, ORDER_ID, "SHIPMENT_TIMEOUT"));
        }

        @Test
        void resendsTheRejectionWhenTheOrderDoesNotConfirmIt() {
            given(SINGLE_LINE_ORDER, rejected(APPLE, 2, 1))
                    .whenTimeElapses(TIMEOUTS.compensationTimeout())
                    .expectDispatchedCommands(new RejectOrderCommand(ORDER_ID,
                            new FailureReason(ReasonCode.OUT_OF_STOCK,
                                    "SKU APPLE: requested 2, available 1 (insufficient stock)")));
        }

        @Test
        void doublesTheWaitBetweenResendsUpToTheConfiguredMaximum() throws Exception {
            // Waits: 30s, 60s, 120s, 240s, then 300s (capped) instead of 480s.
            given(concat(paymentAuthorizedStage(), shipmentFailed()))
                    .andThenTimeElapses(Duration.ofSeconds(30))
                    .andThenTimeElapses(Duration.ofSeconds(60))
                    .andThenTimeElapses(Duration.ofSeconds(120))
                    .whenTimeElapses(Duration.ofSeconds(240))
                    .expectDispatchedCommands(new RefundPaymentCommand(PAYMENT_ID, ORDER_ID, "SHIPMENT_FAILED"))
                    .expectScheduledDeadlineWithName(TIMEOUTS.compensationBackoffMax(), SAGA_DEADLINE);
        }

        @Test
        void startsTheNextCompensationStepWithTheInitialWait() throws Exception {
            // the refund's re-send waits 60s; the release that follows is due after 30s: rescheduled earlier
            given(concat(paymentAuthorizedStage(), shipmentFailed()))
                    .andThenTimeElapses(TIMEOUTS.compensationTimeout())
                    .whenPublishingA(refunded())
                    .expectDispatchedCommands(new ReleaseStockCommand(APPLE, ORDER_ID))
                    .expectScheduledDeadlineWithName(TIMEOUTS.compensationTimeout(), SAGA_DEADLINE)
                    .expectNoScheduledDeadlineWithName(TIMEOUTS.compensationTimeout().multipliedBy(2),
                            SAGA_DEADLINE);
        }
    }

    @Nested
    class OneDeadlinePerSaga {

        @Test
        void writesOneDeadlineForAHappySagaAndCancelsItWhenTheOrderIsCompleted() {
            given(concat(pointOfNoReturn(), committed(APPLE)))
                    .whenPublishingA(new OrderCompletedEvent(ORDER_ID))
                    .expectActiveSagas(0)
                    .expectNoScheduledDeadlines();

            assertThat(scheduled).extracting(DeadlineMessage::getDeadlineName, DeadlineMessage::getTimestamp)
                    .containsExactly(tuple(SAGA_DEADLINE, PLACED_AT.plus(TIMEOUTS.stockTimeout())));
        }

        @Test
        void keepsTheOutstandingDeadlineWhenTheNextStageIsDueLater() {
            given(THREE_LINE_ORDER, reserved(CHERRY), reserved(APPLE))
                    .whenPublishingA(reserved(BANANA))
                    .expectDispatchedCommands(
                            new MarkOrderStockReservedCommand(ORDER_ID),
                            new AuthorizePaymentCommand(PAYMENT_ID, ORDER_ID, THREE_LINE_ORDER.total()))
                    .expectScheduledDeadlineWithName(TIMEOUTS.stockTimeout(), SAGA_DEADLINE);

            assertThat(scheduledWhen()).as("deadlines written when the payment stage began").isEmpty();
        }

        @Test
        void aDeadlineThatFiresBeforeTheStageIsDueIsArmedAgainForTheStagesDueTime() throws Exception {
            // payment requested 5s after placement: due at 35s; the deadline armed for the stock fires at 10s
            given(SINGLE_LINE_ORDER)
                    .andThenTimeElapses(Duration.ofSeconds(5))
                    .andThenAPublished(reserved(APPLE))
                    .whenTimeElapses(Duration.ofSeconds(5))
                    .expectTriggeredDeadlinesWithName(SAGA_DEADLINE)
                    .expectNoDispatchedCommands()
                    .expectScheduledDeadlineWithName(PLACED_AT.plusSeconds(35), SAGA_DEADLINE);

            assertThat(scheduledWhen()).extracting(DeadlineMessage::getTimestamp)
                    .containsExactly(PLACED_AT.plusSeconds(35));
        }

        @Test
        void theStageTimeoutDoesNotFireAMillisecondBeforeItsTimeFromStageEntry() throws Exception {
            given(SINGLE_LINE_ORDER)
                    .andThenTimeElapses(Duration.ofSeconds(5))
                    .andThenAPublished(reserved(APPLE))
                    .whenTimeElapses(TIMEOUTS.paymentTimeout().minusMillis(1))
                    .expectNoDispatchedCommands();
        }

        @Test
        void theStageTimeoutFiresExactlyItsConfiguredTimeAfterStageEntry() throws Exception {
            given(SINGLE_LINE_ORDER)
                    .andThenTimeElapses(Duration.ofSeconds(5))
                    .andThenAPublished(reserved(APPLE))
                    .andThenTimeElapses(TIMEOUTS.paymentTimeout().minusMillis(1))
                    .whenTimeElapses(Duration.ofMillis(1))
                    .expectTriggeredDeadlinesWithName(SAGA_DEADLINE, SAGA_DEADLINE)
                    .expectDispatchedCommands(new RefundPaymentCommand(PAYMENT_ID, ORDER_ID, "PAYMENT_TIMEOUT"))
                    .expectScheduledDeadlineWithName(TIMEOUTS.compensationTimeout(), SAGA_DEADLINE);
        }

        @Test
        void reschedulesEarlierWhenALaterStageHasAShorterTimeout() {
            useTimeouts(withPaymentTimeout(Duration.ofSeconds(5)));

            given(SINGLE_LINE_ORDER)
                    .whenPublishingA(reserved(APPLE))
                    .expectScheduledDeadlineWithName(Duration.ofSeconds(5), SAGA_DEADLINE)
                    .expectNoScheduledDeadlineWithName(TIMEOUTS.stockTimeout(), SAGA_DEADLINE);

            assertThat(scheduledWhen()).extracting(DeadlineMessage::getTimestamp)
                    .containsExactly(PLACED_AT.plusSeconds(5));
        }

        @Test
        void timesOutTheShorterStageAtItsOwnTime() throws Exception {
            useTimeouts(withPaymentTimeout(Duration.ofSeconds(5)));

            given(stockReserved())
                    .whenTimeElapses(Duration.ofSeconds(5))
                    .expectTriggeredDeadlinesWithName(SAGA_DEADLINE)
                    .expectDispatchedCommands(new RefundPaymentCommand(PAYMENT_ID, ORDER_ID, "PAYMENT_TIMEOUT"));
        }

        private static SagaTimeouts withPaymentTimeout(Duration paymentTimeout) {
            return new SagaTimeouts(TIMEOUTS.stockTimeout(), paymentTimeout, TIMEOUTS.shipmentTimeout(),
                    TIMEOUTS.completionTimeout(), TIMEOUTS.compensationTimeout(), TIMEOUTS.maxAttempts(),
                    TIMEOUTS.compensationBackoffMax(), false);
        }
    }

    /** {@code orderflow.saga.deadline-per-stage=true}: the behaviour before one deadline per saga. */
    @Nested
    class DeadlinePerStage {

        private static final SagaTimeouts PER_STAGE = TIMEOUTS.withDeadlinePerStage(true);

        @BeforeEach
        void useDeadlinesPerStage() {
            useTimeouts(PER_STAGE);
        }

        @Test
        void schedulesTheFirstStagesDeadlineWhenTheOrderIsPlaced() {
            fixture.givenCurrentTime(PLACED_AT)
                    .whenPublishingA(SINGLE_LINE_ORDER)
                    .expectScheduledDeadlineWithName(TIMEOUTS.stockTimeout(), STOCK_RESERVATION_DEADLINE)
                    .expectNoScheduledDeadlineWithName(TIMEOUTS.stockTimeout(), SAGA_DEADLINE);
        }

        @Test
        void replacesTheDeadlineAtEveryStageChange() {
            given(stockReserved())
                    .whenPublishingA(paymentAuthorized())
                    .expectScheduledDeadlineWithName(TIMEOUTS.shipmentTimeout(), SHIPMENT_DEADLINE)
                    .expectNoScheduledDeadlineWithName(TIMEOUTS.paymentTimeout(), PAYMENT_DEADLINE);

            assertThat(scheduledWhen()).extracting(DeadlineMessage::getDeadlineName).containsExactly(SHIPMENT_DEADLINE);
        }

        @Test
        void writesADeadlinePerStageForAHappySaga() {
            given(concat(pointOfNoReturn(), committed(APPLE)))
                    .whenPublishingA(new OrderCompletedEvent(ORDER_ID))
                    .expectNoScheduledDeadlines();

            assertThat(scheduled).extracting(DeadlineMessage::getDeadlineName).containsExactly(
                    STOCK_RESERVATION_DEADLINE, PAYMENT_DEADLINE, SHIPMENT_DEADLINE, COMPLETION_DEADLINE,
                    COMPLETION_DEADLINE, COMPLETION_DEADLINE);
        }

        @Test
        void voidsThePaymentWhenThePaymentDeadlineFires() {
            given(stockReserved())
                    .whenTimeElapses(TIMEOUTS.paymentTimeout())
                    .expectTriggeredDeadlinesWithName(PAYMENT_DEADLINE)
                    .expectDispatchedCommands(new RefundPaymentCommand(PAYMENT_ID, ORDER_ID, "PAYMENT_TIMEOUT"))
                    .expectScheduledDeadlineWithName(TIMEOUTS.compensationTimeout(), COMPENSATION_DEADLINE);
        }

        @Test
        void resendsWithBackoffUnderTheCompletionDeadline() {
            given(shipmentBookedStage())
                    .whenTimeElapses(TIMEOUTS.completionTimeout())
                    .expectTriggeredDeadlinesWithName(COMPLETION_DEADLINE)
                    .expectDispatchedCommands(new MarkOrderShipmentScheduledCommand(ORDER_ID, SHIPMENT_ID, "TRACK-1"))
                    .expectScheduledDeadlineWithName(TIMEOUTS.completionTimeout().multipliedBy(2),
                            COMPLETION_DEADLINE);
        }

        @Test
        void endsWithoutOutstandingDeadlines() {
            given(paymentDeclinedAndStockReleasedStage())
                    .whenPublishingA(new OrderCancelledEvent(ORDER_ID,
                            PAYMENT_DECLINED_REASON))
                    .expectActiveSagas(0)
                    .expectNoScheduledDeadlines();
        }
    }

    // ------------------------------------------------------------------ stories

    /** The events, in order, all at {@link #PLACED_AT}. */
    private ContinuedGivenState given(Object... events) {
        ContinuedGivenState state = fixture.givenCurrentTime(PLACED_AT);
        for (Object event : events) {
            state = state.andThenAPublished(event);
        }
        return state;
    }

    /** The deadlines the saga scheduled in the "when" phase. */
    private List<DeadlineMessage<?>> scheduledWhen() {
        return scheduled.subList(scheduledBeforeWhen, scheduled.size());
    }

    /** The payloads of the commands dispatched in the given phase, in dispatch order. */
    private List<Object> dispatchedSoFar() {
        return fixture.getCommandBus().getDispatchedCommands().stream().<Object>map(Message::getPayload).toList();
    }

    private static Object[] concat(Object... eventsOrArrays) {
        List<Object> events = new ArrayList<>();
        for (Object item : eventsOrArrays) {
            if (item instanceof Object[] array) {
                events.addAll(Arrays.asList(array));
            } else {
                events.add(item);
            }
        }
        return events.toArray();
    }

    /** Single-line order, stock reserved: awaiting the payment outcome. */
    private static Object[] stockReserved() {
        return new Object[] {SINGLE_LINE_ORDER, reserved(APPLE)};
    }

    private static Object[] threeLinesStockReserved() {
        return new Object[] {THREE_LINE_ORDER, reserved(APPLE), reserved(BANANA), reserved(CHERRY)};
    }

    /** Payment authorised: awaiting the carrier. */
    private static Object[] paymentAuthorizedStage() {
        return concat(stockReserved(), paymentAuthorized());
    }

    /** Carrier booked: awaiting the order's point of no return (or the customer's cancellation). */
    private static Object[] shipmentBookedStage() {
        return concat(paymentAuthorizedStage(), shipmentScheduled());
    }

    /** Payment declined, stock released: awaiting the order's cancellation. */
    private static Object[] paymentDeclinedAndStockReleasedStage() {
        return concat(stockReserved(), paymentDeclined(), released(APPLE, 2));
    }

    /** The order accepted the shipment: committing stock. */
    private static Object[] pointOfNoReturn() {
        return concat(shipmentBookedStage(), orderShipmentScheduled());
    }

    // ------------------------------------------------------------------ messages

    private static PaymentDeclinedEvent paymentDeclined() {
        return new PaymentDeclinedEvent(PAYMENT_ID, ORDER_ID, SINGLE_LINE_TOTAL, "insufficient funds");
    }

    private static OrderPlacedEvent placed(OrderLine... lines) {
        BigDecimal total = Arrays.stream(lines).map(OrderLine::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new OrderPlacedEvent(ORDER_ID, CUSTOMER, List.of(lines), new Money(total, "EUR"), ADDRESS, PLACED_AT);
    }

    private static StockReservedEvent reserved(Sku sku) {
        return new StockReservedEvent(sku, ORDER_ID, 1, 10, 1);
    }

    private static StockReservationRejectedEvent rejected(Sku sku, int requested, int available) {
        return new StockReservationRejectedEvent(sku, ORDER_ID, requested, available, "insufficient stock");
    }

    private static StockReleasedEvent released(Sku sku, int quantity) {
        return new StockReleasedEvent(sku, ORDER_ID, quantity, 10, 0);
    }

    private static StockCommittedEvent committed(Sku sku) {
        return new StockCommittedEvent(sku, ORDER_ID, 1, 9, 0);
    }

    private static PaymentAuthorizedEvent paymentAuthorized() {
        return new PaymentAuthorizedEvent(PAYMENT_ID, ORDER_ID, SINGLE_LINE_TOTAL, "AUTH-1");
    }

    private static PaymentRefundedEvent refunded() {
        return new PaymentRefundedEvent(PAYMENT_ID, ORDER_ID, SINGLE_LINE_TOTAL, "REFUND-1", "compensation");
    }

    private static PaymentVoidedEvent voided() {
        return new PaymentVoidedEvent(PAYMENT_ID, ORDER_ID, "compensation");
    }

    private static ShipmentScheduledEvent shipmentScheduled() {
        return new ShipmentScheduledEvent(SHIPMENT_ID, ORDER_ID, "Parcelforce", "TRACK-1");
    }

    private static ShipmentFailedEvent shipmentFailed() {
        return new ShipmentFailedEvent(SHIPMENT_ID, ORDER_ID, "address not served", false, 1);
    }

    private static ShipmentCancelledEvent shipmentCancelled() {
        return new ShipmentCancelledEvent(SHIPMENT_ID, ORDER_ID, "compensation");
    }

    private static OrderShipmentScheduledEvent orderShipmentScheduled() {
        return new OrderShipmentScheduledEvent(ORDER_ID, SHIPMENT_ID, "TRACK-1");
    }

    private static OrderCancellationRequestedEvent cancellationRequested(ReasonCode requestedBy, String comment) {
        return new OrderCancellationRequestedEvent(ORDER_ID, requestedBy, comment, OrderStatus.PENDING);
    }
}
