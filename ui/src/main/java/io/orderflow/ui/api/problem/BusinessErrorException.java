package io.orderflow.ui.api.problem;

import io.orderflow.api.common.BusinessError;
import java.util.Objects;

/**
 * A business error the API itself detects (an order the event store does not know, a restock of an
 * unknown product). Answered exactly like a {@link BusinessError} returned by a refused command.
 */
public class BusinessErrorException extends RuntimeException {

    private final transient BusinessError error;

    /**
     * Creates the exception.
     *
     * @param error the business error to answer with
     */
    public BusinessErrorException(BusinessError error) {
        super(Objects.requireNonNull(error, "error").message());
        this.error = error;
    }

    /**
     * The business error.
     *
     * @return never {@code null}
     */
    public BusinessError error() {
        return error;
    }
}
