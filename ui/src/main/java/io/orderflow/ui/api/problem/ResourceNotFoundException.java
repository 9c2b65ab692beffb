package io.orderflow.ui.api.problem;

import java.net.URI;
import java.util.Objects;

/** A read-side resource does not exist. Answered with 404 and the given problem type. */
public class ResourceNotFoundException extends RuntimeException {

    private final URI type;

    /**
     * Creates the exception.
     *
     * @param type   the problem type, for example {@link ProblemTypes#PRODUCT_NOT_FOUND}
     * @param detail what was not found, in words
     */
    public ResourceNotFoundException(URI type, String detail) {
        super(detail);
        this.type = Objects.requireNonNull(type, "type");
    }

    /**
     * The problem type.
     *
     * @return the type URI
     */
    public URI type() {
        return type;
    }
}
