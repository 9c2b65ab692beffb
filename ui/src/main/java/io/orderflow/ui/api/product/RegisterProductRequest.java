package io.orderflow.ui.api.product;

import io.orderflow.api.inventory.RegisterProductCommand;
import io.orderflow.api.inventory.Sku;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/products}.
 *
 * @param sku          the new product's SKU
 * @param name         its display name
 * @param initialStock units on hand from the start, 0 or more
 */
@Schema(description = "A product to register")
public record RegisterProductRequest(
        @Schema(example = "BOOK-1") @NotNull @SkuFormat String sku,
        @Schema(example = "The Analytical Engine") @NotBlank @Size(max = 200) String name,
        @Schema(example = "100") @NotNull @Min(0) @Max(1_000_000_000) Integer initialStock) {

    /**
     * The command for this (validated) request.
     *
     * @return the command to send
     */
    RegisterProductCommand toCommand() {
        return new RegisterProductCommand(new Sku(sku), name, initialStock);
    }
}
