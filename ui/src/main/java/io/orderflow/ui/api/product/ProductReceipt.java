package io.orderflow.ui.api.product;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The answer to an accepted product command.
 *
 * @param sku   the product
 * @param links where to read and restock the product
 */
@Schema(description = "An accepted product command")
public record ProductReceipt(@Schema(example = "BOOK-1") String sku, Links links) {

    /**
     * Links to the product.
     *
     * @param self    read the product and its stock
     * @param restock add stock
     */
    @Schema(name = "ProductLinks")
    public record Links(@Schema(example = "/api/products/BOOK-1") String self,
                        @Schema(example = "/api/products/BOOK-1/restock") String restock) {
    }
}
