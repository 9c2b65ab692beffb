package io.orderflow.bench.observe;

import io.orderflow.api.order.OrderStatus;
import java.util.Objects;

/**
 * How a saga ended, as observed.
 *
 * @param status a terminal status: {@code COMPLETED}, {@code REJECTED} or {@code CANCELLED}
 * @param reason the reason code of a rejection or cancellation (for example {@code PAYMENT_DECLINED}),
 *               {@code null} when completed or unknown
 */
public record Outcome(OrderStatus status, String reason) {

    public Outcome {
        Objects.requireNonNull(status, "status");
        if (!status.isTerminal()) {
            throw new IllegalArgumentException("not a terminal status: " + status);
        }
    }

    /** A completed order. */
    public static Outcome completed() {
        return new Outcome(OrderStatus.COMPLETED, null);
    }

    /** Whether the order completed. */
    public boolean isCompleted() {
        return status == OrderStatus.COMPLETED;
    }

    /** {@code COMPLETED}, or status and reason, for example {@code CANCELLED:PAYMENT_DECLINED}. */
    public String label() {
        return reason == null || reason.isBlank() ? status.name() : status.name() + ":" + reason;
    }
}
