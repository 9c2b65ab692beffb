package io.orderflow.api.inventory;

/** Asks for the whole catalogue with stock levels; answered with {@link ProductCatalogue}. */
public record FindProductsQuery() {
}
