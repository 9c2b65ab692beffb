package io.orderflow.api.inventory;

/** Asks for one product and its stock levels; answered with {@link ProductStock}. */
public record FindProductQuery(Sku sku) {
}
