package io.orderflow.write.order;

import io.orderflow.api.inventory.Sku;

/**
 * Port: tells whether a product is in the catalogue, so an order for an unknown SKU is refused
 * before it is placed.
 */
@FunctionalInterface
public interface KnownProducts {

    /**
     * @param sku the product
     * @return whether a product with that SKU was registered
     */
    boolean exists(Sku sku);
}
