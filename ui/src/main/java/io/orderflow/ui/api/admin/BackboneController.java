package io.orderflow.ui.api.admin;

import io.orderflow.api.operations.BackboneStatus;
import io.orderflow.api.operations.FindBackboneStatusQuery;
import io.orderflow.ui.api.QueryDispatcher;
import io.orderflow.ui.api.problem.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * How the Kafka backbone is doing, for the admin UI: publisher lag, consumer lag per group and
 * partition, dead letters, skipped duplicates and whether Kafka answers. The same numbers are Micrometer
 * meters at {@code /actuator/prometheus}.
 */
@RestController
@RequestMapping(path = "/api/admin/backbone", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Admin", description = "Operations and fault injection")
public class BackboneController {

    private final QueryDispatcher queries;

    /**
     * Creates the controller.
     *
     * @param queries asks the queries
     */
    public BackboneController(QueryDispatcher queries) {
        this.queries = queries;
    }

    /**
     * The state of the Kafka backbone.
     *
     * @return lags, counters and Kafka's status
     */
    @GetMapping
    @Operation(summary = "Read the state of the Kafka backbone",
            description = "publisherLag: events in the event store not yet on Kafka (-1 when this instance does "
                    + "not run the publisher); consumerLag: per consumer group of the event topic and partition, "
                    + "records not yet committed (measured every few seconds); deadLetters and duplicatesSkipped: "
                    + "per read model since this instance started; kafkaStatus: UP or DOWN.")
    @ApiResponse(responseCode = "200", description = "The backbone's state")
    @ProblemResponse(status = 503, description = "The backbone's state could not be read in time")
    public BackboneStatus backbone() {
        return queries.ask(new FindBackboneStatusQuery(), ResponseTypes.instanceOf(BackboneStatus.class));
    }
}
