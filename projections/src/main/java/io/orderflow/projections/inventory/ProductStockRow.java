package io.orderflow.projections.inventory;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of {@code product_stock} while a batch applies its events: the levels, name and timestamps its
 * events set, and what the batch has to write of it: a new row, new levels (guarded by the sequence of the
 * event they come from, see {@link ProductStockTable}), a name.
 */
final class ProductStockRow {

    /** The guard of levels that come from an event without a sequence number: such levels always apply. */
    static final long UNSEQUENCED = Long.MAX_VALUE;

    private final String sku;
    private final boolean inserted;
    private String name;
    private int onHand;
    private int reserved;
    private Long lastEventSequence;
    private Instant updatedAt;
    private boolean levelsChanged;
    private long levelsSequence;
    private boolean renamed;

    private ProductStockRow(String sku, boolean inserted, String name, int onHand, int reserved, Long lastEventSequence,
            Instant updatedAt) {
        this.sku = Objects.requireNonNull(sku, "sku");
        this.inserted = inserted;
        this.name = name;
        this.onHand = onHand;
        this.reserved = reserved;
        this.lastEventSequence = lastEventSequence;
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** A row as stored. */
    static ProductStockRow stored(String sku, String name, int onHand, int reserved, Long lastEventSequence,
            Instant updatedAt) {
        return new ProductStockRow(sku, false, name, onHand, reserved, lastEventSequence, updatedAt);
    }

    /** The row of a product this batch sees first: to be inserted. */
    static ProductStockRow created(String sku, String name, int onHand, int reserved, Long lastEventSequence,
            Instant updatedAt) {
        return new ProductStockRow(sku, true, name, onHand, reserved, lastEventSequence, updatedAt);
    }

    /** Sets the levels an event reports (absolute values, so a replay lands on the same numbers). */
    void setLevels(int onHand, int reserved, Long sequence, Instant at) {
        this.onHand = onHand;
        this.reserved = reserved;
        if (sequence != null) {
            this.lastEventSequence = sequence;
        }
        if (at.isAfter(updatedAt)) {
            this.updatedAt = at;
        }
        levelsChanged = true;
        levelsSequence = sequence == null ? UNSEQUENCED : sequence;
    }

    void rename(String name) {
        this.name = name;
        renamed = true;
    }

    /** The row as the batch's write has just stored it: nothing left to write. */
    ProductStockRow asStored() {
        return stored(sku, name, onHand, reserved, lastEventSequence, updatedAt);
    }

    /** Whether the row is not in the table yet: the batch inserts it. */
    boolean inserted() {
        return inserted;
    }

    /** Whether the batch set new levels on a stored row. */
    boolean levelsChanged() {
        return levelsChanged && !inserted;
    }

    /**
     * The aggregate sequence of the event the levels come from ({@link #UNSEQUENCED} if it had none): the
     * stored row takes them only if its own levels are older.
     */
    long levelsSequence() {
        return levelsSequence;
    }

    /** Whether the batch named a stored row. */
    boolean renamed() {
        return renamed && !inserted;
    }

    String sku() {
        return sku;
    }

    String name() {
        return name;
    }

    int onHand() {
        return onHand;
    }

    int reserved() {
        return reserved;
    }

    Long lastEventSequence() {
        return lastEventSequence;
    }

    Instant updatedAt() {
        return updatedAt;
    }
}
