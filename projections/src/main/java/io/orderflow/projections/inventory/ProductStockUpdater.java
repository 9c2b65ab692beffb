package io.orderflow.projections.inventory;

import io.orderflow.api.inventory.ProductRegisteredEvent;
import io.orderflow.api.inventory.Sku;
import io.orderflow.api.inventory.StockCommittedEvent;
import io.orderflow.api.inventory.StockReleasedEvent;
import io.orderflow.api.inventory.StockReservedEvent;
import io.orderflow.api.inventory.StockRestockedEvent;
import io.orderflow.projections.support.BatchSql;
import io.orderflow.projections.support.DeliveredEvent;
import io.orderflow.projections.support.EventMeta;
import io.orderflow.projections.support.KeyedRows;
import io.orderflow.projections.support.ProcessedEvents;
import io.orderflow.projections.support.ReadModelBatch;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies product events to {@code product_stock}, whatever transport delivered them. The stock
 * events carry the levels after the change, and the view sets them rather than adding deltas; with
 * the processed-event ledger (same transaction) and the aggregate sequence check, duplicates,
 * replays and late deliveries leave the levels right.
 *
 * <p><b>Batches, plain JDBC.</b> A feed that applies many events in one transaction {@link #begin begins} a
 * {@link ReadModelBatch}: one claim of the ledger marks of its stock events, one query for the rows
 * of their products; the events are applied to those rows in memory, and {@link ReadModelBatch#write} inserts
 * new products, sets the newest levels of changed ones and names late-registered ones, one JDBC batch each,
 * without Hibernate. Two consumers may change one product at the same time
 * (stock events are keyed by order): see {@link ProductStockTable} for why that loses no update.
 * {@link #apply} is a batch of one event, for the Axon feed.
 */
@Service
public class ProductStockUpdater {

    /** The processing group, and the processor name in the processed-event ledger. */
    public static final String PROCESSOR = "product-stock";

    private static final Logger LOG = LoggerFactory.getLogger(ProductStockUpdater.class);

    private final ProductStockTable table;
    private final ProcessedEvents processedEvents;

    ProductStockUpdater(JdbcTemplate jdbc, ProcessedEvents processedEvents) {
        this.table = new ProductStockTable(jdbc);
        this.processedEvents = processedEvents;
    }

    /**
     * Applies one event to the product stock, in the caller's transaction or a new one: a batch of one.
     *
     * @param payload the event; events that do not change stock levels are ignored
     * @param meta    the event's id, time and aggregate sequence
     * @return {@code true} if the event changed the stock view, {@code false} if it is not a stock
     *         event, was applied before, or is older than the levels already shown (a late
     *         registration still names the product)
     */
    @Transactional
    public boolean apply(Object payload, EventMeta meta) {
        ReadModelBatch batch = begin(List.of(new DeliveredEvent(payload, meta)));
        boolean applied = batch.apply(payload, meta);
        batch.write();
        return applied;
    }

    /**
     * Begins a batch in the current transaction: claims the ledger marks of the stock events of
     * {@code events} (one claim) and looks up the rows of their products (one query). A batch without
     * stock events costs no statement.
     *
     * @param events the events, in the order they will be applied
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public ReadModelBatch begin(List<DeliveredEvent> events) {
        return new Batch(events);
    }

    /** Empties the product stock view and forgets which events it processed, before a replay rebuilds it. */
    @Transactional
    public void reset() {
        table.deleteAll();
        int forgotten = processedEvents.forget(PROCESSOR);
        LOG.info("Product stock view reset; {} processed events forgotten", forgotten);
    }

    /** The product stock view as one batch sees and changes it. */
    private final class Batch implements ReadModelBatch {

        private final ProcessedEvents.Marks marks;
        /** The rows the batch knows (looked up or created in it), by SKU; in SKU order for the writes. */
        private final KeyedRows<ProductStockRow> rows = new KeyedRows<>(table::find);

        Batch(List<DeliveredEvent> events) {
            List<String> eventIds = new ArrayList<>(events.size());
            Set<String> skus = new HashSet<>();
            for (DeliveredEvent event : events) {
                StockLevels levels = levelsOf(event.payload());
                if (levels != null) {
                    eventIds.add(event.meta().eventId());
                    skus.add(levels.sku().value());
                }
            }
            marks = processedEvents.claim(PROCESSOR, eventIds);
            rows.lookUp(skus);
        }

        @Override
        public boolean apply(Object payload, EventMeta meta) {
            StockLevels levels = levelsOf(payload);
            if (levels == null) {
                return false;
            }
            if (!marks.markProcessed(meta, payload, LOG, "the product stock")) {
                return false;
            }
            String sku = levels.sku().value();
            ProductStockRow product = rows.get(sku);
            String name = payload instanceof ProductRegisteredEvent registered ? registered.name() : null;
            if (product == null) {
                // Stock events are keyed by order id and the registration by SKU, so on Kafka they travel
                // on different partitions: a reservation can arrive before its product's registration.
                // The levels it carries are absolute, so keep them; the name follows with the registration.
                rows.put(sku, ProductStockRow.created(sku, name, levels.onHand(), levels.reserved(),
                        meta.aggregateSequence(), meta.occurredAt()));
                return true;
            }
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

        @Override
        public void write() {
            BatchSql.requireTransaction("Writing the product stock");
            marks.write();
            List<ProductStockRow> inserts = new ArrayList<>();
            List<ProductStockRow> levelUpdates = new ArrayList<>();
            List<ProductStockRow> renames = new ArrayList<>();
            for (ProductStockRow row : rows.inKeyOrder()) {
                if (row.inserted()) {
                    inserts.add(row);
                }
                if (row.levelsChanged()) {
                    levelUpdates.add(row);
                }
                if (row.renamed()) {
                    renames.add(row);
                }
            }
            table.insert(inserts);
            table.updateLevels(levelUpdates);
            table.rename(renames);
            // written: what the batch applies from now on starts from what it has just written
            for (ProductStockRow row : inserts) {
                rows.put(row.sku(), row.asStored());
            }
            for (ProductStockRow row : levelUpdates) {
                rows.put(row.sku(), row.asStored());
            }
            for (ProductStockRow row : renames) {
                rows.put(row.sku(), row.asStored());
            }
        }
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
