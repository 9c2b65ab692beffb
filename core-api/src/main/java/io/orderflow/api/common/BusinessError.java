package io.orderflow.api.common;

import java.util.Objects;

/**
 * A domain error as data: the serializable form in which a refused command travels back to its
 * sender (as the details of Axon's {@code CommandExecutionException}).
 *
 * @param code    the business error code
 * @param message a human-readable explanation
 */
public record BusinessError(ErrorCode code, String message) {

    public BusinessError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
