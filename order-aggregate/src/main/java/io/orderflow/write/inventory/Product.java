package io.orderflow.write.inventory;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.orderflow.api.common.ErrorCode;
import io.orderflow.api.inventory.CommitStockCommand;
import io.orderflow.api.inventory.ProductRegisteredEvent;
import io.orderflow.api.inventory.RegisterProductCommand;
import io.orderflow.api.inventory.ReleaseStockCommand;
import io.orderflow.api.inventory.ReserveStockCommand;
import io.orderflow.api.inventory.RestockCommand;
import io.orderflow.api.inventory.Sku;
import io.orderflow.api.inventory.StockCommittedEvent;
import io.orderflow.api.inventory.StockReleasedEvent;
import io.orderflow.api.inventory.StockReservationRejectedEvent;
import io.orderflow.api.inventory.StockReservedEvent;
import io.orderflow.api.inventory.StockRestockedEvent;
import io.orderflow.api.order.OrderId;
import io.orderflow.write.support.AggregateCacheConfiguration;
import io.orderflow.write.support.DomainException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The stock of one product, identified by its {@link Sku}; event sourced, snapshotted every
 * {@code orderflow.inventory.snapshot-threshold} events (see {@link InventoryConfiguration}) and kept
 * in memory between commands ({@link AggregateCacheConfiguration}).
 *
 * <p>State: units on hand, units reserved, the reservation each order holds, the orders whose
 * reservation was released (tombstones, so a late reservation can never leak stock) and the orders
 * whose reservation was committed (shipped), each with the time of its release or commit, for the
 * {@link OrderMemory} (below). Invariant: {@code 0 <= reserved <= onHand}; a reservation is granted
 * only when {@code onHand - reserved} covers it.
 *
 * <table>
 * <caption>Commands</caption>
 * <tr><th>command</th><th>outcome</th></tr>
 * <tr><td>{@link RegisterProductCommand}</td><td>{@link ProductRegisteredEvent}; refused with
 *     {@code PRODUCT_ALREADY_EXISTS}, {@code INVALID_PRODUCT} (blank name) or {@code INVALID_QUANTITY}
 *     (negative stock)</td></tr>
 * <tr><td>{@link RestockCommand}</td><td>{@link StockRestockedEvent}; refused with
 *     {@code INVALID_QUANTITY}; an unknown SKU is reported as {@code UNKNOWN_SKU}</td></tr>
 * <tr><td>{@link ReserveStockCommand}</td><td>{@link StockReservedEvent}, or
 *     {@link StockReservationRejectedEvent} when short, not positive, or released for that order;
 *     nothing when the order holds (or held and shipped) a reservation</td></tr>
 * <tr><td>{@link ReleaseStockCommand}</td><td>{@link StockReleasedEvent} with the held quantity, or
 *     0 and a tombstone when nothing was held; nothing when already released or committed</td></tr>
 * <tr><td>{@link CommitStockCommand}</td><td>{@link StockCommittedEvent}; nothing when already
 *     committed or nothing is held</td></tr>
 * </table>
 *
 * <p><b>Concurrency.</b> Two commands for the same SKU may run at once on different threads (or
 * instances). Each decides on the state it loaded and appends its event with the next sequence
 * number; the event store's unique key on (aggregate identifier, sequence number) lets only the
 * first commit, and the second fails with a {@code ConcurrencyException}. The application's command
 * gateway retries that exception with back-off, so the second command is decided again on the new
 * state. Stock therefore never goes negative and is never reserved twice, without locks spanning
 * instances. (With the aggregate cache a command that appends nothing is not checked this way; see
 * {@link AggregateCacheConfiguration} before running several instances.)
 *
 * <p><b>Forgetting settled orders.</b> Without a limit the released and committed orders would grow
 * with every order the product ever saw, and so would every snapshot and every load. Each event
 * applied therefore forgets the orders released or committed longer than the {@link OrderMemory}
 * ({@code orderflow.inventory.order-memory}, 7 days) before that event's own timestamp. The decision
 * uses only the events (their timestamps, truncated to the milliseconds the event store keeps), so
 * replaying the same events always gives the same state, whether live, cached, from a snapshot or
 * from the first event. A product that receives no event keeps what it remembers until its next one.
 * Remembered orders are kept in the order they were settled, so forgetting looks at the oldest only.
 *
 * <p>Forgetting is safe because nothing asks about an order that long after it was settled. The saga
 * sends {@link ReserveStockCommand} once, when the order is placed (again only when that saga event
 * is retried after a rollback, within the saga's bounded retries), and never after a release: a
 * reservation that is not answered within the stock timeout fails the saga, which releases. A release
 * can overtake its reservation on the asynchronous command bus, and a duplicate reservation can follow
 * a commit, but only by the time a command waits in the bus's queue plus the gateway's transient
 * retries and the saga's event retries: seconds, at most minutes. Sagas are not replayed (Axon's saga
 * processors do not support a reset). A {@link ReleaseStockCommand} (a re-sent compensation) arriving
 * after the memory finds no reservation and records a release of 0 units, changing no stock; a late
 * {@link CommitStockCommand} finds no reservation and does nothing. Only a {@link ReserveStockCommand}
 * for the same order arriving after the memory would be granted again, and no path delays one by
 * days. A shorter memory is just as safe as long as it stays well above those minutes.
 *
 * <p>Fields are visible to Jackson, which serializes the snapshots. {@link Revision} 2 is the shape
 * with settlement times; Axon configures a {@code RevisionSnapshotFilter} from it, so the event store
 * ignores a snapshot of the earlier shape (sets of order ids, no revision) and the product is rebuilt
 * from its events, and snapshotted again.
 */
@Aggregate(snapshotTriggerDefinition = InventoryConfiguration.SNAPSHOT_TRIGGER_DEFINITION,
        cache = AggregateCacheConfiguration.PRODUCT_CACHE)
@Revision("2")
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public class Product {

    static final String RELEASED_REASON = "stock for this order was released";

    @AggregateIdentifier
    private Sku sku;
    private int onHand;
    private int reserved;
    private Map<UUID, Integer> reservations = new HashMap<>();
    /** Orders whose reservation was released, with the time of the release, oldest first. */
    private LinkedHashMap<UUID, Instant> released = new LinkedHashMap<>();
    /** Orders whose reservation was committed, with the time of the commit, oldest first. */
    private LinkedHashMap<UUID, Instant> committed = new LinkedHashMap<>();

    /** For Axon and Jackson: rebuilds a product from its events or from a snapshot. */
    protected Product() {
    }

    /**
     * Registers the product with its initial stock. Creates the aggregate if it does not exist.
     *
     * @throws DomainException {@link ErrorCode#PRODUCT_ALREADY_EXISTS}, {@link ErrorCode#INVALID_PRODUCT}
     *                         or {@link ErrorCode#INVALID_QUANTITY}
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RegisterProductCommand command) {
        if (sku != null) {
            throw new DomainException(ErrorCode.PRODUCT_ALREADY_EXISTS, "Product " + sku + " already exists");
        }
        if (command.name() == null || command.name().isBlank()) {
            throw new DomainException(ErrorCode.INVALID_PRODUCT, "A product needs a name");
        }
        if (command.initialStock() < 0) {
            throw new DomainException(ErrorCode.INVALID_QUANTITY,
                    "Initial stock must not be negative, got " + command.initialStock());
        }
        apply(new ProductRegisteredEvent(command.sku(), command.name().strip(), command.initialStock()));
    }

    /**
     * Adds units to the stock on hand.
     *
     * @throws DomainException {@link ErrorCode#INVALID_QUANTITY} if the quantity is not positive or
     *                         the stock would exceed {@link Integer#MAX_VALUE}
     */
    @CommandHandler
    public void handle(RestockCommand command) {
        if (command.quantity() < 1) {
            throw new DomainException(ErrorCode.INVALID_QUANTITY,
                    "Restock quantity must be at least 1, got " + command.quantity());
        }
        if (command.quantity() > Integer.MAX_VALUE - onHand) {
            throw new DomainException(ErrorCode.INVALID_QUANTITY,
                    "Restocking " + command.quantity() + " units would exceed the largest stock level");
        }
        apply(new StockRestockedEvent(sku, command.quantity(), onHand + command.quantity(), reserved));
    }

    /** Reserves units for an order; answers with an event, never with an exception. */
    @CommandHandler
    public void handle(ReserveStockCommand command) {
        UUID order = command.orderId().value();
        if (reservations.containsKey(order) || committed.containsKey(order)) {
            return;
        }
        int available = onHand - reserved;
        if (released.containsKey(order)) {
            reject(command, available, RELEASED_REASON);
        } else if (command.quantity() < 1) {
            reject(command, available, "quantity must be at least 1");
        } else if (command.quantity() > available) {
            reject(command, available, "insufficient stock: requested " + command.quantity()
                    + ", available " + available);
        } else {
            apply(new StockReservedEvent(sku, command.orderId(), command.quantity(), onHand,
                    reserved + command.quantity()));
        }
    }

    private void reject(ReserveStockCommand command, int available, String reason) {
        apply(new StockReservationRejectedEvent(sku, command.orderId(), command.quantity(), available, reason));
    }

    /** Compensation: gives back the units reserved for an order and remembers the release. */
    @CommandHandler
    public void handle(ReleaseStockCommand command) {
        UUID order = command.orderId().value();
        if (released.containsKey(order) || committed.containsKey(order)) {
            return;
        }
        int quantity = reservations.getOrDefault(order, 0);
        apply(new StockReleasedEvent(sku, command.orderId(), quantity, onHand, reserved - quantity));
    }

    /** The order shipped: its reserved units leave the stock on hand. */
    @CommandHandler
    public void handle(CommitStockCommand command) {
        UUID order = command.orderId().value();
        Integer quantity = reservations.get(order);
        if (quantity == null) {
            return;
        }
        apply(new StockCommittedEvent(sku, command.orderId(), quantity, onHand - quantity, reserved - quantity));
    }

    @EventSourcingHandler
    void on(ProductRegisteredEvent event) {
        sku = event.sku();
        onHand = event.initialStock();
        reserved = 0;
    }

    @EventSourcingHandler
    void on(StockRestockedEvent event, @Timestamp Instant timestamp, OrderMemory memory) {
        forgetOrdersSettledLongBefore(timestamp, memory);
        onHand = event.onHand();
        reserved = event.reserved();
    }

    @EventSourcingHandler
    void on(StockReservedEvent event, @Timestamp Instant timestamp, OrderMemory memory) {
        forgetOrdersSettledLongBefore(timestamp, memory);
        reservations.put(event.orderId().value(), event.quantity());
        onHand = event.onHand();
        reserved = event.reserved();
    }

    @EventSourcingHandler
    void on(StockReservationRejectedEvent event, @Timestamp Instant timestamp, OrderMemory memory) {
        forgetOrdersSettledLongBefore(timestamp, memory);
    }

    @EventSourcingHandler
    void on(StockReleasedEvent event, @Timestamp Instant timestamp, OrderMemory memory) {
        forgetOrdersSettledLongBefore(timestamp, memory);
        reservations.remove(event.orderId().value());
        remember(released, event.orderId(), timestamp);
        onHand = event.onHand();
        reserved = event.reserved();
    }

    @EventSourcingHandler
    void on(StockCommittedEvent event, @Timestamp Instant timestamp, OrderMemory memory) {
        forgetOrdersSettledLongBefore(timestamp, memory);
        reservations.remove(event.orderId().value());
        remember(committed, event.orderId(), timestamp);
        onHand = event.onHand();
        reserved = event.reserved();
    }

    /**
     * The event store keeps timestamps to the millisecond, while an event applied live carries the
     * clock's full precision: both are cut to milliseconds, so a product that stayed in memory and one
     * replayed from the store hold the same times and forget the same orders.
     */
    private static Instant storedPrecision(Instant timestamp) {
        return timestamp.truncatedTo(ChronoUnit.MILLIS);
    }

    private static void remember(LinkedHashMap<UUID, Instant> settled, OrderId order, Instant timestamp) {
        // remove first, so that the order moves to the end and the map stays ordered by time
        settled.remove(order.value());
        settled.put(order.value(), storedPrecision(timestamp));
    }

    private void forgetOrdersSettledLongBefore(Instant timestamp, OrderMemory memory) {
        Instant horizon = memory.horizon(storedPrecision(timestamp));
        forgetSettledBefore(released, horizon);
        forgetSettledBefore(committed, horizon);
    }

    /** Drops entries from the oldest on while they are older than the horizon. */
    private static void forgetSettledBefore(LinkedHashMap<UUID, Instant> settled, Instant horizon) {
        Iterator<Instant> times = settled.values().iterator();
        while (times.hasNext() && times.next().isBefore(horizon)) {
            times.remove();
        }
    }

    /** Units in the warehouse. */
    int onHand() {
        return onHand;
    }

    /** Units held for orders in flight. */
    int reserved() {
        return reserved;
    }

    /** Whether the product still remembers that the order's reservation was released or committed. */
    boolean remembersSettlementOf(OrderId order) {
        return released.containsKey(order.value()) || committed.containsKey(order.value());
    }

    /** The number of released and committed orders the product remembers. */
    int rememberedSettlements() {
        return released.size() + committed.size();
    }
}
