package io.orderflow.ui.api.order;

import io.orderflow.api.order.OrderStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;

/**
 * The answer to an accepted order command: the order id, the status the command leads to, and where to
 * follow the order.
 *
 * @param orderId the order
 * @param status  {@code PENDING} after placing, {@code CANCELLATION_REQUESTED} after asking to cancel
 * @param links   where to read and cancel the order
 */
@Schema(description = "An accepted order command")
public record OrderReceipt(UUID orderId, OrderStatus status, Links links) {

    /**
     * Links to the order.
     *
     * @param self   read the order
     * @param cancel ask to cancel the order
     */
    @Schema(name = "OrderLinks")
    public record Links(@Schema(example = "/api/orders/3f0c9d1e-7a55-4f0e-8d0e-4b1de2a7b9c1") String self,
                        @Schema(example = "/api/orders/3f0c9d1e-7a55-4f0e-8d0e-4b1de2a7b9c1/cancel") String cancel) {
    }
}
