package io.orderflow.projections.inventory;

import io.orderflow.api.inventory.ProductRegisteredEvent;
import io.orderflow.api.inventory.Sku;
import io.orderflow.api.inventory.StockCommittedEvent;
import io.orderflow.api.inventory.StockReleasedEvent;
import io.orderflow.api.inventory.StockReservedEvent;
import io.orderflow.api.inventory.StockRestockedEvent;
import io.orderflow.projections.support.EventMeta;
import io.orderflow.projections.support.ProcessedEvents;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies product events to {@code product_stock}, whatever transport delivered them. The stock
 * events carry the levels after the change, and the view sets them rather than adding deltas; with
 * the processed-event ledger (same transaction) and the aggregate sequence check, duplicates,
 * replays and late deliveries leave the levels right.
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
     *         event, was applied before, is older than the levels already shown, or concerns an
     *         unknown product
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
        if (found.isEmpty()) {
            if (payload instanceof ProductRegisteredEvent registered) {
                products.save(new ProductStockEntity(registered.sku().value(), registered.name(),
                        levels.onHand(), levels.reserved(), meta.aggregateSequence(), meta.occurredAt()));
                return true;
            }
            LOG.warn("Product {} is not in the product stock view; {} {} ignored",
                    levels.sku(), payload.getClass().getSimpleName(), meta.eventId());
            return false;
        }
        ProductStockEntity product = found.get();
        if (meta.isStaleComparedTo(product.lastEventSequence())) {
            LOG.debug("Product {}: {} (sequence {}) is older than the levels shown (sequence {}); ignored",
                    levels.sku(), payload.getClass().getSimpleName(), meta.aggregateSequence(), product.lastEventSequence());
            return false;
        }
        if (payload instanceof ProductRegisteredEvent registered) {
            product.rename(registered.name());
        }
        product.setLevels(levels.onHand(), levels.reserved(), meta.aggregateSequence(), meta.occurredAt());
        return true;
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
