package io.orderflow.ui.api.problem;

/**
 * A command or query was not answered within the configured timeout. Its outcome is unknown: a command
 * may still complete. Answered with 503 and {@code Retry-After}; clients retry (with the same
 * {@code Idempotency-Key} when placing an order).
 */
public class DispatchTimeoutException extends RuntimeException {

    /**
     * Creates the exception.
     *
     * @param message what timed out
     * @param cause   the underlying timeout or interruption
     */
    public DispatchTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
