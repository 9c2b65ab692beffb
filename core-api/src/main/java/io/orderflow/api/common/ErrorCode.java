package io.orderflow.api.common;

/**
 * Business error codes. The write side raises them as data ({@link BusinessError}); the HTTP layer
 * maps each {@link Kind} to a status code.
 */
public enum ErrorCode {
    UNKNOWN_SKU(Kind.UNPROCESSABLE),
    PRODUCT_ALREADY_EXISTS(Kind.CONFLICT),
    INVALID_QUANTITY(Kind.UNPROCESSABLE),
    INVALID_ORDER(Kind.UNPROCESSABLE),
    ORDER_ALREADY_EXISTS(Kind.CONFLICT),
    ORDER_NOT_FOUND(Kind.NOT_FOUND),
    INVALID_ORDER_TRANSITION(Kind.CONFLICT),
    CANCELLATION_NOT_ALLOWED(Kind.CONFLICT),
    PAYMENT_NOT_FOUND(Kind.NOT_FOUND),
    SHIPMENT_NOT_FOUND(Kind.NOT_FOUND),
    /** A product registration breaks a rule other than its quantity, for example a blank name. */
    INVALID_PRODUCT(Kind.UNPROCESSABLE);

    /** How a client should read the error, independent of the transport. */
    public enum Kind {
        /** The request is well formed but breaks a business rule. */
        UNPROCESSABLE,
        /** The request conflicts with the current state of the resource. */
        CONFLICT,
        /** The resource does not exist. */
        NOT_FOUND
    }

    private final Kind kind;

    ErrorCode(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
