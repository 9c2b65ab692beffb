package io.orderflow.ui.api.problem;

import java.time.Duration;
import java.util.Objects;

/**
 * The application refused new work because it is behind; nothing was done. Answered with 503, type
 * {@link ProblemTypes#OVERLOADED} and {@code Retry-After}; clients retry later (with the same
 * {@code Idempotency-Key} when placing an order).
 */
public class OverloadedException extends RuntimeException {

    private final transient Duration retryAfter;

    /**
     * Creates the exception.
     *
     * @param reason     what is behind
     * @param retryAfter when the client should try again
     */
    public OverloadedException(String reason, Duration retryAfter) {
        super(reason);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** When the client should try again. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
