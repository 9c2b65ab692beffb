package io.orderflow.ui.api.problem;

import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.util.List;

/**
 * The shape of the API's problem details, for the OpenAPI description only: the answers themselves are
 * Spring {@link org.springframework.http.ProblemDetail}s with the same members.
 *
 * @param type          identifies the kind of problem, for example
 *                      {@code https://orderflow.io/problems/unknown-sku}
 * @param title         a short summary of the kind of problem
 * @param status        the HTTP status
 * @param detail        what went wrong with this request
 * @param instance      the request path
 * @param code          the business error code, for refused commands only
 * @param errors        the invalid inputs, for validation failures only
 * @param correlationId the correlation id of the request, as in the {@code X-Correlation-Id} header
 */
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record ApiProblem(
        @Schema(example = "https://orderflow.io/problems/unknown-sku") URI type,
        @Schema(example = "Unknown SKU") String title,
        @Schema(example = "422") int status,
        @Schema(example = "No product with SKU 'NOPE-1'") String detail,
        @Schema(example = "/api/orders") URI instance,
        @Schema(example = "UNKNOWN_SKU", nullable = true) String code,
        @Schema(nullable = true) List<InvalidField> errors,
        @Schema(example = "3f0c9d1e-7a55-4f0e-8d0e-4b1de2a7b9c1") String correlationId) {
}
