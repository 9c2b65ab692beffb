package io.orderflow.projections.order;

import io.orderflow.api.order.FailureReason;
import io.orderflow.api.order.OrderCancellationRequestedEvent;
import io.orderflow.api.order.OrderCancelledEvent;
import io.orderflow.api.order.OrderCompletedEvent;
import io.orderflow.api.order.OrderPaymentAuthorizedEvent;
import io.orderflow.api.order.OrderPlacedEvent;
import io.orderflow.api.order.OrderRejectedEvent;
import io.orderflow.api.order.OrderShipmentScheduledEvent;
import io.orderflow.api.order.OrderStatus;
import io.orderflow.api.order.OrderStockReservedEvent;
import io.orderflow.projections.support.BatchSql;
import io.orderflow.projections.support.DeliveredEvent;
import io.orderflow.projections.support.EventMeta;
import io.orderflow.projections.support.KeyedRows;
import io.orderflow.projections.support.ProcessedEvents;
import io.orderflow.projections.support.ReadModelBatch;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies events to the order view ({@code order_view}, {@code order_history}), whatever transport
 * delivered them. Every order-related event of every context appends a sentence to the order's
 * history; events of the order aggregate also move its status. Idempotent: the event id is recorded
 * in the processed-event ledger in the same transaction, so a redelivery changes nothing.
 *
 * <p>Callers deliver the events of one order in order (the Kafka key and the Axon processor's sequencing
 * are the order id). The view still tolerates late and reordered deliveries: a terminal status is never
 * overwritten, steps never go backwards, and an order-aggregate event older than the last applied
 * one does not change the status.
 *
 * <p><b>Batches, plain JDBC.</b> A feed that applies many events in one transaction {@link #begin begins} a
 * {@link ReadModelBatch}: one claim of the ledger marks of its events, one query for the rows of its
 * orders; the events are then applied to those rows in memory, and {@link ReadModelBatch#write} inserts new
 * orders, updates changed ones (only those) and inserts the history rows, one JDBC batch each.
 * No entity is loaded or flushed: Hibernate's flush, dirty checking and query interpretation were the
 * largest CPU cost of the read models. The JDBC statements run on the transaction's connection, so they
 * commit or roll back with it; the query side ({@link OrderQueryHandler}) still reads through JPA, in its
 * own transactions. {@link #apply} is a batch of one event, for the Axon feed.
 */
@Service
public class OrderViewUpdater {

    /** The processing group, and the processor name in the processed-event ledger. */
    public static final String PROCESSOR = "order-view";

    private static final Logger LOG = LoggerFactory.getLogger(OrderViewUpdater.class);

    private final OrderViewTable table;
    private final ProcessedEvents processedEvents;

    OrderViewUpdater(JdbcTemplate jdbc, ProcessedEvents processedEvents) {
        this.table = new OrderViewTable(jdbc);
        this.processedEvents = processedEvents;
    }

    /**
     * Applies one event to the order view, in the caller's transaction or a new one: a batch of one.
     *
     * @param payload the event; events that are not about an order are ignored
     * @param meta    the event's id, time and aggregate sequence
     * @return {@code true} if the event was applied, {@code false} if it is not about an order or
     *         was applied before
     */
    @Transactional
    public boolean apply(Object payload, EventMeta meta) {
        ReadModelBatch batch = begin(List.of(new DeliveredEvent(payload, meta)));
        boolean applied = batch.apply(payload, meta);
        batch.write();
        return applied;
    }

    /**
     * Begins a batch in the current transaction: claims the ledger marks of the order-related events of
     * {@code events} (one claim) and looks up the rows of their orders (one query). A batch of events
     * none of which is about an order costs no statement.
     *
     * @param events the events, in the order they will be applied
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public ReadModelBatch begin(List<DeliveredEvent> events) {
        return new Batch(events);
    }

    /**
     * Empties the order view and forgets which events it processed, before a replay rebuilds it.
     */
    @Transactional
    public void reset() {
        table.deleteAll();
        int forgotten = processedEvents.forget(PROCESSOR);
        LOG.info("Order view reset; {} processed events forgotten", forgotten);
    }

    /** The order view as one batch sees and changes it. */
    private final class Batch implements ReadModelBatch {

        /** The facts of the batch's events, worked out once when it began. */
        private final Map<Object, OrderEventFact> facts = new IdentityHashMap<>();
        private final ProcessedEvents.Marks marks;
        /** The rows the batch knows (looked up or placed in it), by order id; in order-id order for the writes. */
        private final KeyedRows<OrderViewRow> rows = new KeyedRows<>(table::find);
        private final List<OrderHistoryRow> history = new ArrayList<>();

        Batch(List<DeliveredEvent> events) {
            List<String> eventIds = new ArrayList<>(events.size());
            Set<String> orderIds = new HashSet<>();
            for (DeliveredEvent event : events) {
                OrderEventFacts.of(event.payload()).ifPresent(fact -> {
                    facts.put(event.payload(), fact);
                    eventIds.add(event.meta().eventId());
                    orderIds.add(fact.orderId().toString());
                });
            }
            marks = processedEvents.claim(PROCESSOR, eventIds);
            rows.lookUp(orderIds);
        }

        @Override
        public boolean apply(Object payload, EventMeta meta) {
            OrderEventFact fact = facts.get(payload);
            if (fact == null) {
                Optional<OrderEventFact> relevant = OrderEventFacts.of(payload);
                if (relevant.isEmpty()) {
                    return false;
                }
                fact = relevant.get();
            }
            if (!marks.markProcessed(meta, payload, LOG, "the order view")) {
                return false;
            }
            String orderId = fact.orderId().toString();
            history.add(new OrderHistoryRow(orderId, meta.eventId(), meta.occurredAt(), fact.eventType(), fact.description()));
            OrderViewRow row = rows.get(orderId);
            if (payload instanceof OrderPlacedEvent placed) {
                if (row == null) {
                    rows.put(orderId, newRow(placed, meta));
                }
                return true;
            }
            if (row == null) {
                // other contexts' events may arrive before OrderPlacedEvent on an unordered feed: the
                // history keeps them; a status event without its order is an inconsistency worth a warning
                if (statusOf(payload) != null) {
                    LOG.warn("Order {} is not in the order view; {} {} changes only its history",
                            orderId, fact.eventType(), meta.eventId());
                }
                return true;
            }
            OrderStatus target = statusOf(payload);
            if (target != null) {
                moveStatus(row, target, reasonOf(payload), meta, fact);
            }
            row.touch(meta.occurredAt());
            return true;
        }

        @Override
        public void write() {
            BatchSql.requireTransaction("Writing the order view");
            marks.write();
            List<OrderViewRow> inserts = new ArrayList<>();
            List<OrderViewRow> updates = new ArrayList<>();
            for (OrderViewRow row : rows.inKeyOrder()) {
                if (row.inserted()) {
                    inserts.add(row);
                } else if (row.changed()) {
                    updates.add(row);
                }
            }
            table.insert(inserts);
            table.update(updates);
            table.insertHistory(history);
            // written: what the batch applies from now on is compared with what it has just written
            for (OrderViewRow row : inserts) {
                rows.put(row.orderId(), row.asStored());
            }
            for (OrderViewRow row : updates) {
                rows.put(row.orderId(), row.asStored());
            }
            history.clear();
        }
    }

    private static void moveStatus(OrderViewRow view, OrderStatus target, FailureReason reason, EventMeta meta,
            OrderEventFact fact) {
        if (meta.isStaleComparedTo(view.lastEventSequence())) {
            LOG.debug("Order {}: {} (sequence {}) is older than the last applied event (sequence {}); status kept",
                    view.orderId(), fact.eventType(), meta.aggregateSequence(), view.lastEventSequence());
            return;
        }
        OrderStatus before = view.status();
        if (!view.moveTo(target, reason)) {
            LOG.debug("Order {}: {} would move {} to {}; status kept", view.orderId(), fact.eventType(), before, target);
        }
        view.recordAggregateSequence(meta.aggregateSequence());
    }

    private static OrderViewRow newRow(OrderPlacedEvent placed, EventMeta meta) {
        return OrderViewRow.placed(
                placed.orderId().toString(),
                new OrderViewRow.Placement(
                        placed.customerId().value(),
                        placed.total().amount(),
                        placed.total().currency(),
                        OrderLinesJson.write(placed.lines()),
                        placed.placedAt() != null ? placed.placedAt() : meta.occurredAt()),
                meta.occurredAt(),
                meta.aggregateSequence());
    }

    /** The status an event of the order aggregate moves the order to, or {@code null}. */
    private static OrderStatus statusOf(Object payload) {
        if (payload instanceof OrderStockReservedEvent) {
            return OrderStatus.STOCK_RESERVED;
        }
        if (payload instanceof OrderPaymentAuthorizedEvent) {
            return OrderStatus.PAYMENT_AUTHORIZED;
        }
        if (payload instanceof OrderShipmentScheduledEvent) {
            return OrderStatus.SHIPMENT_SCHEDULED;
        }
        if (payload instanceof OrderCompletedEvent) {
            return OrderStatus.COMPLETED;
        }
        if (payload instanceof OrderCancellationRequestedEvent) {
            return OrderStatus.CANCELLATION_REQUESTED;
        }
        if (payload instanceof OrderRejectedEvent) {
            return OrderStatus.REJECTED;
        }
        if (payload instanceof OrderCancelledEvent) {
            return OrderStatus.CANCELLED;
        }
        return null;
    }

    private static FailureReason reasonOf(Object payload) {
        if (payload instanceof OrderRejectedEvent rejected) {
            return rejected.reason();
        }
        if (payload instanceof OrderCancelledEvent cancelled) {
            return cancelled.reason();
        }
        return null;
    }
}
