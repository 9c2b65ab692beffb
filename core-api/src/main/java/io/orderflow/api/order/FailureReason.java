package io.orderflow.api.order;

import java.util.Objects;

/**
 * Why an order ended rejected or cancelled.
 *
 * @param code   machine-readable reason
 * @param detail human-readable detail, for example the decline message of the payment provider
 */
public record FailureReason(ReasonCode code, String detail) {

    public FailureReason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
    }
}
