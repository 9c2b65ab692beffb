package io.orderflow.write.inventory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the inventory aggregate.
 *
 * @param snapshotThreshold {@code orderflow.inventory.snapshot-threshold}: a product is snapshotted
 *                          after this many events were applied since it was loaded (default 100)
 */
@ConfigurationProperties("orderflow.inventory")
public record InventoryProperties(@DefaultValue("100") int snapshotThreshold) {

    public InventoryProperties {
        if (snapshotThreshold < 1) {
            throw new IllegalArgumentException(
                    "orderflow.inventory.snapshot-threshold must be at least 1: " + snapshotThreshold);
        }
    }
}
