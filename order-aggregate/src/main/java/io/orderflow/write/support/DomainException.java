package io.orderflow.write.support;

import io.orderflow.api.common.BusinessError;
import io.orderflow.api.common.ErrorCode;

/**
 * A customer command broke a business rule. Thrown by aggregates and command handlers of the write
 * side only; {@link BusinessErrorInterceptor} turns it into a
 * {@link org.axonframework.commandhandling.CommandExecutionException} whose details are the
 * {@link BusinessError}, so the sender never sees this class.
 *
 * <p>Saga-dispatched commands never throw it: they answer business outcomes with events.
 */
public class DomainException extends RuntimeException {

    private final transient BusinessError error;

    /**
     * @param code    the business error code
     * @param message a human-readable explanation, shown to the client
     */
    public DomainException(ErrorCode code, String message) {
        super(message);
        this.error = new BusinessError(code, message);
    }

    /** The error as data, as it travels back to the sender. */
    public BusinessError error() {
        return error;
    }

    /** The business error code. */
    public ErrorCode code() {
        return error.code();
    }
}
