package io.orderflow.saga;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.orderflow.api.common.Money;
import io.orderflow.api.inventory.ReleaseStockCommand;
import io.orderflow.api.inventory.Sku;
import io.orderflow.api.inventory.StockReleasedEvent;
import io.orderflow.api.inventory.StockReservationRejectedEvent;
import io.orderflow.api.inventory.StockReservedEvent;
import io.orderflow.api.order.CustomerId;
import io.orderflow.api.order.FailureReason;
import io.orderflow.api.order.OrderCancellationRequestedEvent;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.order.OrderLine;
import io.orderflow.api.order.OrderPlacedEvent;
import io.orderflow.api.order.OrderStatus;
import io.orderflow.api.order.ReasonCode;
import io.orderflow.api.order.RejectOrderCommand;
import io.orderflow.api.order.ShippingAddress;
import io.orderflow.api.payment.PaymentAuthorizedEvent;
import io.orderflow.api.payment.PaymentId;
import io.orderflow.api.payment.RefundPaymentCommand;
import io.orderflow.api.shipping.ShipmentCancelledEvent;
import io.orderflow.api.shipping.ShipmentId;
import io.orderflow.api.shipping.ShipmentScheduledEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.test.utils.RecordingCommandBus;
import org.junit.jupiter.api.Test;

/**
 * Saga state survives the application's Jackson serializer (field visibility ANY, Java time,
 * unknown properties ignored): a saga stored mid-flight and loaded again is field-for-field the
 * same and carries on exactly like the original.
 */
class OrderFulfilmentSagaSerializationTest {

    private static final SagaTimeouts TIMEOUTS = SagaTimeouts.defaults();
    private static final OrderId ORDER_ID = OrderId.of("7d444840-9dc0-11d1-b245-5ffdce74fad2");
    private static final Sku APPLE = new Sku("APPLE");
    private static final Sku BANANA = new Sku("BANANA");
    private static final Sku CHERRY = new Sku("CHERRY");

    /** The settings of the application's Axon serializers (app module, {@code AxonObjectMappers}). */
    private final ObjectMapper applicationMapper = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private final RecordingCommandBus commandBus = new RecordingCommandBus();
    private final CommandGateway commands = DefaultCommandGateway.builder().commandBus(commandBus).build();
    private final RecordingDeadlineManager deadlines = new RecordingDeadlineManager();

    @Test
    void aSagaWaitingForStockReleasesRoundTripsAndFinishesTheCompensation() throws Exception {
        OrderFulfilmentSaga saga = new OrderFulfilmentSaga();
        saga.on(placedThreeLines(), commands, deadlines, TIMEOUTS);
        saga.on(new StockReservedEvent(APPLE, ORDER_ID, 2, 8, 2), commands, deadlines, TIMEOUTS);
        saga.on(new StockReservationRejectedEvent(BANANA, ORDER_ID, 1, 0, "insufficient stock"), commands, deadlines,
                TIMEOUTS);
        saga.on(new StockReleasedEvent(APPLE, ORDER_ID, 2, 10, 0), commands, deadlines, TIMEOUTS);

        OrderFulfilmentSaga loaded = roundTrip(saga);

        assertThat(loaded).usingRecursiveComparison().isEqualTo(saga);
        commandBus.clearCommands();
        loaded.on(new StockReleasedEvent(CHERRY, ORDER_ID, 0, 5, 0), commands, deadlines, TIMEOUTS);
        assertThat(dispatched()).containsExactly(new RejectOrderCommand(ORDER_ID, new FailureReason(
                ReasonCode.OUT_OF_STOCK, "SKU BANANA: requested 1, available 0 (insufficient stock)")));
    }

    @Test
    void aSagaCompensatingAfterAResendRoundTripsWithItsBackoff() throws Exception {
        OrderFulfilmentSaga saga = new OrderFulfilmentSaga();
        saga.on(placedThreeLines(), commands, deadlines, TIMEOUTS);
        for (Sku sku : List.of(APPLE, BANANA, CHERRY)) {
            saga.on(new StockReservedEvent(sku, ORDER_ID, 1, 9, 1), commands, deadlines, TIMEOUTS);
        }
        saga.on(new PaymentAuthorizedEvent(PaymentId.forOrder(ORDER_ID), ORDER_ID, total(), "AUTH-7"), commands,
                deadlines, TIMEOUTS);
        saga.on(new ShipmentScheduledEvent(ShipmentId.forOrder(ORDER_ID), ORDER_ID, "Parcelforce", "TRACK-7"),
                commands, deadlines, TIMEOUTS);
        saga.on(new OrderCancellationRequestedEvent(ORDER_ID, ReasonCode.CUSTOMER_CANCELLED, "changed my mind",
                OrderStatus.PAYMENT_AUTHORIZED), commands, deadlines, TIMEOUTS);
        saga.onCompensationTimeout(compensationDeadline(), commands, deadlines, TIMEOUTS);

        OrderFulfilmentSaga loaded = roundTrip(saga);

        assertThat(loaded).usingRecursiveComparison().isEqualTo(saga);
        assertThat(applicationMapper.writeValueAsString(loaded)).isEqualTo(applicationMapper.writeValueAsString(saga));
        deadlines.scheduled.clear();
        loaded.onCompensationTimeout(compensationDeadline(), commands, deadlines, TIMEOUTS);
        assertThat(deadlines.scheduled).containsExactly(Duration.ofSeconds(120));
        commandBus.clearCommands();
        loaded.on(new ShipmentCancelledEvent(ShipmentId.forOrder(ORDER_ID), ORDER_ID, "cancelled"), commands,
                deadlines, TIMEOUTS);
        assertThat(dispatched()).containsExactly(
                new RefundPaymentCommand(PaymentId.forOrder(ORDER_ID), ORDER_ID, "CUSTOMER_CANCELLED"));
    }

    @Test
    void movingOnFromADeadlineBeingDeliveredDoesNotCancelItButCancelsTheNextByItsId() throws Exception {
        OrderFulfilmentSaga saga = new OrderFulfilmentSaga();
        saga.on(placedThreeLines(), commands, deadlines, TIMEOUTS);
        deadlines.delivering.add(OrderFulfilmentSaga.STOCK_RESERVATION_DEADLINE + "-1");

        // db-scheduler refuses to cancel the task it is executing: the fake throws like it
        saga.onStockReservationTimeout(GenericDeadlineMessage.asDeadlineMessage(
                OrderFulfilmentSaga.STOCK_RESERVATION_DEADLINE, null, Instant.now()), commands, deadlines, TIMEOUTS);
        OrderFulfilmentSaga loaded = roundTrip(saga);
        loaded.on(new StockReleasedEvent(APPLE, ORDER_ID, 2, 10, 0), commands, deadlines, TIMEOUTS);
        loaded.on(new StockReleasedEvent(BANANA, ORDER_ID, 1, 10, 0), commands, deadlines, TIMEOUTS);
        loaded.on(new StockReleasedEvent(CHERRY, ORDER_ID, 1, 10, 0), commands, deadlines, TIMEOUTS);

        assertThat(deadlines.cancelled).containsExactly(OrderFulfilmentSaga.COMPENSATION_DEADLINE + "-2");
    }

    @Test
    void loadsStateWrittenByAnotherVersionIgnoringUnknownAndDefaultingMissingFields() throws Exception {
        OrderFulfilmentSaga saga = new OrderFulfilmentSaga();
        saga.on(placedThreeLines(), commands, deadlines, TIMEOUTS);
        ObjectNode json = (ObjectNode) applicationMapper.valueToTree(saga);
        json.remove("reservationsRejected");
        json.put("fieldOfAFutureVersion", "ignored");

        OrderFulfilmentSaga loaded = applicationMapper.treeToValue(json, OrderFulfilmentSaga.class);

        commandBus.clearCommands();
        loaded.on(new StockReservationRejectedEvent(CHERRY, ORDER_ID, 3, 1, "insufficient stock"), commands,
                deadlines, TIMEOUTS);
        assertThat(dispatched()).containsExactly(
                new ReleaseStockCommand(APPLE, ORDER_ID),
                new ReleaseStockCommand(BANANA, ORDER_ID));
    }

    private OrderFulfilmentSaga roundTrip(OrderFulfilmentSaga saga) throws Exception {
        return applicationMapper.readValue(applicationMapper.writeValueAsString(saga), OrderFulfilmentSaga.class);
    }

    private List<Object> dispatched() {
        return commandBus.getDispatchedCommands().stream().<Object>map(Message::getPayload).toList();
    }

    private static DeadlineMessage<?> compensationDeadline() {
        return GenericDeadlineMessage.asDeadlineMessage(OrderFulfilmentSaga.COMPENSATION_DEADLINE, null,
                Instant.now());
    }

    private static OrderPlacedEvent placedThreeLines() {
        return new OrderPlacedEvent(ORDER_ID, new CustomerId("customer-7"),
                List.of(new OrderLine(CHERRY, 3, new BigDecimal("2.00")),
                        new OrderLine(APPLE, 2, new BigDecimal("1.50")),
                        new OrderLine(BANANA, 1, new BigDecimal("0.40"))),
                total(), new ShippingAddress("Grace Hopper", "1 Navy Way", "Arlington", "22201", "US"),
                Instant.parse("2025-02-01T09:30:00Z"));
    }

    private static Money total() {
        return Money.of("9.40", "EUR");
    }

    /** Records scheduled deadlines; the saga under test runs outside a saga scope. */
    private static final class RecordingDeadlineManager implements DeadlineManager {

        private final List<Duration> scheduled = new ArrayList<>();
        private final Set<String> issued = new HashSet<>();
        private final Set<String> delivering = new HashSet<>();
        private final List<String> cancelled = new ArrayList<>();

        @Override
        public String schedule(Duration triggerDuration, String deadlineName) {
            scheduled.add(triggerDuration);
            String id = deadlineName + "-" + scheduled.size();
            issued.add(id);
            return id;
        }

        @Override
        public void cancelAllWithinScope(String deadlineName) {
            throw new UnsupportedOperationException("the saga cancels its deadline by schedule id");
        }

        @Override
        public String schedule(Instant triggerDateTime, String deadlineName, Object messageOrPayload,
                               ScopeDescriptor deadlineScope) {
            throw new UnsupportedOperationException("the saga schedules by duration");
        }

        @Override
        public void cancelSchedule(String deadlineName, String scheduleId) {
            // the id must survive the saga's serialization round trip
            if (!issued.contains(scheduleId) || !scheduleId.startsWith(deadlineName + "-")) {
                throw new IllegalArgumentException("never scheduled: " + deadlineName + " " + scheduleId);
            }
            if (delivering.contains(scheduleId)) {
                throw new IllegalStateException("cannot cancel the deadline being delivered: " + scheduleId);
            }
            cancelled.add(scheduleId);
        }

        @Override
        public void cancelAll(String deadlineName) {
            throw new UnsupportedOperationException("the saga cancels within its scope");
        }

        @Override
        public void cancelAllWithinScope(String deadlineName, ScopeDescriptor scope) {
            throw new UnsupportedOperationException("the saga cancels within its own scope");
        }

        @Override
        public Registration registerDispatchInterceptor(
                MessageDispatchInterceptor<? super DeadlineMessage<?>> dispatchInterceptor) {
            return () -> true;
        }

        @Override
        public Registration registerHandlerInterceptor(
                MessageHandlerInterceptor<? super DeadlineMessage<?>> handlerInterceptor) {
            return () -> true;
        }
    }
}
