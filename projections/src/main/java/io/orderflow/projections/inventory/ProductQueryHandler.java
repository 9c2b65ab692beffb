package io.orderflow.projections.inventory;

import io.orderflow.api.inventory.FindProductQuery;
import io.orderflow.api.inventory.FindProductsQuery;
import io.orderflow.api.inventory.ProductCatalogue;
import io.orderflow.api.inventory.ProductStock;
import io.orderflow.api.inventory.Sku;
import java.util.Optional;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Answers the product queries from the product stock view. {@link FindProductQuery} is answered
 * with an {@code Optional<ProductStock>}: ask with {@code ResponseTypes.optionalInstanceOf(ProductStock.class)}.
 */
@Component
class ProductQueryHandler {

    private static final Sort BY_SKU = Sort.by("sku");

    private final ProductStockRepository products;

    ProductQueryHandler(ProductStockRepository products) {
        this.products = products;
    }

    /** One product's stock levels; empty if the view does not know the SKU. */
    @QueryHandler
    @Transactional(readOnly = true)
    public Optional<ProductStock> handle(FindProductQuery query) {
        return products.findById(query.sku().value()).map(ProductQueryHandler::toStock);
    }

    /** Every product with its stock levels, ordered by SKU. */
    @QueryHandler
    @Transactional(readOnly = true)
    public ProductCatalogue handle(FindProductsQuery query) {
        return new ProductCatalogue(products.findAll(BY_SKU).stream().map(ProductQueryHandler::toStock).toList());
    }

    private static ProductStock toStock(ProductStockEntity product) {
        return new ProductStock(new Sku(product.sku()), product.name(), product.onHand(), product.reserved(),
                product.onHand() - product.reserved());
    }
}
