package io.orderflow.ui.api.problem;

import io.orderflow.api.common.ErrorCode;
import java.net.URI;
import java.util.Locale;

/**
 * The stable {@code type} URIs of the API's problem details, and the names of the extension members it
 * adds. A type URI identifies the kind of problem; clients may branch on it (or on {@value #CODE} for
 * business errors).
 */
public final class ProblemTypes {

    /** The base of every problem type URI. */
    public static final String BASE = "https://orderflow.io/problems/";

    /** One or more fields, parameters or headers are invalid; see {@value #ERRORS}. */
    public static final URI VALIDATION_FAILED = of("validation-failed");

    /** The body is not readable JSON, has a value of the wrong type, or is missing. */
    public static final URI MALFORMED_REQUEST = of("malformed-request");

    /** The body is larger than {@code orderflow.api.max-body-bytes}. */
    public static final URI REQUEST_BODY_TOO_LARGE = of("request-body-too-large");

    /** The resource does not exist (read side). */
    public static final URI PRODUCT_NOT_FOUND = of("product-not-found");

    /** Another request changed the same resource at the same moment; retrying is safe. */
    public static final URI CONCURRENT_MODIFICATION = of("concurrent-modification");

    /** The command or query was not answered in time; its outcome is unknown, retrying is safe. */
    public static final URI TIMEOUT = of("timeout");

    /** The application is behind and refused new work; nothing was done, retry after {@code Retry-After}. */
    public static final URI OVERLOADED = of("overloaded");

    /** Something unexpected failed; quote {@value #CORRELATION_ID} when reporting it. */
    public static final URI INTERNAL_ERROR = of("internal-error");

    /** Extension member: the {@link ErrorCode} of a business error. */
    public static final String CODE = "code";

    /** Extension member: the list of {@link InvalidField}s of a validation failure. */
    public static final String ERRORS = "errors";

    /** Extension member: the correlation id of the request. */
    public static final String CORRELATION_ID = "correlationId";

    private ProblemTypes() {
    }

    /**
     * The type URI of a business error, for example {@code https://orderflow.io/problems/unknown-sku}.
     *
     * @param code the business error code
     * @return its problem type URI
     */
    public static URI of(ErrorCode code) {
        return of(code.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    private static URI of(String slug) {
        return URI.create(BASE + slug);
    }
}
