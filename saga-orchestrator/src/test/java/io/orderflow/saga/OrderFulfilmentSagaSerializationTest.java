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
import io.orderflow.api.order.MarkOrderPaymentAuthorizedCommand;
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
import io.orderflow.api.shipping.ScheduleShipmentCommand;
import io.orderflow.api.shipping.ShipmentCancelledEvent;
import io.orderflow.api.shipping.ShipmentId;
import io.orderflow.api.shipping.ShipmentScheduledEvent;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.test.utils.RecordingCommandBus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Saga state survives the application's Jackson serializer (field visibility ANY, Java time,
 * unknown properties ignored): a saga stored mid-flight and loaded again is field-for-field the
 * same and carries on exactly like the original, and a saga stored by the version before one
 * deadline per saga (golden JSON) carries on with a deadline per stage.
 */
class OrderFulfilmentSagaSerializationTest {

    private static final SagaTimeouts TIMEOUTS = SagaTimeouts.defaults();
    private static final SagaTimeouts PER_STAGE = TIMEOUTS.withDeadlinePerStage(true);
    private static final Instant T0 = Instant.parse("2025-02-01T09:30:05Z");
    /** The saga of the golden JSON. */
    private static final OrderId STORED_ORDER = OrderId.of("3f2504e0-4f89-41d3-9a0c-0305e82c3301");
    private static final PaymentId STORED_PAYMENT = PaymentId.forOrder(STORED_ORDER);
    private static final String STORED_DEADLINE_ID = "5f0c6a6e-0000-4000-8000-000000000002";
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
    private final Clock previousClock = GenericEventMessage.clock;
    /** Axon's clock, which the saga reads as "now"; the tests move it. */
    private final MutableClock clock = new MutableClock(T0);

    @BeforeEach
    void installClock() {
        GenericEventMessage.clock = clock;
    }

    @AfterEach
    void restoreClock() {
        GenericEventMessage.clock = previousClock;
    }

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
    void aSagaCompensatingAfterAResendRoundTripsWithItsBackoffAndDueTimes() throws Exception {
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
        fireSagaDeadlineAt(saga, T0.plusSeconds(10)); // armed for the stock: armed again for the cancellation
        fireSagaDeadlineAt(saga, T0.plusSeconds(30)); // the cancellation is due: re-sent, next check in 60s

        OrderFulfilmentSaga loaded = roundTrip(saga);

        assertThat(loaded).usingRecursiveComparison().isEqualTo(saga);
        assertThat(applicationMapper.writeValueAsString(loaded)).isEqualTo(applicationMapper.writeValueAsString(saga));
        deadlines.scheduled.clear();
        fireSagaDeadlineAt(loaded, T0.plusSeconds(90));
        assertThat(deadlines.scheduled).containsExactly(
                new Scheduled(OrderFulfilmentSaga.SAGA_DEADLINE, T0.plusSeconds(90 + 120)));
        commandBus.clearCommands();
        loaded.on(new ShipmentCancelledEvent(ShipmentId.forOrder(ORDER_ID), ORDER_ID, "cancelled"), commands,
                deadlines, TIMEOUTS);
        assertThat(dispatched()).containsExactly(
                new RefundPaymentCommand(PaymentId.forOrder(ORDER_ID), ORDER_ID, "CUSTOMER_CANCELLED"));
        assertThat(deadlines.cancelled).as("the re-send's deadline, due later than the refund")
                .containsExactly(OrderFulfilmentSaga.SAGA_DEADLINE + "-4");
    }

    @Test
    void movingOnFromTheDeadlineBeingDeliveredDoesNotCancelItAndTheNextIsCancelledByItsId() throws Exception {
        OrderFulfilmentSaga saga = new OrderFulfilmentSaga();
        saga.on(placedThreeLines(), commands, deadlines, TIMEOUTS);
        deadlines.delivering.add(OrderFulfilmentSaga.SAGA_DEADLINE + "-1");

        // db-scheduler refuses to cancel the task it is executing: the fake throws like it
        fireSagaDeadlineAt(saga, T0.plusSeconds(10));
        OrderFulfilmentSaga loaded = roundTrip(saga);
        loaded.on(new StockReleasedEvent(APPLE, ORDER_ID, 2, 10, 0), commands, deadlines, TIMEOUTS);
        loaded.on(new StockReleasedEvent(BANANA, ORDER_ID, 1, 10, 0), commands, deadlines, TIMEOUTS);
        assertThat(deadlines.cancelled).isEmpty();
        // the rejection is due earlier than the release's deadline: that one is cancelled by its id
        loaded.on(new StockReleasedEvent(CHERRY, ORDER_ID, 1, 10, 0), commands, deadlines,
                withCompensationTimeout(Duration.ofSeconds(5)));

        assertThat(deadlines.cancelled).containsExactly(OrderFulfilmentSaga.SAGA_DEADLINE + "-2");
    }

    @Test
    void aSagaWithDeadlinesPerStageCancelsTheNextByItsIdAfterMovingOnFromTheOneBeingDelivered() throws Exception {
        OrderFulfilmentSaga saga = new OrderFulfilmentSaga();
        saga.on(placedThreeLines(), commands, deadlines, PER_STAGE);
        deadlines.delivering.add(OrderFulfilmentSaga.STOCK_RESERVATION_DEADLINE + "-1");

        saga.onStockReservationTimeout(deadline(OrderFulfilmentSaga.STOCK_RESERVATION_DEADLINE), commands, deadlines,
                PER_STAGE);
        OrderFulfilmentSaga loaded = roundTrip(saga);
        loaded.on(new StockReleasedEvent(APPLE, ORDER_ID, 2, 10, 0), commands, deadlines, PER_STAGE);
        loaded.on(new StockReleasedEvent(BANANA, ORDER_ID, 1, 10, 0), commands, deadlines, PER_STAGE);
        loaded.on(new StockReleasedEvent(CHERRY, ORDER_ID, 1, 10, 0), commands, deadlines, PER_STAGE);

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

    // ------------------------------------------------------------------ sagas stored before one deadline per saga

    @Test
    void aSagaStoredBeforeTheSingleDeadlineReplacesItsStageDeadlineWhenItMovesOn() throws Exception {
        OrderFulfilmentSaga stored = storedBeforeTheSingleDeadline();

        stored.on(new PaymentAuthorizedEvent(STORED_PAYMENT, STORED_ORDER, Money.of("3.00", "EUR"), "AUTH-1"),
                commands, deadlines, TIMEOUTS);

        assertThat(dispatched()).containsExactly(
                new MarkOrderPaymentAuthorizedCommand(STORED_ORDER, STORED_PAYMENT, Money.of("3.00", "EUR")),
                new ScheduleShipmentCommand(ShipmentId.forOrder(STORED_ORDER), STORED_ORDER,
                        new ShippingAddress("Ada Lovelace", "12 St James's Square", "London", "SW1Y 4JH", "GB"),
                        List.of(new OrderLine(APPLE, 2, new BigDecimal("1.50")))));
        assertThat(deadlines.cancelled).containsExactly(STORED_DEADLINE_ID);
        assertThat(deadlines.scheduled).containsExactly(
                new Scheduled(OrderFulfilmentSaga.SHIPMENT_DEADLINE, TIMEOUTS.shipmentTimeout()));
    }

    @Test
    void aSagaStoredBeforeTheSingleDeadlineTimesOutWhenItsStageDeadlineFires() throws Exception {
        OrderFulfilmentSaga stored = storedBeforeTheSingleDeadline();
        deadlines.delivering.add(STORED_DEADLINE_ID);

        stored.onPaymentTimeout(deadline(OrderFulfilmentSaga.PAYMENT_DEADLINE), commands, deadlines, TIMEOUTS);

        assertThat(dispatched()).containsExactly(
                new RefundPaymentCommand(STORED_PAYMENT, STORED_ORDER, "PAYMENT_TIMEOUT"));
        assertThat(deadlines.cancelled).isEmpty();
        assertThat(deadlines.scheduled).containsExactly(
                new Scheduled(OrderFulfilmentSaga.COMPENSATION_DEADLINE, TIMEOUTS.compensationTimeout()));
    }

    @Test
    void aSagaStoredBeforeTheSingleDeadlineIgnoresTheSingleDeadline() throws Exception {
        OrderFulfilmentSaga stored = storedBeforeTheSingleDeadline();

        stored.onSagaTimeout(deadline(OrderFulfilmentSaga.SAGA_DEADLINE), commands, deadlines, TIMEOUTS);

        assertThat(dispatched()).isEmpty();
        assertThat(deadlines.scheduled).isEmpty();
        assertThat(deadlines.cancelled).isEmpty();
    }

    @Test
    void aSagaWithTheSingleDeadlineIgnoresAStageDeadline() throws Exception {
        OrderFulfilmentSaga saga = new OrderFulfilmentSaga();
        saga.on(placedThreeLines(), commands, deadlines, TIMEOUTS);
        commandBus.clearCommands();

        saga.onStockReservationTimeout(deadline(OrderFulfilmentSaga.STOCK_RESERVATION_DEADLINE), commands, deadlines,
                TIMEOUTS);

        assertThat(dispatched()).isEmpty();
        fireSagaDeadlineAt(saga, T0.plusSeconds(10));
        assertThat(dispatched()).as("its own deadline is still outstanding and fires")
                .contains(new ReleaseStockCommand(APPLE, ORDER_ID));
    }

    /**
     * A saga the previous version stored while it waited for the payment (golden JSON, with the id of
     * its {@code payment} deadline); loaded by this version with the default properties.
     */
    private OrderFulfilmentSaga storedBeforeTheSingleDeadline() throws Exception {
        deadlines.issue(OrderFulfilmentSaga.PAYMENT_DEADLINE, STORED_DEADLINE_ID);
        try (InputStream json = getClass().getResourceAsStream("saga-awaiting-payment-before-single-deadline.json")) {
            return applicationMapper.readValue(json, OrderFulfilmentSaga.class);
        }
    }

    /** Delivers the saga's one deadline at {@code at}, as the deadline manager does. */
    private void fireSagaDeadlineAt(OrderFulfilmentSaga saga, Instant at) {
        clock.set(at);
        saga.onSagaTimeout(deadline(OrderFulfilmentSaga.SAGA_DEADLINE), commands, deadlines, TIMEOUTS);
    }

    private static DeadlineMessage<?> deadline(String name) {
        return GenericDeadlineMessage.asDeadlineMessage(name, null, GenericEventMessage.clock.instant());
    }

    private static SagaTimeouts withCompensationTimeout(Duration compensationTimeout) {
        return new SagaTimeouts(TIMEOUTS.stockTimeout(), TIMEOUTS.paymentTimeout(), TIMEOUTS.shipmentTimeout(),
                TIMEOUTS.completionTimeout(), compensationTimeout, TIMEOUTS.maxAttempts(),
                TIMEOUTS.compensationBackoffMax(), false);
    }

    private OrderFulfilmentSaga roundTrip(OrderFulfilmentSaga saga) throws Exception {
        return applicationMapper.readValue(applicationMapper.writeValueAsString(saga), OrderFulfilmentSaga.class);
    }

    private List<Object> dispatched() {
        return commandBus.getDispatchedCommands().stream().<Object>map(Message::getPayload).toList();
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

    /** A deadline the saga scheduled: its name, and its due time ({@link Instant}) or delay ({@link Duration}). */
    private record Scheduled(String name, Object when) {
    }

    /** Axon's clock, set by the test. */
    private static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    /** Records scheduled and cancelled deadlines; the saga under test runs outside a saga scope. */
    private static final class RecordingDeadlineManager implements DeadlineManager {

        private final List<Scheduled> scheduled = new ArrayList<>();
        private final Map<String, String> issued = new HashMap<>();
        private final Set<String> delivering = new HashSet<>();
        private final List<String> cancelled = new ArrayList<>();

        /** A deadline scheduled before the test: its id may be cancelled. */
        void issue(String deadlineName, String scheduleId) {
            issued.put(scheduleId, deadlineName);
        }

        @Override
        public String schedule(Duration triggerDuration, String deadlineName) {
            return record(new Scheduled(deadlineName, triggerDuration));
        }

        @Override
        public String schedule(Instant triggerDateTime, String deadlineName) {
            return record(new Scheduled(deadlineName, triggerDateTime));
        }

        private String record(Scheduled deadline) {
            scheduled.add(deadline);
            String id = deadline.name() + "-" + (issued.size() + 1);
            issue(deadline.name(), id);
            return id;
        }

        @Override
        public void cancelAllWithinScope(String deadlineName) {
            throw new UnsupportedOperationException("the saga cancels its deadline by schedule id");
        }

        @Override
        public String schedule(Instant triggerDateTime, String deadlineName, Object messageOrPayload,
                               ScopeDescriptor deadlineScope) {
            throw new UnsupportedOperationException("the saga schedules in its own scope, without payload");
        }

        @Override
        public void cancelSchedule(String deadlineName, String scheduleId) {
            // the id must survive the saga's serialization round trip
            if (!deadlineName.equals(issued.get(scheduleId))) {
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
