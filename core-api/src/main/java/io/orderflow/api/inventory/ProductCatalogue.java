package io.orderflow.api.inventory;

import java.util.List;

/** Every product with its stock levels, ordered by SKU. */
public record ProductCatalogue(List<ProductStock> products) {

    public ProductCatalogue {
        products = List.copyOf(products);
    }
}
