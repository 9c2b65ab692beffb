package io.orderflow.ui.api.problem;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.List;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;

/**
 * Adds the {@link ProblemResponse}s of a handler method, and a 500 for every operation, to the OpenAPI
 * description, each as {@code application/problem+json} with the {@value #SCHEMA_NAME} schema.
 */
public class ProblemResponsesCustomizer implements OperationCustomizer {

    /** The name of the problem schema in the OpenAPI components. */
    public static final String SCHEMA_NAME = "Problem";

    private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    @Override
    public Operation customize(Operation operation, HandlerMethod handlerMethod) {
        List<ProblemResponse> documented = new ArrayList<>(AnnotatedElementUtils.findMergedRepeatableAnnotations(
                handlerMethod.getMethod(), ProblemResponse.class, ProblemResponses.class));
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        for (ProblemResponse problem : documented) {
            responses.addApiResponse(String.valueOf(problem.status()), problemResponse(problem.description()));
        }
        if (!responses.containsKey("500")) {
            responses.addApiResponse("500", problemResponse(
                    "Unexpected failure; the problem carries the correlation id to quote"));
        }
        operation.setResponses(responses);
        return operation;
    }

    private static ApiResponse problemResponse(String description) {
        Schema<?> schema = new Schema<>().$ref("#/components/schemas/" + SCHEMA_NAME);
        return new ApiResponse()
                .description(description)
                .content(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(schema)));
    }
}
