package io.orderflow.write.inventory;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the inventory aggregate.
 *
 * @param snapshotThreshold {@code orderflow.inventory.snapshot-threshold}: a product is snapshotted
 *                          after this many events were applied since it was loaded (default 100)
 * @param orderMemory       {@code orderflow.inventory.order-memory}: how long a product remembers an
 *                          order whose reservation was released or committed, measured between the
 *                          events' own timestamps (default 7 days, see {@link OrderMemory})
 */
@ConfigurationProperties("orderflow.inventory")
public record InventoryProperties(@DefaultValue("100") int snapshotThreshold,
                                  @DefaultValue("7d") Duration orderMemory) {

    public InventoryProperties {
        if (snapshotThreshold < 1) {
            throw new IllegalArgumentException(
                    "orderflow.inventory.snapshot-threshold must be at least 1: " + snapshotThreshold);
        }
        if (orderMemory == null || orderMemory.isZero() || orderMemory.isNegative()) {
            throw new IllegalArgumentException("orderflow.inventory.order-memory must be positive: " + orderMemory);
        }
    }
}
