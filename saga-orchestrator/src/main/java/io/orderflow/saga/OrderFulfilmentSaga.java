package io.orderflow.saga;

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
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one order from {@code OrderPlacedEvent} to a terminal order event, one saga instance per
 * order, associated by {@code orderId}.
 *
 * <table>
 * <caption>The saga as a table (docs/architecture.md)</caption>
 * <tr><th>step</th><th>command</th><th>reply events</th><th>compensation</th>
 *     <th>deadline: the stage is due after (default) &rarr; then</th></tr>
 * <tr><td>1 reserve stock</td><td>{@link ReserveStockCommand} per SKU, sorted by SKU</td>
 *     <td>{@link StockReservedEvent} / {@link StockReservationRejectedEvent}</td>
 *     <td>{@link ReleaseStockCommand} per started SKU &rarr; {@link StockReleasedEvent}</td>
 *     <td>{@code orderflow.saga.stock-timeout} (10s) &rarr; {@code STOCK_RESERVATION_TIMEOUT}</td></tr>
 * <tr><td>2 authorise payment</td><td>{@link MarkOrderStockReservedCommand}, {@link AuthorizePaymentCommand}</td>
 *     <td>{@link PaymentAuthorizedEvent} / {@link PaymentDeclinedEvent} / {@link PaymentFailedEvent}</td>
 *     <td>{@link RefundPaymentCommand} &rarr; {@link PaymentRefundedEvent} / {@link PaymentVoidedEvent}</td>
 *     <td>{@code orderflow.saga.payment-timeout} (30s) &rarr; {@code PAYMENT_TIMEOUT}</td></tr>
 * <tr><td>3 schedule shipment</td><td>{@link MarkOrderPaymentAuthorizedCommand}, {@link ScheduleShipmentCommand}</td>
 *     <td>{@link ShipmentScheduledEvent} / {@link ShipmentFailedEvent}</td>
 *     <td>{@link CancelShipmentCommand} &rarr; {@link ShipmentCancelledEvent}</td>
 *     <td>{@code orderflow.saga.shipment-timeout} (30s) &rarr; {@code SHIPMENT_TIMEOUT}</td></tr>
 * <tr><td>4 point of no return</td><td>{@link MarkOrderShipmentScheduledCommand}</td>
 *     <td>{@link OrderShipmentScheduledEvent}, or {@link OrderCancellationRequestedEvent} if the customer
 *         won the race</td>
 *     <td>&mdash;</td>
 *     <td>{@code orderflow.saga.completion-timeout} (30s) &rarr; re-send, back-off</td></tr>
 * <tr><td>5 complete</td><td>{@link CommitStockCommand} per SKU, then {@link CompleteOrderCommand}</td>
 *     <td>{@link StockCommittedEvent} per SKU, then {@link OrderCompletedEvent} &rarr; saga ends</td>
 *     <td>&mdash; (no cancellation after shipment)</td>
 *     <td>{@code orderflow.saga.completion-timeout} (30s) &rarr; re-send, back-off</td></tr>
 * </table>
 *
 * <p><b>Failure.</b> A rejected reservation, a declined or failed payment, a failed shipment, a
 * stock/payment/shipment timeout or an {@link OrderCancellationRequestedEvent} before step 5 records
 * the <em>first</em> {@link FailureReason} and compensates every started step in reverse order, one
 * step at a time, waiting for each reply: cancel the shipment (if {@code ScheduleShipmentCommand} was
 * sent and did not fail) &rarr; refund or void the payment (if {@code AuthorizePaymentCommand} was
 * sent and was not declined or failed) &rarr; release the stock of every SKU whose reservation was
 * started and not rejected &rarr; {@link RejectOrderCommand} ({@code OUT_OF_STOCK},
 * {@code STOCK_RESERVATION_TIMEOUT}: nothing was charged) or {@link CancelOrderCommand} (everything
 * else). Each compensation wait times out after {@code orderflow.saga.compensation-timeout} (30s):
 * the outstanding command(s), which are idempotent, are re-sent with a doubling back-off capped at
 * {@code orderflow.saga.compensation-backoff-max}.
 * The saga ends on {@link OrderCompletedEvent}, {@link OrderRejectedEvent} or
 * {@link OrderCancelledEvent}.
 *
 * <p><b>Duplicates and late replies.</b> Every handler acts only on the reply the current stage is
 * waiting for; anything else changes nothing. A reservation that succeeds after its release was
 * sent is covered by that release (the write side leaves a tombstone); an authorisation or booking
 * that arrives after the refund or cancellation was sent is covered by it. A decline or failure that
 * arrives instead of the refund or cancellation reply ends that compensation step, because the write
 * side answers a refund of a declined payment (or a cancellation of a failed booking) with nothing.
 *
 * <p><b>Deadlines.</b> Each stage is due a fixed time after the saga entered it (the column above).
 * The saga keeps <em>one</em> deadline, {@value #SAGA_DEADLINE}, armed no later than the current
 * stage's due time, and writes it lazily: entering a stage keeps the outstanding deadline when it is
 * due no later than the new stage (the usual case: step 1 has the shortest timeout), and replaces it
 * only when the new stage is due earlier. A deadline that fires before the current stage is due is
 * armed again for the stage's due time and does nothing else; one that fires when it is due runs the
 * stage's timeout. A happy saga thus writes one deadline and cancels it at the end, where a deadline
 * per stage meant five schedules and five cancels (each a {@code scheduled_tasks} row and a
 * serialized deadline message). With {@code orderflow.saga.deadline-per-stage} the saga schedules
 * the deadline named after each stage ({@code stock-reservation}, {@code payment}, {@code shipment},
 * {@code completion}, {@code compensation}) and cancels it when the stage ends, as before; sagas
 * stored before the single deadline existed carry on that way, and those deadlines stay handled.
 *
 * <p><b>State.</b> Plain fields of core-api records, ids, enums and instants, serialized with
 * Jackson (field visibility); the command gateway, the deadline manager and {@link SagaTimeouts}
 * come in as handler parameters. At most one deadline is outstanding at a time.
 */
@Saga
@ProcessingGroup(OrderFulfilmentSagaConfig.PROCESSING_GROUP)
public class OrderFulfilmentSaga {

    /** The saga's one deadline (unless {@code orderflow.saga.deadline-per-stage}): the current stage may be due. */
    public static final String SAGA_DEADLINE = "saga-timeout";

    // Per-stage deadlines: orderflow.saga.deadline-per-stage, and sagas stored before the single deadline.

    /** Deadline of step 1: every reservation answered. */
    public static final String STOCK_RESERVATION_DEADLINE = "stock-reservation";
    /** Deadline of step 2: the payment outcome. */
    public static final String PAYMENT_DEADLINE = "payment";
    /** Deadline of step 3: the carrier's booking outcome. */
    public static final String SHIPMENT_DEADLINE = "shipment";
    /** Deadline of steps 4 and 5: re-sends the outstanding command. */
    public static final String COMPLETION_DEADLINE = "completion";
    /** Deadline of every compensation step: re-sends the outstanding compensation. */
    public static final String COMPENSATION_DEADLINE = "compensation";

    private static final String ORDER_ID = "orderId";
    private static final Logger log = LoggerFactory.getLogger(OrderFulfilmentSaga.class);

    private OrderId orderId;
    private List<OrderLine> lines = new ArrayList<>();
    private Money total;
    private ShippingAddress shippingAddress;
    private PaymentId paymentId;
    private ShipmentId shipmentId;
    private String trackingNumber;

    private Stage stage;
    private Set<Sku> reservationsRequested = new HashSet<>();
    private Set<Sku> reservationsConfirmed = new HashSet<>();
    private Set<Sku> reservationsRejected = new HashSet<>();
    private StepStatus payment = StepStatus.NOT_STARTED;
    private StepStatus shipment = StepStatus.NOT_STARTED;
    private Set<Sku> commitsConfirmed = new HashSet<>();

    private FailureReason failureReason;
    private Set<Sku> releasesRequested = new HashSet<>();
    private Set<Sku> releasesConfirmed = new HashSet<>();

    private Duration retryDelay;
    private int resends;
    /**
     * The schedule id of the one outstanding deadline, cancelled by id: with db-scheduler a cancel by
     * id is one row, a cancel by scope reads every scheduled deadline. {@code null} when none is
     * outstanding (it fired), and in a saga stored before ids were kept (then the stage's deadline is
     * cancelled by scope, as before).
     */
    private String deadlineId;
    /** {@code true} for every saga started since schedule ids are kept; {@code false} (absent) in older stored sagas. */
    private boolean deadlineIdKept;
    /**
     * {@code true}: this saga keeps one {@value #SAGA_DEADLINE} deadline. {@code false} (absent) in sagas
     * stored before it existed and in sagas started with {@code orderflow.saga.deadline-per-stage}: a
     * deadline per stage, named after it. Fixed when the saga starts, so that changing the property
     * never leaves a running saga with a deadline it does not expect.
     */
    private boolean singleDeadline;
    /** When the current stage is due: entered plus its timeout, or the last re-send plus the back-off (single deadline only). */
    private Instant stageDue;
    /** When the outstanding {@value #SAGA_DEADLINE} deadline fires; {@code null} when none is outstanding. */
    private Instant deadlineDue;

    /** For the saga repository and Jackson. */
    public OrderFulfilmentSaga() {
    }

    // ---------------------------------------------------------------- step 1: reserve stock

    /** Starts the saga: reserves every SKU of the order, sorted by SKU. A repeat changes nothing. */
    @StartSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderPlacedEvent event, CommandGateway commands, DeadlineManager deadlines,
                   SagaTimeouts timeouts) {
        if (stage != null) {
            ignore(event);
            return;
        }
        orderId = event.orderId();
        lines = new ArrayList<>(event.lines());
        total = event.total();
        shippingAddress = event.shippingAddress();
        paymentId = PaymentId.forOrder(orderId);
        shipmentId = ShipmentId.forOrder(orderId);
        singleDeadline = !timeouts.deadlinePerStage();
        log.info("Order {}: fulfilment started, reserving {} SKU(s)", orderId, quantitiesBySku().size());

        enter(Stage.RESERVING_STOCK, timeouts.stockTimeout(), deadlines);
        quantitiesBySku().forEach((sku, quantity) -> {
            reservationsRequested.add(sku);
            commands.send(new ReserveStockCommand(sku, orderId, quantity));
        });
        if (pendingReservations().isEmpty()) {
            authorizePayment(commands, deadlines, timeouts);
        }
    }

    /** A reservation succeeded; when it was the last one pending, payment is authorised. */
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(StockReservedEvent event, CommandGateway commands, DeadlineManager deadlines,
                   SagaTimeouts timeouts) {
        if (stage != Stage.RESERVING_STOCK || !isPendingReservation(event.sku())) {
            // A duplicate, or a late reply while compensating: its release was already sent and
            // covers it (or it was already answered, and the release must not be counted twice).
            ignore(event);
            return;
        }
        reservationsConfirmed.add(event.sku());
        if (pendingReservations().isEmpty()) {
            authorizePayment(commands, deadlines, timeouts);
        }
    }

    /** A reservation was refused: the order is rejected as out of stock once started lines are released. */
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(StockReservationRejectedEvent event, CommandGateway commands, DeadlineManager deadlines,
                   SagaTimeouts timeouts) {
        if (stage != Stage.RESERVING_STOCK || !isPendingReservation(event.sku())) {
            // Late (for example refused because its release came first) or duplicate: the first
            // failure reason stands and the release already sent is answered anyway.
            ignore(event);
            return;
        }
        reservationsRejected.add(event.sku());
        String detail = "SKU %s: requested %d, available %d"
                .formatted(event.sku(), event.requested(), event.available());
        if (event.reason() != null && !event.reason().isBlank()) {
            detail += " (" + event.reason() + ")";
        }
        fail(new FailureReason(ReasonCode.OUT_OF_STOCK, detail), commands, deadlines, timeouts);
    }

    /** Step 1 took too long (per-stage deadline): every started reservation is released and the order rejected. */
    @DeadlineHandler(deadlineName = STOCK_RESERVATION_DEADLINE)
    public void onStockReservationTimeout(DeadlineMessage<?> deadline, CommandGateway commands,
                                          DeadlineManager deadlines, SagaTimeouts timeouts) {
        if (perStageDeadlineFired(deadline)) {
            stageTimedOut(commands, deadlines, timeouts);
        }
    }

    // ---------------------------------------------------------------- step 2: authorise payment

    private void authorizePayment(CommandGateway commands, DeadlineManager deadlines, SagaTimeouts timeouts) {
        enter(Stage.AUTHORIZING_PAYMENT, timeouts.paymentTimeout(), deadlines);
        payment = StepStatus.REQUESTED;
        commands.send(new MarkOrderStockReservedCommand(orderId));
        commands.send(new AuthorizePaymentCommand(paymentId, orderId, total));
    }

    /** The payment is authorised: the shipment is booked. Late or repeated authorisations change nothing. */
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(PaymentAuthorizedEvent event, CommandGateway commands, DeadlineManager deadlines,
                   SagaTimeouts timeouts) {
        if (stage != Stage.AUTHORIZING_PAYMENT) {
            // A duplicate, or an authorisation after compensation started: the refund that was
            // already sent (or answered) covers it.
            ignore(event);
            return;
        }
        payment = StepStatus.SUCCEEDED;
        enter(Stage.SCHEDULING_SHIPMENT, timeouts.shipmentTimeout(), deadlines);
        shipment = StepStatus.REQUESTED;
        commands.send(new MarkOrderPaymentAuthorizedCommand(orderId, event.paymentId(), event.amount()));
        commands.send(new ScheduleShipmentCommand(shipmentId, orderId, shippingAddress, lines));
    }

    /** The provider said no: nothing to refund, the stock is released and the order cancelled. */
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(PaymentDeclinedEvent event, CommandGateway commands, DeadlineManager deadlines,
                   SagaTimeouts timeouts) {
        paymentUnsuccessful(event, new FailureReason(ReasonCode.PAYMENT_DECLINED, event.reason()),
                commands, deadlines, timeouts);
    }

    /** The provider could not be reached: handled like a decline, with {@code PAYMENT_FAILED}. */
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(PaymentFailedEvent event, CommandGateway commands, DeadlineManager deadlines,
                   SagaTimeouts timeouts) {
        paymentUnsuccessful(event, new FailureReason(ReasonCode.PAYMENT_FAILED,
                        event.error() + " (" + event.attempts() + " attempts)"),
                commands, deadlines, timeouts);
    }

    private void paymentUnsuccessful(Object event, FailureReason reason, CommandGateway commands,
                                     DeadlineManager deadlines, SagaTimeouts timeouts) {
        if (stage == Stage.AUTHORIZING_PAYMENT) {
            payment = StepStatus.FAILED;
            fail(reason, commands, deadlines, timeouts);
        } else if (stage == Stage.REFUNDING_PAYMENT) {
            // The refund (void) raced with the outcome: nothing was charged, and the write side
            // answers a refund of an unsuccessful payment with nothing, so this ends the step.
            payment = StepStatus.UNDONE;
            compensateNextStep(commands, deadlines, timeouts);
        } else {
            ignore(event);
        }
    }

    /** Step 2 took too long (per-stage deadline): the payment is refunded or voided, then the stock released. */
    @DeadlineHandler(deadlineName = PAYMENT_DEADLINE)
    public void onPaymentTimeout(DeadlineMessage<?> deadline, CommandGateway commands, DeadlineManager deadlines,
                                 SagaTimeouts timeouts) {
        if (perStageDeadlineFired(deadline)) {
            stageTimedOut(commands, deadlines, timeouts);
        }
    }

    // ---------------------------------------------------------------- step 3: schedule shipment

    /** The carrier booked the shipment: the order is asked to pass the point of no return. */
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(ShipmentScheduledEvent event, CommandGateway commands, DeadlineManager deadlines,
                   SagaTimeouts timeouts) {
        if (stage != Stage.SCHEDULING_SHIPMENT) {
            // A duplicate, or a booking after compensation started: the cancellation covers it.
            ignore(event);
            return;
        }
        shipment = StepStatus.SUCCEEDED;
        trackingNumber = event.trackingNumber();
        enter(Stage.CONFIRMING_SHIPMENT, timeouts.completionTimeout(), deadlines);
        commands.send(markShipmentScheduled());
    }

    /** The carrier refused or was unreachable: refund, release, cancel with {@code SHIPMENT_FAILED}. */
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(ShipmentFailedEvent event, CommandGateway commands, DeadlineManager deadlines,
                   SagaTimeouts timeouts) {
        if (stage == Stage.SCHEDULING_SHIPMENT) {
            shipment = StepStatus.FAILED;
            fail(new FailureReason(ReasonCode.SHIPMENT_FAILED, event.reason()), commands, deadlines, timeouts);
        } else if (stage == Stage.CANCELLING_SHIPMENT) {
            // The cancellation raced with a failed booking: nothing is booked, and the write side
            // answers a cancellation of a failed shipment with nothing, so this ends the step.
            shipment = StepStatus.UNDONE;
            compensateNextStep(commands, deadlines, timeouts);
        } else {
            ignore(event);
        }
    }

    /** Step 3 took too long (per-stage deadline): the booking is cancelled, the payment refunded, the stock released. */
    @DeadlineHandler(deadlineName = SHIPMENT_DEADLINE)
    public void onShipmentTimeout(DeadlineMessage<?> deadline, CommandGateway commands, DeadlineManager deadlines,
                                  SagaTimeouts timeouts) {
        if (perStageDeadlineFired(deadline)) {
            stageTimedOut(commands, deadlines, timeouts);
        }
    }

    // ---------------------------------------------------------------- steps 4 and 5: point of no return, complete

    /** The order accepted the shipment: no cancellation from now on; the reserved stock is committed. */
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderShipmentScheduledEvent event, CommandGateway commands, DeadlineManager deadlines,
                   SagaTimeouts timeouts) {
        if (stage != Stage.CONFIRMING_SHIPMENT) {
            ignore(event);
            return;
        }
        enter(Stage.COMMITTING_STOCK, timeouts.completionTimeout(), deadlines);
        uncommittedSkus().forEach(sku -> commands.send(new CommitStockCommand(sku, orderId)));
    }

    /** One SKU's stock left the warehouse; after the last one the order is completed. */
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(StockCommittedEvent event, CommandGateway commands, DeadlineManager deadlines,
                   SagaTimeouts timeouts) {
        if (stage != Stage.COMMITTING_STOCK || !uncommittedSkus().contains(event.sku())) {
            ignore(event);
            return;
        }
        commitsConfirmed.add(event.sku());
        if (uncommittedSkus().isEmpty()) {
            enter(Stage.COMPLETING_ORDER, timeouts.completionTimeout(), deadlines);
            commands.send(new CompleteOrderCommand(orderId));
        }
    }

    /**
     * No reply after the point of no return (per-stage deadline): the outstanding command is sent
     * again (it is idempotent) and the wait doubles, up to {@code compensationBackoffMax}.
     */
    @DeadlineHandler(deadlineName = COMPLETION_DEADLINE)
    public void onCompletionTimeout(DeadlineMessage<?> deadline, CommandGateway commands, DeadlineManager deadlines,
                                    SagaTimeouts timeouts) {
        if (perStageDeadlineFired(deadline)) {
            stageTimedOut(commands, deadlines, timeouts);
        }
    }

    private MarkOrderShipmentScheduledCommand markShipmentScheduled() {
        return new MarkOrderShipmentScheduledCommand(orderId, shipmentId, trackingNumber);
    }

    // ---------------------------------------------------------------- cancellation requested

    /**
     * The customer (or an operator) asked to cancel: before the point of no return every started
     * step is undone; while compensating the first reason stands; after it the request changes
     * nothing (the order refuses it, this is only a guard).
     */
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderCancellationRequestedEvent event, CommandGateway commands, DeadlineManager deadlines,
                   SagaTimeouts timeouts) {
        if (stage == null || !stage.cancellable) {
            ignore(event);
            return;
        }
        boolean byOperator = event.requestedBy() == ReasonCode.OPERATOR_CANCELLED;
        String detail = event.comment() != null && !event.comment().isBlank()
                ? event.comment()
                : byOperator ? "cancelled by an operator" : "cancelled by the customer";
        fail(new FailureReason(byOperator ? ReasonCode.OPERATOR_CANCELLED : ReasonCode.CUSTOMER_CANCELLED, detail),
                commands, deadlines, timeouts);
    }

    // ---------------------------------------------------------------- compensation

    /** The booking is cancelled (or none was held): the next compensation step starts. */
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(ShipmentCancelledEvent event, CommandGateway commands, DeadlineManager deadlines,
                   SagaTimeouts timeouts) {
        if (stage != Stage.CANCELLING_SHIPMENT) {
            ignore(event);
            return;
        }
        shipment = StepStatus.UNDONE;
        compensateNextStep(commands, deadlines, timeouts);
    }

    /** The authorised amount was given back: the next compensation step starts. */
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(PaymentRefundedEvent event, CommandGateway commands, DeadlineManager deadlines,
                   SagaTimeouts timeouts) {
        paymentUndone(event, commands, deadlines, timeouts);
    }

    /** No authorisation was held and later ones are refused: the next compensation step starts. */
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(PaymentVoidedEvent event, CommandGateway commands, DeadlineManager deadlines,
                   SagaTimeouts timeouts) {
        paymentUndone(event, commands, deadlines, timeouts);
    }

    private void paymentUndone(Object event, CommandGateway commands, DeadlineManager deadlines,
                               SagaTimeouts timeouts) {
        if (stage != Stage.REFUNDING_PAYMENT) {
            ignore(event);
            return;
        }
        payment = StepStatus.UNDONE;
        compensateNextStep(commands, deadlines, timeouts);
    }

    /** One SKU's reservation was given back; after the last one the order is rejected or cancelled. */
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(StockReleasedEvent event, CommandGateway commands, DeadlineManager deadlines,
                   SagaTimeouts timeouts) {
        if (stage != Stage.RELEASING_STOCK || !unansweredReleases().contains(event.sku())) {
            ignore(event);
            return;
        }
        releasesConfirmed.add(event.sku());
        if (unansweredReleases().isEmpty()) {
            compensateNextStep(commands, deadlines, timeouts);
        }
    }

    /**
     * A compensation reply did not come in time (per-stage deadline): the outstanding compensation is
     * sent again (it is idempotent) and the wait doubles, up to {@code compensationBackoffMax}.
     */
    @DeadlineHandler(deadlineName = COMPENSATION_DEADLINE)
    public void onCompensationTimeout(DeadlineMessage<?> deadline, CommandGateway commands,
                                      DeadlineManager deadlines, SagaTimeouts timeouts) {
        if (perStageDeadlineFired(deadline)) {
            stageTimedOut(commands, deadlines, timeouts);
        }
    }

    private void fail(FailureReason reason, CommandGateway commands, DeadlineManager deadlines,
                      SagaTimeouts timeouts) {
        failureReason = reason;
        log.info("Order {}: {} in stage {} ({}), compensating", orderId, reason.code(), stage, reason.detail());
        compensateNextStep(commands, deadlines, timeouts);
    }

    /** Starts the latest started step that is not yet undone: shipment, payment, stock, order. */
    private void compensateNextStep(CommandGateway commands, DeadlineManager deadlines, SagaTimeouts timeouts) {
        Duration timeout = timeouts.compensationTimeout();
        if (shipment.needsUndo()) {
            shipment = StepStatus.UNDOING;
            enter(Stage.CANCELLING_SHIPMENT, timeout, deadlines);
            commands.send(cancelShipment());
        } else if (payment.needsUndo()) {
            payment = StepStatus.UNDOING;
            enter(Stage.REFUNDING_PAYMENT, timeout, deadlines);
            commands.send(refundPayment());
        } else if (!releasesRequested.containsAll(reservationsToRelease())) {
            List<Sku> releases = reservationsToRelease();
            releasesRequested.addAll(releases);
            enter(Stage.RELEASING_STOCK, timeout, deadlines);
            releases.forEach(sku -> commands.send(new ReleaseStockCommand(sku, orderId)));
        } else {
            enter(Stage.ENDING_ORDER, timeout, deadlines);
            commands.send(endOrder());
        }
    }

    private CancelShipmentCommand cancelShipment() {
        return new CancelShipmentCommand(shipmentId, orderId, failureReason.code().name());
    }

    private RefundPaymentCommand refundPayment() {
        return new RefundPaymentCommand(paymentId, orderId, failureReason.code().name());
    }

    private Object endOrder() {
        return rejectsOrder(failureReason.code())
                ? new RejectOrderCommand(orderId, failureReason)
                : new CancelOrderCommand(orderId, failureReason);
    }

    /** Nothing was charged or shipped when stock could not be reserved: the order is rejected, not cancelled. */
    private static boolean rejectsOrder(ReasonCode code) {
        return code == ReasonCode.OUT_OF_STOCK || code == ReasonCode.STOCK_RESERVATION_TIMEOUT;
    }

    // ---------------------------------------------------------------- end

    /** The order is fulfilled: the saga ends. */
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderCompletedEvent event, DeadlineManager deadlines) {
        end(deadlines);
    }

    /** The order was rejected after compensation: the saga ends. */
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderRejectedEvent event, DeadlineManager deadlines) {
        end(deadlines);
    }

    /** The order was cancelled after compensation: the saga ends. */
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderCancelledEvent event, DeadlineManager deadlines) {
        end(deadlines);
    }

    private void end(DeadlineManager deadlines) {
        cancelCurrentDeadline(deadlines);
        log.info("Order {}: fulfilment saga ended in stage {}", orderId, stage);
        SagaLifecycle.end();
    }

    // ---------------------------------------------------------------- deadlines

    /**
     * The saga's one deadline arrived; it is no longer scheduled, so there is nothing to cancel from
     * now on (db-scheduler refuses to cancel the task it is executing). When the current stage is due,
     * its timeout runs, exactly as its per-stage deadline's did. When the deadline was armed for an
     * earlier stage that has moved on since, it is armed again for the current stage's due time and
     * nothing else happens.
     */
    @DeadlineHandler(deadlineName = SAGA_DEADLINE)
    public void onSagaTimeout(DeadlineMessage<?> deadline, CommandGateway commands, DeadlineManager deadlines,
                              SagaTimeouts timeouts) {
        if (!singleDeadline || stage == null) {
            ignoreDeadline(deadline);
            return;
        }
        Instant armedFor = deadlineDue;
        deadlineId = null;
        deadlineDue = null;
        if (stageIsDue(armedFor)) {
            stageTimedOut(commands, deadlines, timeouts);
        } else {
            log.debug("Order {}: deadline armed for {} fired in stage {}, due {}", orderId, armedFor, stage, stageDue);
            armDeadline(deadlines);
        }
    }

    /**
     * Whether the current stage has waited its whole time: the deadline being delivered was armed for
     * (at least) the stage's due time, so the deadline manager decided it is due, as it did for a
     * per-stage deadline; or that time has passed (a deadline armed for an earlier stage, delivered late).
     */
    private boolean stageIsDue(Instant armedFor) {
        return (armedFor != null && !armedFor.isBefore(stageDue)) || !now().isBefore(stageDue);
    }

    /**
     * The current stage waited its whole time. Steps 1 to 3 give up and compensate; later stages send
     * what they wait for again (it is idempotent) and wait twice as long, up to
     * {@code compensationBackoffMax}.
     */
    private void stageTimedOut(CommandGateway commands, DeadlineManager deadlines, SagaTimeouts timeouts) {
        switch (stage) {
            case RESERVING_STOCK -> {
                String pending = pendingReservations().stream().map(Sku::value).collect(Collectors.joining(", "));
                fail(new FailureReason(ReasonCode.STOCK_RESERVATION_TIMEOUT,
                                "no reply to the stock reservation of " + pending + " within " + timeouts.stockTimeout()),
                        commands, deadlines, timeouts);
            }
            case AUTHORIZING_PAYMENT -> fail(new FailureReason(ReasonCode.PAYMENT_TIMEOUT,
                            "no payment outcome within " + timeouts.paymentTimeout()),
                    commands, deadlines, timeouts);
            case SCHEDULING_SHIPMENT -> fail(new FailureReason(ReasonCode.SHIPMENT_TIMEOUT,
                            "no shipment booking outcome within " + timeouts.shipmentTimeout()),
                    commands, deadlines, timeouts);
            case CONFIRMING_SHIPMENT -> resend(List.of(markShipmentScheduled()), commands, deadlines, timeouts);
            case COMMITTING_STOCK -> resend(uncommittedSkus().stream()
                    .map(sku -> new CommitStockCommand(sku, orderId)).toList(), commands, deadlines, timeouts);
            case COMPLETING_ORDER -> resend(List.of(new CompleteOrderCommand(orderId)), commands, deadlines, timeouts);
            case CANCELLING_SHIPMENT -> resend(List.of(cancelShipment()), commands, deadlines, timeouts);
            case REFUNDING_PAYMENT -> resend(List.of(refundPayment()), commands, deadlines, timeouts);
            case RELEASING_STOCK -> resend(unansweredReleases().stream()
                    .map(sku -> new ReleaseStockCommand(sku, orderId)).toList(), commands, deadlines, timeouts);
            case ENDING_ORDER -> resend(List.of(endOrder()), commands, deadlines, timeouts);
        }
    }

    /** Sends the outstanding command(s) again and waits with the doubled (capped) delay. */
    private void resend(List<?> outstanding, CommandGateway commands, DeadlineManager deadlines,
                        SagaTimeouts timeouts) {
        outstanding.forEach(commands::send);
        resends++;
        retryDelay = timeouts.nextBackoff(retryDelay);
        log.warn("Order {}: no reply in stage {}, re-sent (re-send {}), next check in {}",
                orderId, stage, resends, retryDelay);
        waitFor(retryDelay, deadlines);
    }

    /** Moves to {@code next}, which waits at most {@code timeout} for its reply. */
    private void enter(Stage next, Duration timeout, DeadlineManager deadlines) {
        if (!singleDeadline) {
            cancelCurrentDeadline(deadlines);
        }
        stage = next;
        retryDelay = timeout;
        resends = 0;
        waitFor(timeout, deadlines);
    }

    /** The current stage is due {@code delay} from now: its deadline is armed. */
    private void waitFor(Duration delay, DeadlineManager deadlines) {
        if (singleDeadline) {
            stageDue = now().plus(delay);
            armDeadline(deadlines);
        } else {
            deadlineId = deadlines.schedule(delay, stage.deadline);
            deadlineIdKept = true;
        }
    }

    /**
     * Makes sure the saga's one deadline fires no later than the current stage is due. An outstanding
     * deadline due earlier or at that time is kept: nothing is written (should it fire early, it is
     * armed again then). One due later, which a shorter configured timeout of a later stage causes, is
     * cancelled and the deadline scheduled at the due time.
     */
    private void armDeadline(DeadlineManager deadlines) {
        if (deadlineDue != null && !deadlineDue.isAfter(stageDue)) {
            return;
        }
        cancelCurrentDeadline(deadlines);
        deadlineId = deadlines.schedule(stageDue, SAGA_DEADLINE);
        deadlineDue = stageDue;
    }

    /**
     * A per-stage deadline arrived. It is the current wait's when it carries the current stage's
     * deadline name; then it is no longer scheduled, and its id is forgotten so that moving on does
     * not cancel it: db-scheduler refuses to cancel the task that is executing (and there is nothing
     * to cancel). Anything else (including one reaching a saga with a single deadline) is stale.
     */
    private boolean perStageDeadlineFired(DeadlineMessage<?> deadline) {
        if (singleDeadline || stage == null || !stage.deadline.equals(deadline.getDeadlineName())) {
            ignoreDeadline(deadline);
            return false;
        }
        deadlineId = null;
        return true;
    }

    /**
     * Cancels the outstanding deadline by its schedule id; nothing when none is outstanding. A saga
     * stored before the id was kept cancels the current stage's deadline by scope (the old way).
     */
    private void cancelCurrentDeadline(DeadlineManager deadlines) {
        if (stage == null) {
            return;
        }
        if (deadlineId != null) {
            deadlines.cancelSchedule(singleDeadline ? SAGA_DEADLINE : stage.deadline, deadlineId);
            deadlineId = null;
            deadlineDue = null;
        } else if (!singleDeadline && !deadlineIdKept) {
            deadlines.cancelAllWithinScope(stage.deadline);
        }
    }

    /**
     * Now, to the millisecond (db-scheduler stores microseconds): Axon's clock, which is the system
     * clock in the application, the time a deadline scheduled by duration starts from. Fixture tests
     * set it to the fixture's time.
     */
    private static Instant now() {
        return GenericEventMessage.clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    // ---------------------------------------------------------------- helpers

    /** Units per SKU, sorted by SKU; lines with the same SKU are one reservation. */
    private Map<Sku, Integer> quantitiesBySku() {
        Map<Sku, Integer> quantities = new TreeMap<>(Comparator.comparing(Sku::value));
        lines.forEach(line -> quantities.merge(line.sku(), line.quantity(), Integer::sum));
        return new LinkedHashMap<>(quantities);
    }

    private List<Sku> skus() {
        return List.copyOf(quantitiesBySku().keySet());
    }

    private boolean isPendingReservation(Sku sku) {
        return reservationsRequested.contains(sku)
                && !reservationsConfirmed.contains(sku)
                && !reservationsRejected.contains(sku);
    }

    private List<Sku> pendingReservations() {
        return skus().stream().filter(this::isPendingReservation).toList();
    }

    /** Every SKU whose reservation was started and not refused: reserved, or still pending. */
    private List<Sku> reservationsToRelease() {
        return skus().stream()
                .filter(reservationsRequested::contains)
                .filter(sku -> !reservationsRejected.contains(sku))
                .toList();
    }

    private List<Sku> unansweredReleases() {
        return skus().stream()
                .filter(releasesRequested::contains)
                .filter(sku -> !releasesConfirmed.contains(sku))
                .toList();
    }

    private List<Sku> uncommittedSkus() {
        return skus().stream().filter(sku -> !commitsConfirmed.contains(sku)).toList();
    }

    private void ignore(Object event) {
        log.debug("Order {}: {} changes nothing in stage {}", orderId, event.getClass().getSimpleName(), stage);
    }

    private void ignoreDeadline(DeadlineMessage<?> deadline) {
        log.debug("Order {}: stale {} deadline in stage {}", orderId, deadline.getDeadlineName(), stage);
    }

    /** Where the saga is; each stage waits for one kind of reply, under the per-stage deadline named here. */
    enum Stage {
        RESERVING_STOCK(STOCK_RESERVATION_DEADLINE, true),
        AUTHORIZING_PAYMENT(PAYMENT_DEADLINE, true),
        SCHEDULING_SHIPMENT(SHIPMENT_DEADLINE, true),
        CONFIRMING_SHIPMENT(COMPLETION_DEADLINE, true),
        COMMITTING_STOCK(COMPLETION_DEADLINE, false),
        COMPLETING_ORDER(COMPLETION_DEADLINE, false),
        CANCELLING_SHIPMENT(COMPENSATION_DEADLINE, false),
        REFUNDING_PAYMENT(COMPENSATION_DEADLINE, false),
        RELEASING_STOCK(COMPENSATION_DEADLINE, false),
        ENDING_ORDER(COMPENSATION_DEADLINE, false);

        private final String deadline;
        private final boolean cancellable;

        Stage(String deadline, boolean cancellable) {
            this.deadline = deadline;
            this.cancellable = cancellable;
        }
    }

    /** Progress of the payment and the shipment step, forward and backward. */
    enum StepStatus {
        NOT_STARTED, REQUESTED, SUCCEEDED, FAILED, UNDOING, UNDONE;

        /** Started and not known to have failed: the compensation must undo it. */
        boolean needsUndo() {
            return this == REQUESTED || this == SUCCEEDED;
        }
    }
}
