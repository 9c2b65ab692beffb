package io.orderflow.write.order;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.orderflow.api.common.ErrorCode;
import io.orderflow.api.common.Money;
import io.orderflow.api.inventory.Sku;
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
import io.orderflow.api.order.OrderPaymentAuthorizedEvent;
import io.orderflow.api.order.OrderPlacedEvent;
import io.orderflow.api.order.OrderRejectedEvent;
import io.orderflow.api.order.OrderShipmentScheduledEvent;
import io.orderflow.api.order.OrderStatus;
import io.orderflow.api.order.OrderStockReservedEvent;
import io.orderflow.api.order.PlaceOrderCommand;
import io.orderflow.api.order.ReasonCode;
import io.orderflow.api.order.RejectOrderCommand;
import io.orderflow.api.order.RequestOrderCancellationCommand;
import io.orderflow.api.order.ShippingAddress;
import io.orderflow.write.support.AggregateCacheConfiguration;
import io.orderflow.write.support.DomainException;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An order on its way through fulfilment; event sourced, identified by {@link OrderId}.
 *
 * <p>Lifecycle: {@code PENDING → STOCK_RESERVED → PAYMENT_AUTHORIZED → SHIPMENT_SCHEDULED →
 * COMPLETED}, with {@code CANCELLATION_REQUESTED} while in flight and the terminal states
 * {@code REJECTED} and {@code CANCELLED}, which carry a {@link FailureReason}.
 *
 * <table>
 * <caption>Commands and their outcome by status</caption>
 * <tr><th>command</th><th>applied in</th><th>otherwise</th></tr>
 * <tr><td>{@link RequestOrderCancellationCommand} (customer)</td>
 *     <td>PENDING, STOCK_RESERVED, PAYMENT_AUTHORIZED</td>
 *     <td>nothing when CANCELLATION_REQUESTED; {@code CANCELLATION_NOT_ALLOWED} when SHIPMENT_SCHEDULED or
 *         COMPLETED; {@code INVALID_ORDER_TRANSITION} when REJECTED or CANCELLED</td></tr>
 * <tr><td>{@code MarkOrder…Command} (saga)</td>
 *     <td>any forward status before the marked one</td>
 *     <td>nothing (already there or beyond, cancellation requested, or ended)</td></tr>
 * <tr><td>{@link CompleteOrderCommand} (saga)</td><td>SHIPMENT_SCHEDULED</td><td>nothing</td></tr>
 * <tr><td>{@link RejectOrderCommand} / {@link CancelOrderCommand} (saga)</td>
 *     <td>PENDING, STOCK_RESERVED, PAYMENT_AUTHORIZED, CANCELLATION_REQUESTED</td>
 *     <td>nothing (already ended, or past the point of no return)</td></tr>
 * </table>
 *
 * <p>Saga commands never throw for a business outcome: they may arrive twice (a saga event retried
 * after a rollback, a deadline re-send) or late, so a command that does not fit the status is an
 * idempotent no-op. A {@code MarkOrder…Command} may also overtake the one before it on the
 * asynchronous command bus; the saga only sends it once the step it marks really happened, so it
 * moves the order forward even past a step not yet marked (whose late mark is then a no-op).
 * {@link CompleteOrderCommand} is stricter: it completes only a scheduled shipment.
 *
 * <p>Orders are created by {@link OrderPlacement}, which checks what needs the event store (does the
 * order exist, are the products known); this class checks the rest. Command handlers are guard
 * clauses then {@code apply}; event sourcing handlers only assign state. The repository keeps recently
 * used orders in memory between commands ({@link AggregateCacheConfiguration}).
 */
@Aggregate(cache = AggregateCacheConfiguration.ORDER_CACHE)
public class Order {

    /** The most lines one order may have. */
    public static final int MAX_LINES = 50;

    private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");

    /** The statuses of an order on its way to completion, in order. */
    private static final List<OrderStatus> FORWARD_PATH = List.of(OrderStatus.PENDING, OrderStatus.STOCK_RESERVED,
            OrderStatus.PAYMENT_AUTHORIZED, OrderStatus.SHIPMENT_SCHEDULED, OrderStatus.COMPLETED);

    @AggregateIdentifier
    private OrderId orderId;
    private OrderStatus status;
    private FailureReason failureReason;

    /** For Axon: rebuilds an order from its events. */
    protected Order() {
    }

    /**
     * Places an order: {@link OrderPlacedEvent} with the total computed from the lines.
     *
     * @throws DomainException {@link ErrorCode#INVALID_ORDER} if the command breaks a rule of
     *                         {@link #requirePlaceable(PlaceOrderCommand)}
     */
    Order(PlaceOrderCommand command) {
        requirePlaceable(command);
        apply(new OrderPlacedEvent(
                command.orderId(),
                command.customerId(),
                command.lines(),
                totalOf(command.lines(), command.currency()),
                command.shippingAddress(),
                command.placedAt()));
    }

    /**
     * Checks the rules of a new order that need nothing but the command: identifiers, 1 to
     * {@value #MAX_LINES} lines, no SKU on two lines, a three-letter ISO 4217 currency, unit prices
     * with no more decimals than the currency has, a complete shipping address and a placing time.
     *
     * @throws DomainException {@link ErrorCode#INVALID_ORDER} naming the first broken rule
     */
    static void requirePlaceable(PlaceOrderCommand command) {
        if (command.orderId() == null) {
            throw invalid("An order needs an order id");
        }
        if (command.customerId() == null) {
            throw invalid("An order needs a customer id");
        }
        if (command.placedAt() == null) {
            throw invalid("An order needs the time it was placed");
        }
        List<OrderLine> lines = command.lines();
        if (lines.isEmpty() || lines.size() > MAX_LINES) {
            throw invalid("An order needs between 1 and " + MAX_LINES + " lines, got " + lines.size());
        }
        Set<Sku> skus = new HashSet<>();
        for (OrderLine line : lines) {
            if (!skus.add(line.sku())) {
                throw invalid("SKU " + line.sku() + " appears on more than one line");
            }
        }
        Currency currency = currencyOf(command.currency());
        int fractionDigits = currency.getDefaultFractionDigits();
        if (fractionDigits >= 0) {
            for (OrderLine line : lines) {
                if (line.unitPrice().stripTrailingZeros().scale() > fractionDigits) {
                    throw invalid("Unit price " + line.unitPrice().toPlainString() + " of SKU " + line.sku()
                            + " has more decimals than " + currency.getCurrencyCode() + " allows ("
                            + fractionDigits + ")");
                }
            }
        }
        requireAddress(command.shippingAddress());
    }

    private static Currency currencyOf(String code) {
        if (code == null || !CURRENCY_CODE.matcher(code).matches()) {
            throw invalid("Currency must be a three-letter ISO 4217 code in capitals, got '" + code + "'");
        }
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw invalid("Currency " + code + " is not an ISO 4217 code");
        }
    }

    private static void requireAddress(ShippingAddress address) {
        if (address == null) {
            throw invalid("An order needs a shipping address");
        }
        if (isBlank(address.name()) || isBlank(address.street()) || isBlank(address.city())
                || isBlank(address.postalCode()) || isBlank(address.country())) {
            throw invalid("The shipping address needs a name, street, city, postal code and country");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static DomainException invalid(String message) {
        return new DomainException(ErrorCode.INVALID_ORDER, message);
    }

    /** The sum of the line totals, in the given currency, unrounded. */
    static Money totalOf(List<OrderLine> lines, String currency) {
        BigDecimal total = lines.stream().map(OrderLine::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Money(total, currency);
    }

    /**
     * A customer or operator asks to cancel the order; the saga then undoes what was done.
     *
     * @throws DomainException {@link ErrorCode#CANCELLATION_NOT_ALLOWED} once the shipment is
     *                         scheduled, {@link ErrorCode#INVALID_ORDER_TRANSITION} once the order was
     *                         rejected or cancelled, {@link ErrorCode#INVALID_ORDER} if the requester is
     *                         neither the customer nor an operator
     */
    @CommandHandler
    public void handle(RequestOrderCancellationCommand command) {
        if (command.requestedBy() != ReasonCode.CUSTOMER_CANCELLED
                && command.requestedBy() != ReasonCode.OPERATOR_CANCELLED) {
            throw new DomainException(ErrorCode.INVALID_ORDER,
                    "A cancellation is requested by CUSTOMER_CANCELLED or OPERATOR_CANCELLED, not "
                            + command.requestedBy());
        }
        switch (status) {
            case PENDING, STOCK_RESERVED, PAYMENT_AUTHORIZED -> apply(new OrderCancellationRequestedEvent(
                    orderId, command.requestedBy(), command.comment() == null ? "" : command.comment(), status));
            case CANCELLATION_REQUESTED -> {
                // requested before: nothing more to do
            }
            case SHIPMENT_SCHEDULED, COMPLETED -> throw new DomainException(ErrorCode.CANCELLATION_NOT_ALLOWED,
                    "Order " + orderId + " has shipped and can no longer be cancelled");
            case REJECTED, CANCELLED -> throw new DomainException(ErrorCode.INVALID_ORDER_TRANSITION,
                    "Order " + orderId + " has already ended " + status);
        }
    }

    /** Saga step 2: every line has its stock reserved. */
    @CommandHandler
    public void handle(MarkOrderStockReservedCommand command) {
        if (isForwardBefore(OrderStatus.STOCK_RESERVED)) {
            apply(new OrderStockReservedEvent(orderId));
        }
    }

    /** Saga step 3: the payment is authorised. */
    @CommandHandler
    public void handle(MarkOrderPaymentAuthorizedCommand command) {
        if (isForwardBefore(OrderStatus.PAYMENT_AUTHORIZED)) {
            apply(new OrderPaymentAuthorizedEvent(orderId, command.paymentId(), command.amount()));
        }
    }

    /**
     * Saga step 4, the point of no return: the shipment is scheduled. Nothing happens if the customer
     * requested cancellation first; the saga then compensates.
     */
    @CommandHandler
    public void handle(MarkOrderShipmentScheduledCommand command) {
        if (isForwardBefore(OrderStatus.SHIPMENT_SCHEDULED)) {
            apply(new OrderShipmentScheduledEvent(orderId, command.shipmentId(), command.trackingNumber()));
        }
    }

    /** Saga step 5: the order is fulfilled. Applied only to an order whose shipment is scheduled. */
    @CommandHandler
    public void handle(CompleteOrderCommand command) {
        if (status == OrderStatus.SHIPMENT_SCHEDULED) {
            apply(new OrderCompletedEvent(orderId));
        }
    }

    /** Saga end: the order could not be accepted and nothing was charged. */
    @CommandHandler
    public void handle(RejectOrderCommand command) {
        Objects.requireNonNull(command.reason(), "reason");
        if (mayStillEndUnfulfilled()) {
            apply(new OrderRejectedEvent(orderId, command.reason()));
        }
    }

    /** Saga end: the order is cancelled after its completed steps were compensated. */
    @CommandHandler
    public void handle(CancelOrderCommand command) {
        Objects.requireNonNull(command.reason(), "reason");
        if (mayStillEndUnfulfilled()) {
            apply(new OrderCancelledEvent(orderId, command.reason()));
        }
    }

    /** Whether the status is on the forward path and before the given forward status. */
    private boolean isForwardBefore(OrderStatus target) {
        int position = FORWARD_PATH.indexOf(status);
        return position >= 0 && position < FORWARD_PATH.indexOf(target);
    }

    /** Whether the order is in flight and before the point of no return. */
    private boolean mayStillEndUnfulfilled() {
        return switch (status) {
            case PENDING, STOCK_RESERVED, PAYMENT_AUTHORIZED, CANCELLATION_REQUESTED -> true;
            case SHIPMENT_SCHEDULED, COMPLETED, REJECTED, CANCELLED -> false;
        };
    }

    @EventSourcingHandler
    void on(OrderPlacedEvent event) {
        orderId = event.orderId();
        status = OrderStatus.PENDING;
    }

    @EventSourcingHandler
    void on(OrderStockReservedEvent event) {
        status = OrderStatus.STOCK_RESERVED;
    }

    @EventSourcingHandler
    void on(OrderPaymentAuthorizedEvent event) {
        status = OrderStatus.PAYMENT_AUTHORIZED;
    }

    @EventSourcingHandler
    void on(OrderShipmentScheduledEvent event) {
        status = OrderStatus.SHIPMENT_SCHEDULED;
    }

    @EventSourcingHandler
    void on(OrderCompletedEvent event) {
        status = OrderStatus.COMPLETED;
    }

    @EventSourcingHandler
    void on(OrderCancellationRequestedEvent event) {
        status = OrderStatus.CANCELLATION_REQUESTED;
    }

    @EventSourcingHandler
    void on(OrderRejectedEvent event) {
        status = OrderStatus.REJECTED;
        failureReason = event.reason();
    }

    @EventSourcingHandler
    void on(OrderCancelledEvent event) {
        status = OrderStatus.CANCELLED;
        failureReason = event.reason();
    }

    /** The current status. */
    OrderStatus status() {
        return status;
    }

    /** Why the order was rejected or cancelled; {@code null} in every other status. */
    FailureReason failureReason() {
        return failureReason;
    }
}
