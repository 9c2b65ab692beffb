package io.orderflow.ui.api.admin;

import io.orderflow.api.operations.DeadLetterReplayOutcome;
import io.orderflow.api.operations.DeadLetters;
import io.orderflow.api.operations.FindDeadLettersQuery;
import io.orderflow.api.operations.ReplayDeadLetterCommand;
import io.orderflow.ui.api.CommandDispatcher;
import io.orderflow.ui.api.QueryDispatcher;
import io.orderflow.ui.api.problem.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dead letters of the read-model consumer groups: records that could not be read, or still
 * failed after bounded retries. An operator lists them and, once the cause is fixed, replays them.
 */
@RestController
@RequestMapping(path = "/api/admin/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Admin", description = "Operations and fault injection")
public class DeadLetterController {

    private static final String GROUP = "[A-Za-z0-9._-]{1,200}";

    private final QueryDispatcher queries;
    private final CommandDispatcher commands;

    /**
     * Creates the controller.
     *
     * @param queries  asks the queries
     * @param commands sends the replay commands
     */
    public DeadLetterController(QueryDispatcher queries, CommandDispatcher commands) {
        this.queries = queries;
        this.commands = commands;
    }

    /**
     * Lists the dead letters of one consumer group.
     *
     * @param group the consumer group
     * @param limit at most this many, 1 to 1000
     * @return the dead letters, oldest first, and every group that has a dead-letter topic
     */
    @GetMapping
    @Operation(summary = "List the dead letters of a read-model consumer group, oldest first")
    @ApiResponse(responseCode = "200", description = "The dead letters and the known groups")
    @ProblemResponse(status = 400, description = "Group or limit malformed")
    @ProblemResponse(status = 503, description = "Kafka did not answer in time")
    public DeadLetters deadLetters(
            @Parameter(description = "Consumer group") @RequestParam(name = "group", defaultValue = "orderflow.projections.order-view")
            @Pattern(regexp = GROUP) String group,
            @Parameter(description = "At most this many (1-1000)") @RequestParam(name = "limit", defaultValue = "100")
            @Min(1) @Max(1000) int limit) {
        return queries.ask(new FindDeadLettersQuery(group, limit), ResponseTypes.instanceOf(DeadLetters.class));
    }

    /**
     * Puts one dead letter back on the event topic. A second replay of the same record does nothing.
     *
     * @param group     the consumer group
     * @param partition the partition of the record in the dead-letter topic
     * @param offset    the offset of the record in the dead-letter topic
     * @return what happened: {@code REPLAYED}, {@code ALREADY_REPLAYED} or {@code NOT_FOUND}
     */
    @PostMapping("/{group}/{partition}/{offset}/replay")
    @Operation(summary = "Replay one dead letter onto the event topic (at most once)")
    @ApiResponse(responseCode = "200", description = "What the replay did")
    @ProblemResponse(status = 400, description = "Group, partition or offset malformed")
    @ProblemResponse(status = 503, description = "Kafka did not answer in time")
    public DeadLetterReplayOutcome replay(
            @PathVariable("group") @Pattern(regexp = GROUP) String group,
            @PathVariable("partition") @Min(0) int partition,
            @PathVariable("offset") @Min(0) long offset) {
        return commands.send(new ReplayDeadLetterCommand(group, partition, offset));
    }
}
