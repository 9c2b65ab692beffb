package io.orderflow.projections.inventory;

import io.orderflow.api.inventory.ProductRegisteredEvent;
import io.orderflow.api.inventory.Sku;
import io.orderflow.api.inventory.StockCommittedEvent;
import io.orderflow.api.inventory.StockReleasedEvent;
import io.orderflow.api.inventory.StockReservedEvent;
import io.orderflow.api.inventory.StockRestockedEvent;
import io.orderflow.projections.support.DeliveredEvent;
import io.orderflow.projections.support.EventMeta;
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
 * Applies product events to {@code product_stock}, whatever transport delivered them. The stock
 * events carry the levels after the change, and the view sets them rather than adding deltas; with
 * the processed-event ledger (same transaction) and the aggregate sequence check, duplicates,
 * replays and late deliveries leave the levels right.
 *
 * <p>A feed that applies a batch in one transaction calls {@link #prefetch} first: the ledger marks and
 * the product rows of the whole batch then cost one query each, not one per event.
 */
@Service
public class ProductStockUpdater {

    /** The processing group, and the processor name in the processed-event ledger. */
    public static final String PROCESSOR = "product-stock";

    private static final Logger LOG = LoggerFactory.getLogger(ProductStockUpdater.class);

    private final ProductStockRepository products;
    private final ProcessedEvents processedEvents;

    ProductStockUpdater(ProductStockRepository products, ProcessedEvents processedEvents) {
        this.products = products;
        this.processedEvents = processedEvents;
    }

    /**
     * Applies one event to the product stock, in the caller's transaction or a new one.
     *
     * @param payload the event; events that do not change stock levels are ignored
     * @param meta    the event's id, time and aggregate sequence
     * @return {@code true} if the event changed the stock view, {@code false} if it is not a stock
     *         event, was applied before, or is older than the levels already shown (a late
     *         registration still names the product)
     */
    @Transactional
    public boolean apply(Object payload, EventMeta meta) {
        StockLevels levels = levelsOf(payload);
        if (levels == null) {
            return false;
        }
        if (!processedEvents.markProcessed(PROCESSOR, meta.eventId())) {
            LOG.debug("Event {} ({}) was applied to the product stock before; ignored",
                    meta.eventId(), payload.getClass().getSimpleName());
            return false;
        }
        Optional<ProductStockEntity> found = products.findById(levels.sku().value());
        String name = payload instanceof ProductRegisteredEvent registered ? registered.name() : null;
        if (found.isEmpty()) {
            // Stock events are keyed by order id and the registration by SKU, so on Kafka they travel
            // on different partitions: a reservation can arrive before its product's registration.
            // The levels it carries are absolute, so keep them; the name follows with the registration.
            products.save(new ProductStockEntity(levels.sku().value(), name,
                    levels.onHand(), levels.reserved(), meta.aggregateSequence(), meta.occurredAt()));
            return true;
        }
        ProductStockEntity product = found.get();
        if (name != null) {
            product.rename(name);
        }
        if (meta.isStaleComparedTo(product.lastEventSequence())) {
            LOG.debug("Product {}: {} (sequence {}) is older than the levels shown (sequence {}); levels kept",
                    levels.sku(), payload.getClass().getSimpleName(), meta.aggregateSequence(), product.lastEventSequence());
            return name != null;
        }
        product.setLevels(levels.onHand(), levels.reserved(), meta.aggregateSequence(), meta.occurredAt());
        return true;
    }

    /**
     * Looks up, for a batch about to be applied in the current transaction, the ledger marks of its stock
     * events and the rows of their products, one query each, so that {@link #apply} needs no query of its
     * own for them. Loaded rows stay in the transaction's persistence context.
     *
     * @param batch the events, in the order they will be applied
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void prefetch(List<DeliveredEvent> batch) {
        List<String> eventIds = new ArrayList<>(batch.size());
        Set<String> skus = new LinkedHashSet<>();
        for (DeliveredEvent event : batch) {
            StockLevels levels = levelsOf(event.payload());
            if (levels != null) {
                eventIds.add(event.meta().eventId());
                skus.add(levels.sku().value());
            }
        }
        if (eventIds.isEmpty()) {
            return;
        }
        processedEvents.prefetch(PROCESSOR, eventIds);
        // loads the rows into the persistence context, where apply's findById finds them; a product not
        // there yet (its registration is still on its way) costs apply one query, as before
        products.findAllById(skus);
    }

    /** Empties the product stock view and forgets which events it processed, before a replay rebuilds it. */
    @Transactional
    public void reset() {
        products.deleteAllInBatch();
        int forgotten = processedEvents.forget(PROCESSOR);
        LOG.info("Product stock view reset; {} processed events forgotten", forgotten);
    }

    private static StockLevels levelsOf(Object payload) {
        if (payload instanceof ProductRegisteredEvent e) {
            return new StockLevels(e.sku(), e.initialStock(), 0);
        }
        if (payload instanceof StockRestockedEvent e) {
            return new StockLevels(e.sku(), e.onHand(), e.reserved());
        }
        if (payload instanceof StockReservedEvent e) {
            return new StockLevels(e.sku(), e.onHand(), e.reserved());
        }
        if (payload instanceof StockReleasedEvent e) {
            return new StockLevels(e.sku(), e.onHand(), e.reserved());
        }
        if (payload instanceof StockCommittedEvent e) {
            return new StockLevels(e.sku(), e.onHand(), e.reserved());
        }
        return null;
    }

    /** The levels of one product after an event. */
    private record StockLevels(Sku sku, int onHand, int reserved) {
    }
}
