package io.orderflow.ui.api.order;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;

/**
 * The optional body of {@code POST /api/orders/{id}/cancel}.
 *
 * @param comment why the customer cancels, at most 500 characters
 */
@Schema(description = "Why an order is cancelled")
public record CancelOrderRequest(@Schema(example = "Ordered by mistake") @Size(max = 500) String comment) {
}
