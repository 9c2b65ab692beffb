package io.orderflow.ui.api.admin;

import io.orderflow.api.operations.FindParkedSagaEventsQuery;
import io.orderflow.api.operations.ParkedSagaEvents;
import io.orderflow.ui.api.QueryDispatcher;
import io.orderflow.ui.api.problem.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What needs an operator: saga events that failed on every retry and were parked. */
@RestController
@RequestMapping(path = "/api/admin", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Admin", description = "Operations and fault injection")
public class OperationsController {

    private final QueryDispatcher queries;

    /**
     * Creates the controller.
     *
     * @param queries asks the queries
     */
    public OperationsController(QueryDispatcher queries) {
        this.queries = queries;
    }

    /**
     * Lists the parked saga events.
     *
     * @param limit at most this many, 1 to 500
     * @return the parked events, newest first
     */
    @GetMapping("/parked-saga-events")
    @Operation(summary = "List saga events parked after repeated failures, newest first")
    @ApiResponse(responseCode = "200", description = "The parked events")
    @ProblemResponse(status = 400, description = "Limit out of range")
    @ProblemResponse(status = 503, description = "The parked-event store did not answer in time")
    public ParkedSagaEvents parkedSagaEvents(
            @Parameter(description = "At most this many (1-500)") @RequestParam(name = "limit", defaultValue = "50")
            @Min(1) @Max(500) int limit) {
        return queries.ask(new FindParkedSagaEventsQuery(limit), ResponseTypes.instanceOf(ParkedSagaEvents.class));
    }
}
