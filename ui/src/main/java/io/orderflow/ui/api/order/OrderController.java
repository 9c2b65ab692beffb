package io.orderflow.ui.api.order;

import io.orderflow.api.common.BusinessError;
import io.orderflow.api.common.ErrorCode;
import io.orderflow.api.order.CustomerId;
import io.orderflow.api.order.FindOrderQuery;
import io.orderflow.api.order.FindOrdersQuery;
import io.orderflow.api.order.OrderDetails;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.order.OrderList;
import io.orderflow.api.order.OrderPlacedEvent;
import io.orderflow.api.order.OrderStatus;
import io.orderflow.api.order.PlaceOrderCommand;
import io.orderflow.api.order.ReasonCode;
import io.orderflow.api.order.RequestOrderCancellationCommand;
import io.orderflow.ui.api.ApiLinks;
import io.orderflow.ui.api.CommandDispatcher;
import io.orderflow.ui.api.QueryDispatcher;
import io.orderflow.ui.api.problem.BusinessErrorException;
import io.orderflow.ui.api.problem.InvalidRequestException;
import io.orderflow.ui.api.problem.OverloadedException;
import io.orderflow.ui.api.problem.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Orders: place one (idempotently with {@value #IDEMPOTENCY_KEY}), read one or many, ask to cancel one.
 * Commands go out through {@link CommandDispatcher}, queries through {@link QueryDispatcher}; requests
 * are validated completely before anything is sent.
 */
@RestController
@RequestMapping(path = "/api/orders", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Orders", description = "Place, follow and cancel orders")
public class OrderController {

    /** The optional request header that makes placing an order idempotent. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** The response header that marks the answer to a repeated idempotent request. */
    public static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

    private static final Logger log = LoggerFactory.getLogger(OrderController.class);

    private static final Pattern UUID_FORMAT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static final String ORDER_PATH = "/api/orders/{id}";
    private static final String CANCEL_PATH = "/api/orders/{id}/cancel";

    private final CommandDispatcher commands;
    private final QueryDispatcher queries;
    private final EventStore eventStore;
    private final Clock clock;
    private final OrderAdmission admission;

    /**
     * Creates the controller.
     *
     * @param commands   sends the commands
     * @param queries    asks the queries
     * @param eventStore tells whether an order the read model does not show yet exists
     * @param clock      the time orders are placed at
     * @param admission  whether a new order may be placed now ({@link OrderAdmission#ALWAYS} when the
     *                   application declares none)
     */
    public OrderController(CommandDispatcher commands, QueryDispatcher queries, EventStore eventStore, Clock clock,
                           ObjectProvider<OrderAdmission> admission) {
        this.commands = commands;
        this.queries = queries;
        this.eventStore = eventStore;
        this.clock = clock;
        this.admission = admission.getIfAvailable(() -> OrderAdmission.ALWAYS);
    }

    /**
     * Places an order.
     *
     * @param idempotencyKey the client's key, optional
     * @param request        the order
     * @return 202 with the order id and its {@code Location}
     */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Place an order",
            description = "Validates the order and hands it to fulfilment, which runs asynchronously: follow it at "
                    + "the Location. With an Idempotency-Key the order id is derived from the customer and the key, "
                    + "so repeating the request never creates a second order; a repeat answers 202 with the same id "
                    + "and Idempotent-Replayed: true.")
    @ApiResponse(responseCode = "202", description = "Accepted; fulfilment has started",
            headers = {
                @Header(name = "Location", description = "The order", schema = @Schema(type = "string")),
                @Header(name = IDEMPOTENT_REPLAYED, description = "true when the key was used before",
                        schema = @Schema(type = "boolean"))
            })
    @ProblemResponse(status = 400, description = "Invalid order, malformed JSON, body too large or invalid Idempotency-Key")
    @ProblemResponse(status = 409, description = "The order id is already taken (without an Idempotency-Key)")
    @ProblemResponse(status = 422, description = "The order breaks a business rule, for example an unknown SKU")
    @ProblemResponse(status = 503, description = "Not processed in time, or refused because the service is behind"
            + " (type overloaded, nothing was done); retry after Retry-After with the same Idempotency-Key")
    public ResponseEntity<OrderReceipt> placeOrder(
            @Parameter(description = "1 to 128 visible ASCII characters; the same key never creates two orders",
                    example = "b7e1c9a0-checkout-1")
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @Valid @RequestBody PlaceOrderRequest request) {
        Optional<IdempotencyKey> key = parseKey(idempotencyKey);
        CustomerId customerId = new CustomerId(request.customerId());
        OrderId orderId = key.map(k -> k.orderIdFor(customerId)).orElseGet(OrderId::random);
        PlaceOrderCommand command = request.toCommand(orderId, clock.instant());
        admission.refusal().ifPresent(refusal -> {
            throw new OverloadedException(refusal.reason(), refusal.retryAfter());
        });
        try {
            commands.send(command);
        } catch (CommandExecutionException e) {
            if (key.isPresent() && isOrderAlreadyExists(e)) {
                return accepted(orderId, true);
            }
            throw e;
        } catch (AggregateStreamCreationException | ConcurrencyException e) {
            if (key.isPresent() && eventStore.lastSequenceNumberFor(orderId.toString()).isPresent()) {
                return accepted(orderId, true);
            }
            throw e;
        }
        log.info("Order {} placed by {} with {} line(s)", orderId, customerId, command.lines().size());
        return accepted(orderId, false);
    }

    /**
     * Reads one order with its step history.
     *
     * @param id the order id
     * @return the order
     */
    @GetMapping("/{id}")
    @Operation(summary = "Read an order with its history",
            description = "An order accepted a moment ago may not be in the read model yet: it is then answered "
                    + "as PENDING with an empty history.")
    @ApiResponse(responseCode = "200", description = "The order")
    @ProblemResponse(status = 400, description = "The id is not a UUID")
    @ProblemResponse(status = 404, description = "No such order")
    @ProblemResponse(status = 503, description = "The read model did not answer in time")
    public OrderDetails getOrder(@Parameter(description = "Order id (UUID)") @PathVariable("id") String id) {
        OrderId orderId = parseOrderId(id);
        Optional<OrderDetails> found =
                queries.ask(new FindOrderQuery(orderId), ResponseTypes.optionalInstanceOf(OrderDetails.class));
        return Optional.ofNullable(found).flatMap(f -> f)
                .or(() -> acceptedButNotProjected(orderId))
                .orElseThrow(() -> orderNotFound(orderId));
    }

    /**
     * Lists the most recent orders.
     *
     * @param status only orders in this status, optional
     * @param limit  at most this many, 1 to 500
     * @return the orders, newest first
     */
    @GetMapping
    @Operation(summary = "List the most recent orders, newest first")
    @ApiResponse(responseCode = "200", description = "The orders")
    @ProblemResponse(status = 400, description = "Unknown status or limit out of range")
    @ProblemResponse(status = 503, description = "The read model did not answer in time")
    public OrderList listOrders(
            @Parameter(description = "Only orders in this status") @RequestParam(name = "status", required = false)
            OrderStatus status,
            @Parameter(description = "At most this many (1-500)") @RequestParam(name = "limit", defaultValue = "50")
            @Min(1) @Max(500) int limit) {
        return queries.ask(new FindOrdersQuery(status, limit), ResponseTypes.instanceOf(OrderList.class));
    }

    /**
     * Asks to cancel an order on behalf of its customer.
     *
     * @param id   the order id
     * @param body an optional comment
     * @return 202 with the order's {@code Location}
     */
    @PostMapping("/{id}/cancel")
    @Operation(summary = "Ask to cancel an order",
            description = "Cancellation is possible until the shipment is scheduled. The fulfilment saga then "
                    + "compensates the steps already done; follow the order at the Location.")
    @ApiResponse(responseCode = "202", description = "Cancellation requested",
            headers = @Header(name = "Location", description = "The order", schema = @Schema(type = "string")))
    @ProblemResponse(status = 400, description = "The id is not a UUID or the comment is too long")
    @ProblemResponse(status = 404, description = "No such order")
    @ProblemResponse(status = 409, description = "The order is shipped, cancelled or rejected already")
    @ProblemResponse(status = 503, description = "Not processed in time; retrying is safe")
    public ResponseEntity<OrderReceipt> cancelOrder(
            @Parameter(description = "Order id (UUID)") @PathVariable("id") String id,
            @Valid @RequestBody(required = false) CancelOrderRequest body) {
        OrderId orderId = parseOrderId(id);
        String comment = body == null ? null : body.comment();
        commands.sendToExisting(new RequestOrderCancellationCommand(orderId, ReasonCode.CUSTOMER_CANCELLED, comment),
                () -> new BusinessError(ErrorCode.ORDER_NOT_FOUND, "Order " + orderId + " does not exist"));
        log.info("Cancellation of order {} requested", orderId);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(ApiLinks.location(ORDER_PATH, orderId))
                .body(receipt(orderId, OrderStatus.CANCELLATION_REQUESTED));
    }

    private Optional<OrderDetails> acceptedButNotProjected(OrderId orderId) {
        if (eventStore.lastSequenceNumberFor(orderId.toString()).isEmpty()) {
            return Optional.empty();
        }
        Optional<OrderPlacedEvent> placed = placedEvent(orderId);
        return Optional.of(placed
                .map(e -> new OrderDetails(orderId, e.customerId(), OrderStatus.PENDING, null, e.lines(), e.total(),
                        e.placedAt(), e.placedAt(), List.of()))
                .orElseGet(() -> new OrderDetails(orderId, null, OrderStatus.PENDING, null, List.of(), null, null,
                        null, List.of())));
    }

    /** The event that placed the order, to describe an order the read model does not show yet. */
    private Optional<OrderPlacedEvent> placedEvent(OrderId orderId) {
        try {
            DomainEventStream events = eventStore.readEvents(orderId.toString());
            if (events != null && events.hasNext()) {
                DomainEventMessage<?> first = events.next();
                if (first.getPayload() instanceof OrderPlacedEvent placed) {
                    return Optional.of(placed);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not read the events of order {}: {}", orderId, e.toString());
        }
        return Optional.empty();
    }

    private static ResponseEntity<OrderReceipt> accepted(OrderId orderId, boolean replayed) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(ApiLinks.location(ORDER_PATH, orderId));
        if (replayed) {
            response.header(IDEMPOTENT_REPLAYED, "true");
        }
        return response.body(receipt(orderId, OrderStatus.PENDING));
    }

    private static OrderReceipt receipt(OrderId orderId, OrderStatus status) {
        return new OrderReceipt(orderId.value(), status,
                new OrderReceipt.Links(ApiLinks.path(ORDER_PATH, orderId), ApiLinks.path(CANCEL_PATH, orderId)));
    }

    private static Optional<IdempotencyKey> parseKey(String header) {
        if (header == null) {
            return Optional.empty();
        }
        if (!IdempotencyKey.isValid(header)) {
            throw new InvalidRequestException(IDEMPOTENCY_KEY, "must be 1 to 128 visible ASCII characters");
        }
        return Optional.of(new IdempotencyKey(header));
    }

    private static OrderId parseOrderId(String id) {
        if (id == null || !UUID_FORMAT.matcher(id).matches()) {
            throw new InvalidRequestException("id", "must be a UUID");
        }
        return new OrderId(UUID.fromString(id));
    }

    private static boolean isOrderAlreadyExists(HandlerExecutionException e) {
        return HandlerExecutionException.resolveDetails(e)
                .filter(BusinessError.class::isInstance)
                .map(details -> ((BusinessError) details).code() == ErrorCode.ORDER_ALREADY_EXISTS)
                .orElse(false);
    }

    private static BusinessErrorException orderNotFound(OrderId orderId) {
        return new BusinessErrorException(new BusinessError(ErrorCode.ORDER_NOT_FOUND,
                "Order " + orderId + " does not exist"));
    }
}
