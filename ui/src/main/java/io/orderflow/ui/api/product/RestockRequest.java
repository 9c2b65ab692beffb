package io.orderflow.ui.api.product;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The body of {@code POST /api/products/{sku}/restock}.
 *
 * @param quantity units to add to the stock on hand, 1 or more
 */
@Schema(description = "Units to add to a product's stock")
public record RestockRequest(@Schema(example = "25") @NotNull @Min(1) @Max(1_000_000_000) Integer quantity) {
}
