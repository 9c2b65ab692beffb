package io.orderflow.api.inventory;

/**
 * The read model of a product's stock.
 *
 * @param onHand    units in the warehouse
 * @param reserved  units held for orders in flight
 * @param available units that can still be reserved ({@code onHand - reserved})
 */
public record ProductStock(Sku sku, String name, int onHand, int reserved, int available) {
}
