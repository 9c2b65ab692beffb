package io.orderflow.ui.api.problem;

import java.util.List;

/**
 * A request input that bean validation cannot check (a path variable, a header) is invalid. Answered with
 * 400 and a {@link ProblemTypes#VALIDATION_FAILED} problem listing the {@link InvalidField}s.
 */
public class InvalidRequestException extends RuntimeException {

    private final transient List<InvalidField> errors;

    /**
     * Creates the exception for one invalid input.
     *
     * @param field   the parameter or header name
     * @param message what is wrong with it
     */
    public InvalidRequestException(String field, String message) {
        super(field + " " + message);
        this.errors = List.of(new InvalidField(field, message));
    }

    /**
     * The invalid inputs.
     *
     * @return at least one entry
     */
    public List<InvalidField> errors() {
        return errors;
    }
}
