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
import io.orderflow.projections.support.DeliveredEvent;
import io.orderflow.projections.support.EventMeta;
import io.orderflow.projections.support.PrefetchedKeys;
import io.orderflow.projections.support.ProcessedEvents;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies events to the order view ({@code order_view}, {@code order_history}), whatever transport
 * delivered them. Every order-related event of every context appends a sentence to the order's
 * history; events of the order aggregate also move its status. Idempotent: the event id is recorded
 * in the processed-event ledger in the same transaction, so a redelivery changes nothing.
 *
 * <p>Callers deliver the events of one order one at a time, in order (the Axon processor sequences
 * by order id). The view still tolerates late and reordered deliveries: a terminal status is never
 * overwritten, steps never go backwards, and an order-aggregate event older than the last applied
 * one does not change the status.
 *
 * <p>A feed that applies a batch in one transaction calls {@link #prefetch} first: the ledger marks and
 * the order rows of the whole batch then cost one query each, not one per event. History rows take
 * their ids from a sequence in blocks, so Hibernate sends them to the database in JDBC batches at the
 * commit instead of one insert per event.
 */
@Service
public class OrderViewUpdater {

    /** The processing group, and the processor name in the processed-event ledger. */
    public static final String PROCESSOR = "order-view";

    private static final Logger LOG = LoggerFactory.getLogger(OrderViewUpdater.class);

    /** The name of the prefetched order rows ({@link PrefetchedKeys}). */
    private static final String VIEWS = "order_view";

    /** The most order ids one prefetch query asks about. */
    private static final int PREFETCH_CHUNK = 1000;

    private final OrderViewRepository views;
    private final OrderHistoryRepository history;
    private final ProcessedEvents processedEvents;

    OrderViewUpdater(OrderViewRepository views, OrderHistoryRepository history, ProcessedEvents processedEvents) {
        this.views = views;
        this.history = history;
        this.processedEvents = processedEvents;
    }

    /**
     * Applies one event to the order view, in the caller's transaction or a new one.
     *
     * @param payload the event; events that are not about an order are ignored
     * @param meta    the event's id, time and aggregate sequence
     * @return {@code true} if the event was applied, {@code false} if it is not about an order or
     *         was applied before
     */
    @Transactional
    public boolean apply(Object payload, EventMeta meta) {
        Optional<OrderEventFact> relevant = OrderEventFacts.of(payload);
        if (relevant.isEmpty()) {
            return false;
        }
        if (!processedEvents.markProcessed(PROCESSOR, meta.eventId())) {
            LOG.debug("Event {} ({}) was applied to the order view before; ignored",
                    meta.eventId(), payload.getClass().getSimpleName());
            return false;
        }
        OrderEventFact fact = relevant.get();
        String orderId = fact.orderId().toString();
        history.save(new OrderHistoryEntity(orderId, meta.eventId(), meta.occurredAt(), fact.eventType(), fact.description()));

        PrefetchedKeys prefetched = PrefetchedKeys.current(this, VIEWS);
        Boolean known = prefetched == null ? null : prefetched.exists(orderId);
        if (payload instanceof OrderPlacedEvent placed) {
            if (known != null ? !known : !views.existsById(orderId)) {
                views.save(newView(placed, meta));
                if (prefetched != null) {
                    prefetched.added(orderId);
                }
            }
            return true;
        }
        // a prefetched row is in the persistence context: findById answers without a query
        Optional<OrderViewEntity> found = Boolean.FALSE.equals(known) ? Optional.empty() : views.findById(orderId);
        if (found.isEmpty()) {
            // other contexts' events may arrive before OrderPlacedEvent on an unordered feed: the
            // history keeps them; a status event without its order is an inconsistency worth a warning
            if (statusOf(payload) != null) {
                LOG.warn("Order {} is not in the order view; {} {} changes only its history",
                        orderId, fact.eventType(), meta.eventId());
            }
            return true;
        }
        OrderViewEntity view = found.get();
        OrderStatus target = statusOf(payload);
        if (target != null) {
            moveStatus(view, target, reasonOf(payload), meta, fact);
        }
        view.touch(meta.occurredAt());
        return true;
    }

    /**
     * Looks up, for a batch about to be applied in the current transaction, the ledger marks of its
     * order-related events and the rows of their orders, one query each, so that {@link #apply} needs no
     * query of its own for them. Loaded rows stay in the transaction's persistence context.
     *
     * @param batch the events, in the order they will be applied
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void prefetch(List<DeliveredEvent> batch) {
        List<String> eventIds = new ArrayList<>(batch.size());
        Set<String> orderIds = new LinkedHashSet<>();
        for (DeliveredEvent event : batch) {
            OrderEventFacts.orderIdOf(event.payload()).ifPresent(orderId -> {
                eventIds.add(event.meta().eventId());
                orderIds.add(orderId.toString());
            });
        }
        if (eventIds.isEmpty()) {
            return;
        }
        processedEvents.prefetch(PROCESSOR, eventIds);
        List<String> ids = List.copyOf(orderIds);
        List<String> present = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += PREFETCH_CHUNK) {
            views.findAllById(ids.subList(from, Math.min(ids.size(), from + PREFETCH_CHUNK)))
                    .forEach(view -> present.add(view.orderId()));
        }
        PrefetchedKeys.bind(this, VIEWS, ids, present);
    }

    /**
     * Empties the order view and forgets which events it processed, before a replay rebuilds it.
     */
    @Transactional
    public void reset() {
        history.deleteAllInBatch();
        views.deleteAllInBatch();
        int forgotten = processedEvents.forget(PROCESSOR);
        LOG.info("Order view reset; {} processed events forgotten", forgotten);
    }

    private static void moveStatus(OrderViewEntity view, OrderStatus target, FailureReason reason, EventMeta meta,
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

    private static OrderViewEntity newView(OrderPlacedEvent placed, EventMeta meta) {
        return new OrderViewEntity(
                placed.orderId().toString(),
                placed.customerId().value(),
                placed.total().amount(),
                placed.total().currency(),
                OrderLinesJson.write(placed.lines()),
                placed.placedAt() != null ? placed.placedAt() : meta.occurredAt(),
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
