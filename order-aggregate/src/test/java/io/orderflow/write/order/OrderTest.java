package io.orderflow.write.order;

import static io.orderflow.write.order.OrderSamples.CUSTOMER_CANCELLED;
import static io.orderflow.write.order.OrderSamples.ORDER_ID;
import static io.orderflow.write.order.OrderSamples.OUT_OF_STOCK;
import static io.orderflow.write.order.OrderSamples.PAYMENT_ID;
import static io.orderflow.write.order.OrderSamples.SHIPMENT_ID;
import static io.orderflow.write.order.OrderSamples.TOTAL;
import static io.orderflow.write.order.OrderSamples.eventsReaching;
import static io.orderflow.write.support.BusinessErrorMatchers.businessError;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.api.common.ErrorCode;
import io.orderflow.api.order.CancelOrderCommand;
import io.orderflow.api.order.CompleteOrderCommand;
import io.orderflow.api.order.MarkOrderPaymentAuthorizedCommand;
import io.orderflow.api.order.MarkOrderShipmentScheduledCommand;
import io.orderflow.api.order.MarkOrderStockReservedCommand;
import io.orderflow.api.order.OrderCancellationRequestedEvent;
import io.orderflow.api.order.OrderCancelledEvent;
import io.orderflow.api.order.OrderCompletedEvent;
import io.orderflow.api.order.OrderPaymentAuthorizedEvent;
import io.orderflow.api.order.OrderRejectedEvent;
import io.orderflow.api.order.OrderShipmentScheduledEvent;
import io.orderflow.api.order.OrderStatus;
import io.orderflow.api.order.OrderStockReservedEvent;
import io.orderflow.api.order.ReasonCode;
import io.orderflow.api.order.RejectOrderCommand;
import io.orderflow.api.order.RequestOrderCancellationCommand;
import io.orderflow.write.support.BusinessErrorInterceptor;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.EnumSource.Mode;

/** Every command path of {@link Order} after placement, in every status (see the idempotency table). */
class OrderTest {

    private FixtureConfiguration<Order> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Order.class);
        fixture.registerAnnotatedCommandHandler(new OrderPlacement(fixture.getRepository(), sku -> true));
        fixture.registerCommandHandlerInterceptor(new BusinessErrorInterceptor());
    }

    @Nested
    class CustomerCancellation {

        @ParameterizedTest
        @EnumSource(value = OrderStatus.class, names = {"PENDING", "STOCK_RESERVED", "PAYMENT_AUTHORIZED"})
        void recordsRequestWithTheStatusItWasMadeIn(OrderStatus status) {
            fixture.given(eventsReaching(status))
                    .when(new RequestOrderCancellationCommand(ORDER_ID, ReasonCode.CUSTOMER_CANCELLED, "too slow"))
                    .expectEvents(new OrderCancellationRequestedEvent(ORDER_ID, ReasonCode.CUSTOMER_CANCELLED,
                            "too slow", status))
                    .expectState(order -> assertThat(order.status()).isEqualTo(OrderStatus.CANCELLATION_REQUESTED));
        }

        @Test
        void acceptsRequestFromAnOperatorAndRecordsMissingCommentAsEmpty() {
            fixture.given(eventsReaching(OrderStatus.PENDING))
                    .when(new RequestOrderCancellationCommand(ORDER_ID, ReasonCode.OPERATOR_CANCELLED, null))
                    .expectEvents(new OrderCancellationRequestedEvent(ORDER_ID, ReasonCode.OPERATOR_CANCELLED, "",
                            OrderStatus.PENDING));
        }

        @Test
        void ignoresRepeatedRequest() {
            fixture.given(eventsReaching(OrderStatus.CANCELLATION_REQUESTED))
                    .when(new RequestOrderCancellationCommand(ORDER_ID, ReasonCode.CUSTOMER_CANCELLED, "again"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @ParameterizedTest
        @EnumSource(value = OrderStatus.class, names = {"SHIPMENT_SCHEDULED", "COMPLETED"})
        void refusesRequestOnceTheOrderHasShipped(OrderStatus status) {
            fixture.given(eventsReaching(status))
                    .when(new RequestOrderCancellationCommand(ORDER_ID, ReasonCode.CUSTOMER_CANCELLED, "late"))
                    .expectException(CommandExecutionException.class)
                    .expectExceptionDetails(businessError(ErrorCode.CANCELLATION_NOT_ALLOWED, "has shipped"))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @EnumSource(value = OrderStatus.class, names = {"REJECTED", "CANCELLED"})
        void refusesRequestForAnOrderThatHasEnded(OrderStatus status) {
            fixture.given(eventsReaching(status))
                    .when(new RequestOrderCancellationCommand(ORDER_ID, ReasonCode.CUSTOMER_CANCELLED, "late"))
                    .expectException(CommandExecutionException.class)
                    .expectExceptionDetails(businessError(ErrorCode.INVALID_ORDER_TRANSITION))
                    .expectNoEvents();
        }

        @Test
        void refusesRequestMadeInTheNameOfAnythingButCustomerOrOperator() {
            fixture.given(eventsReaching(OrderStatus.PENDING))
                    .when(new RequestOrderCancellationCommand(ORDER_ID, ReasonCode.PAYMENT_DECLINED, "sneaky"))
                    .expectException(CommandExecutionException.class)
                    .expectExceptionDetails(businessError(ErrorCode.INVALID_ORDER))
                    .expectNoEvents();
        }

        @Test
        void reportsUnknownOrderAsOrderNotFound() {
            fixture.givenNoPriorActivity()
                    .when(new RequestOrderCancellationCommand(ORDER_ID, ReasonCode.CUSTOMER_CANCELLED, ""))
                    .expectException(CommandExecutionException.class)
                    .expectExceptionDetails(businessError(ErrorCode.ORDER_NOT_FOUND, ORDER_ID.toString()));
        }
    }

    @Nested
    class MarkStockReserved {

        @Test
        void marksPendingOrder() {
            fixture.given(eventsReaching(OrderStatus.PENDING))
                    .when(new MarkOrderStockReservedCommand(ORDER_ID))
                    .expectEvents(new OrderStockReservedEvent(ORDER_ID))
                    .expectState(order -> assertThat(order.status()).isEqualTo(OrderStatus.STOCK_RESERVED));
        }

        @ParameterizedTest
        @EnumSource(value = OrderStatus.class, names = "PENDING", mode = Mode.EXCLUDE)
        void changesNothingInAnyOtherStatus(OrderStatus status) {
            fixture.given(eventsReaching(status))
                    .when(new MarkOrderStockReservedCommand(ORDER_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    @Nested
    class MarkPaymentAuthorized {

        @ParameterizedTest
        @EnumSource(value = OrderStatus.class, names = {"PENDING", "STOCK_RESERVED"})
        void marksOrderBeforeThatStepEvenIfTheStockMarkIsStillOnItsWay(OrderStatus status) {
            fixture.given(eventsReaching(status))
                    .when(new MarkOrderPaymentAuthorizedCommand(ORDER_ID, PAYMENT_ID, TOTAL))
                    .expectEvents(new OrderPaymentAuthorizedEvent(ORDER_ID, PAYMENT_ID, TOTAL))
                    .expectState(order -> assertThat(order.status()).isEqualTo(OrderStatus.PAYMENT_AUTHORIZED));
        }

        @ParameterizedTest
        @EnumSource(value = OrderStatus.class, names = {"PENDING", "STOCK_RESERVED"}, mode = Mode.EXCLUDE)
        void changesNothingWhenAlreadyThereOrBeyondOrCancellingOrEnded(OrderStatus status) {
            fixture.given(eventsReaching(status))
                    .when(new MarkOrderPaymentAuthorizedCommand(ORDER_ID, PAYMENT_ID, TOTAL))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    @Nested
    class MarkShipmentScheduled {

        @ParameterizedTest
        @EnumSource(value = OrderStatus.class, names = {"PENDING", "STOCK_RESERVED", "PAYMENT_AUTHORIZED"})
        void marksOrderBeforeThePointOfNoReturn(OrderStatus status) {
            fixture.given(eventsReaching(status))
                    .when(new MarkOrderShipmentScheduledCommand(ORDER_ID, SHIPMENT_ID, "SIM000000000042"))
                    .expectEvents(new OrderShipmentScheduledEvent(ORDER_ID, SHIPMENT_ID, "SIM000000000042"))
                    .expectState(order -> assertThat(order.status()).isEqualTo(OrderStatus.SHIPMENT_SCHEDULED));
        }

        @Test
        void changesNothingWhenTheCustomerRequestedCancellationFirst() {
            fixture.given(eventsReaching(OrderStatus.CANCELLATION_REQUESTED))
                    .when(new MarkOrderShipmentScheduledCommand(ORDER_ID, SHIPMENT_ID, "SIM000000000042"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectState(order -> assertThat(order.status()).isEqualTo(OrderStatus.CANCELLATION_REQUESTED));
        }

        @ParameterizedTest
        @EnumSource(value = OrderStatus.class, names = {"SHIPMENT_SCHEDULED", "COMPLETED", "REJECTED", "CANCELLED"})
        void changesNothingWhenAlreadyThereOrBeyondOrEnded(OrderStatus status) {
            fixture.given(eventsReaching(status))
                    .when(new MarkOrderShipmentScheduledCommand(ORDER_ID, SHIPMENT_ID, "SIM000000000042"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    @Nested
    class Complete {

        @Test
        void completesOrderWhoseShipmentIsScheduled() {
            fixture.given(eventsReaching(OrderStatus.SHIPMENT_SCHEDULED))
                    .when(new CompleteOrderCommand(ORDER_ID))
                    .expectEvents(new OrderCompletedEvent(ORDER_ID))
                    .expectState(order -> assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED));
        }

        @ParameterizedTest
        @EnumSource(value = OrderStatus.class, names = "SHIPMENT_SCHEDULED", mode = Mode.EXCLUDE)
        void changesNothingInAnyOtherStatus(OrderStatus status) {
            fixture.given(eventsReaching(status))
                    .when(new CompleteOrderCommand(ORDER_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    @Nested
    class Reject {

        @ParameterizedTest
        @EnumSource(value = OrderStatus.class,
                names = {"PENDING", "STOCK_RESERVED", "PAYMENT_AUTHORIZED", "CANCELLATION_REQUESTED"})
        void rejectsOrderInFlightWithTheReason(OrderStatus status) {
            fixture.given(eventsReaching(status))
                    .when(new RejectOrderCommand(ORDER_ID, OUT_OF_STOCK))
                    .expectEvents(new OrderRejectedEvent(ORDER_ID, OUT_OF_STOCK))
                    .expectState(order -> {
                        assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
                        assertThat(order.failureReason()).isEqualTo(OUT_OF_STOCK);
                    });
        }

        @ParameterizedTest
        @EnumSource(value = OrderStatus.class, names = {"SHIPMENT_SCHEDULED", "COMPLETED", "REJECTED", "CANCELLED"})
        void changesNothingPastThePointOfNoReturnOrOnceEnded(OrderStatus status) {
            fixture.given(eventsReaching(status))
                    .when(new RejectOrderCommand(ORDER_ID, OUT_OF_STOCK))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    @Nested
    class Cancel {

        @ParameterizedTest
        @EnumSource(value = OrderStatus.class,
                names = {"PENDING", "STOCK_RESERVED", "PAYMENT_AUTHORIZED", "CANCELLATION_REQUESTED"})
        void cancelsOrderInFlightWithTheReason(OrderStatus status) {
            fixture.given(eventsReaching(status))
                    .when(new CancelOrderCommand(ORDER_ID, CUSTOMER_CANCELLED))
                    .expectEvents(new OrderCancelledEvent(ORDER_ID, CUSTOMER_CANCELLED))
                    .expectState(order -> {
                        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
                        assertThat(order.failureReason()).isEqualTo(CUSTOMER_CANCELLED);
                    });
        }

        @ParameterizedTest
        @EnumSource(value = OrderStatus.class, names = {"SHIPMENT_SCHEDULED", "COMPLETED", "REJECTED", "CANCELLED"})
        void changesNothingPastThePointOfNoReturnOrOnceEnded(OrderStatus status) {
            fixture.given(eventsReaching(status))
                    .when(new CancelOrderCommand(ORDER_ID, CUSTOMER_CANCELLED))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }
}
