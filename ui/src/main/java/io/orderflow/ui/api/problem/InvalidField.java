package io.orderflow.ui.api.problem;

/**
 * One invalid input of a request, as listed in the {@code errors} member of a validation problem.
 *
 * @param field   the JSON path of a body field ({@code lines[0].quantity}), or the name of a parameter or
 *                header
 * @param message what is wrong with it
 */
public record InvalidField(String field, String message) {
}
