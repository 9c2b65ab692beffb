package io.orderflow.ui.api.problem;

import java.io.IOException;

/**
 * Thrown while reading a request body that turns out larger than {@code orderflow.api.max-body-bytes}
 * (a chunked body, or a {@code Content-Length} that lied). Answered with 400, not 413, by design of the
 * API contract.
 */
public class RequestBodyTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long limit;

    /**
     * Creates the exception.
     *
     * @param limit the largest body accepted, in bytes
     */
    public RequestBodyTooLargeException(long limit) {
        super("request body exceeds " + limit + " bytes");
        this.limit = limit;
    }

    /**
     * The largest body accepted.
     *
     * @return the limit in bytes
     */
    public long limit() {
        return limit;
    }
}
