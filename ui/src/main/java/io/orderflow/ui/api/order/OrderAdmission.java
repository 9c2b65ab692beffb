package io.orderflow.ui.api.order;

import java.time.Duration;
import java.util.Optional;

/**
 * Whether a new order may be placed now. Asked before a {@code PlaceOrderCommand} is sent: an
 * application that is already behind refuses new orders at once ({@code 503} with {@code Retry-After})
 * instead of queueing them behind work its callers have long stopped waiting for. Cancellations and
 * reads are never refused, and nothing already accepted is affected.
 *
 * <p>Without an implementation in the application context every order is admitted.
 */
@FunctionalInterface
public interface OrderAdmission {

    /** Admits every order. */
    OrderAdmission ALWAYS = Optional::empty;

    /**
     * @return empty when an order may be placed now; otherwise why not, and when to try again
     */
    Optional<Refusal> refusal();

    /**
     * Why new orders are refused right now.
     *
     * @param reason     what is behind, for the problem's detail and the log
     * @param retryAfter when the client should try again
     */
    record Refusal(String reason, Duration retryAfter) {
    }
}
