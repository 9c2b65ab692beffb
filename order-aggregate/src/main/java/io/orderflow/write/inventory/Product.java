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
import io.orderflow.write.support.DomainException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The stock of one product, identified by its {@link Sku}; event sourced and snapshotted every
 * {@code orderflow.inventory.snapshot-threshold} events (see {@link InventoryConfiguration}).
 *
 * <p>State: units on hand, units reserved, the reservation each order holds, the orders whose
 * reservation was released (tombstones, so a late reservation can never leak stock) and the orders
 * whose reservation was committed (shipped). Invariant: {@code 0 <= reserved <= onHand}; a
 * reservation is granted only when {@code onHand - reserved} covers it.
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
 * instances.
 *
 * <p>The tombstone and committed sets grow with every order that touched the product; they are part
 * of the snapshot. Fields are visible to Jackson, which serializes the snapshots.
 */
@Aggregate(snapshotTriggerDefinition = InventoryConfiguration.SNAPSHOT_TRIGGER_DEFINITION)
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public class Product {

    static final String RELEASED_REASON = "stock for this order was released";

    @AggregateIdentifier
    private Sku sku;
    private int onHand;
    private int reserved;
    private Map<UUID, Integer> reservations = new HashMap<>();
    private Set<UUID> released = new HashSet<>();
    private Set<UUID> committed = new HashSet<>();

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
        if (reservations.containsKey(order) || committed.contains(order)) {
            return;
        }
        int available = onHand - reserved;
        if (released.contains(order)) {
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
        if (released.contains(order) || committed.contains(order)) {
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
    void on(StockRestockedEvent event) {
        onHand = event.onHand();
        reserved = event.reserved();
    }

    @EventSourcingHandler
    void on(StockReservedEvent event) {
        reservations.put(event.orderId().value(), event.quantity());
        onHand = event.onHand();
        reserved = event.reserved();
    }

    @EventSourcingHandler
    void on(StockReleasedEvent event) {
        reservations.remove(event.orderId().value());
        released.add(event.orderId().value());
        onHand = event.onHand();
        reserved = event.reserved();
    }

    @EventSourcingHandler
    void on(StockCommittedEvent event) {
        reservations.remove(event.orderId().value());
        committed.add(event.orderId().value());
        onHand = event.onHand();
        reserved = event.reserved();
    }

    /** Units in the warehouse. */
    int onHand() {
        return onHand;
    }

    /** Units held for orders in flight. */
    int reserved() {
        return reserved;
    }
}
