package io.orderflow.ui.api.order;

import static io.orderflow.ui.api.ProblemAssertions.assertProblem;
import static io.orderflow.ui.api.ProblemAssertions.onlyInvalidField;
import static io.orderflow.ui.api.order.OrderBodies.address;
import static io.orderflow.ui.api.order.OrderBodies.firstLine;
import static io.orderflow.ui.api.order.OrderBodies.line;
import static io.orderflow.ui.api.order.OrderBodies.orderJson;
import static io.orderflow.ui.api.order.OrderBodies.validOrderJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.orderflow.api.common.BusinessError;
import io.orderflow.api.common.ErrorCode;
import io.orderflow.api.inventory.Sku;
import io.orderflow.api.order.CustomerId;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.order.OrderLine;
import io.orderflow.api.order.PlaceOrderCommand;
import io.orderflow.api.order.ShippingAddress;
import io.orderflow.ui.api.ApiWebMvcTest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@ApiWebMvcTest(OrderController.class)
class PlaceOrderEndpointTest {

    private static final Instant NOW = Instant.parse("2025-11-26T10:15:30Z");

    @Autowired
    private MockMvc mvc;

    @Autowired
    private CommandGateway commandGateway;

    @Autowired
    private EventStore eventStore;

    @TestBean
    private Clock clock;

    /** What the admission control answers; empty (admit) unless a test says otherwise. */
    private static final AtomicReference<Optional<OrderAdmission.Refusal>> REFUSAL =
            new AtomicReference<>(Optional.empty());

    @TestBean
    private OrderAdmission admission;

    static Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    static OrderAdmission admission() {
        return REFUSAL::get;
    }

    @AfterEach
    void admitAgain() {
        REFUSAL.set(Optional.empty());
    }

    @Test
    void refusesANewOrderAtOnceWhileTheApplicationIsBehindAndSendsNothing() throws Exception {
        REFUSAL.set(Optional.of(new OrderAdmission.Refusal("the saga processor is 3.2 s behind", Duration.ofMillis(1500))));

        assertProblem(place(validOrderJson()), 503, "overloaded")
                .andExpect(header().string("Retry-After", "2"))
                .andExpect(jsonPath("$.title").value("Overloaded"))
                .andExpect(jsonPath("$.detail").value(containsString(
                        "the saga processor is 3.2 s behind")));
        verifyNoInteractions(commandGateway);
    }

    @Test
    void placesOrderAndAnswersAcceptedWithLocation() throws Exception {
        ResultActions result = place(validOrderJson())
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.status").value("PENDING"))
                .andExpect(header().doesNotExist(OrderController.IDEMPOTENT_REPLAYED));

        PlaceOrderCommand command = sentCommand();
        String id = command.orderId().toString();
        result.andExpect(header().string("Location", "/api/orders/" + id))
                .andExpect(jsonPath("$.orderId").value(id))
                .andExpect(jsonPath("$.links.self").value("/api/orders/" + id))
                .andExpect(jsonPath("$.links.cancel").value("/api/orders/" + id + "/cancel"));
        assertThat(command.customerId()).isEqualTo(new CustomerId("customer-42"));
        assertThat(command.currency()).isEqualTo("EUR");
        assertThat(command.placedAt()).isEqualTo(NOW);
        assertThat(command.shippingAddress())
                .isEqualTo(new ShippingAddress("Ada Lovelace", "12 St James's Square", "London", "SW1Y 4JH", "GB"));
        assertThat(command.lines()).containsExactly(
                new OrderLine(new Sku("BOOK-1"), 2, new BigDecimal("12.50")),
                new OrderLine(new Sku("PEN-7"), 1, new BigDecimal("3")));
    }

    @Test
    void givesEveryOrderWithoutKeyAFreshId() throws Exception {
        place(validOrderJson()).andExpect(status().isAccepted());
        place(validOrderJson()).andExpect(status().isAccepted());

        ArgumentCaptor<Object> sent = ArgumentCaptor.forClass(Object.class);
        verify(commandGateway, times(2)).sendAndWait(sent.capture(), anyLong(), any(TimeUnit.class));
        List<OrderId> ids = sent.getAllValues().stream()
                .map(m -> ((PlaceOrderCommand) ((CommandMessage<?>) m).getPayload()).orderId())
                .toList();
        assertThat(ids.get(0)).isNotEqualTo(ids.get(1));
    }

    @Test
    void derivesTheOrderIdFromCustomerAndIdempotencyKey() throws Exception {
        UUID expected = UUID.nameUUIDFromBytes("order:customer-42:checkout-1".getBytes(StandardCharsets.UTF_8));

        place(validOrderJson(), "checkout-1")
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/api/orders/" + expected))
                .andExpect(jsonPath("$.orderId").value(expected.toString()))
                .andExpect(header().doesNotExist(OrderController.IDEMPOTENT_REPLAYED));

        assertThat(sentCommand().orderId()).isEqualTo(new OrderId(expected));
    }

    @Test
    void replaysAKeyedOrderThatAlreadyExists() throws Exception {
        UUID expected = UUID.nameUUIDFromBytes("order:customer-42:checkout-1".getBytes(StandardCharsets.UTF_8));
        when(commandGateway.sendAndWait(any(), anyLong(), any(TimeUnit.class)))
                .thenReturn(null)
                .thenThrow(refused(ErrorCode.ORDER_ALREADY_EXISTS, "Order exists"));

        place(validOrderJson(), "checkout-1").andExpect(status().isAccepted());
        place(validOrderJson(), "checkout-1")
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/api/orders/" + expected))
                .andExpect(header().string(OrderController.IDEMPOTENT_REPLAYED, "true"))
                .andExpect(jsonPath("$.orderId").value(expected.toString()));
    }

    @Test
    void replaysAKeyedOrderWhoseConcurrentTwinCreatedTheAggregateFirst() throws Exception {
        UUID expected = UUID.nameUUIDFromBytes("order:customer-42:checkout-2".getBytes(StandardCharsets.UTF_8));
        when(commandGateway.sendAndWait(any(), anyLong(), any(TimeUnit.class)))
                .thenThrow(new AggregateStreamCreationException("duplicate aggregate"));
        when(eventStore.lastSequenceNumberFor(expected.toString())).thenReturn(Optional.of(0L));

        place(validOrderJson(), "checkout-2")
                .andExpect(status().isAccepted())
                .andExpect(header().string(OrderController.IDEMPOTENT_REPLAYED, "true"))
                .andExpect(jsonPath("$.orderId").value(expected.toString()));
    }

    @Test
    void refusesAnExistingOrderIdWithoutKeyAsConflict() throws Exception {
        when(commandGateway.sendAndWait(any(), anyLong(), any(TimeUnit.class)))
                .thenThrow(refused(ErrorCode.ORDER_ALREADY_EXISTS, "Order exists"));

        assertProblem(place(validOrderJson()), 409, "order-already-exists")
                .andExpect(jsonPath("$.code").value("ORDER_ALREADY_EXISTS"));
    }

    @Test
    void answersUnknownSkuAsUnprocessableProblem() throws Exception {
        when(commandGateway.sendAndWait(any(), anyLong(), any(TimeUnit.class)))
                .thenThrow(refused(ErrorCode.UNKNOWN_SKU, "No product with SKU 'BOOK-1'"));

        assertProblem(place(validOrderJson()), 422, "unknown-sku")
                .andExpect(jsonPath("$.code").value("UNKNOWN_SKU"))
                .andExpect(jsonPath("$.title").value("Unknown SKU"))
                .andExpect(jsonPath("$.detail").value("No product with SKU 'BOOK-1'"))
                .andExpect(jsonPath("$.instance").value("/api/orders"));
    }

    @Test
    void answersACommandWithoutAnswerInTimeAsServiceUnavailable() throws Exception {
        when(commandGateway.sendAndWait(any(), anyLong(), any(TimeUnit.class)))
                .thenThrow(new CommandExecutionException("An exception occurred while executing a command",
                        new TimeoutException()));

        assertProblem(place(validOrderJson()), 503, "timeout")
                .andExpect(header().string("Retry-After", "1"));
    }

    @Test
    void answersUnexpectedFailuresWithoutInternals() throws Exception {
        when(commandGateway.sendAndWait(any(), anyLong(), any(TimeUnit.class)))
                .thenThrow(new IllegalStateException("connection pool exhausted at com.example.Secret"));

        String body = assertProblem(place(validOrderJson()), 500, "internal-error")
                .andReturn().getResponse().getContentAsString();
        assertThat(body).doesNotContain("connection pool", "Secret", "IllegalStateException", "\tat ");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidOrders")
    void refusesAnInvalidOrderWithTheFieldAndSendsNothing(String field, Consumer<Map<String, Object>> change)
            throws Exception {
        assertProblem(place(orderJson(change)), 400, "validation-failed")
                .andExpect(onlyInvalidField(field));

        verifyNoInteractions(commandGateway);
    }

    static Stream<Arguments> invalidOrders() {
        return Stream.of(
                invalid("customerId", o -> o.remove("customerId")),
                invalid("customerId", o -> o.put("customerId", "  ")),
                invalid("customerId", o -> o.put("customerId", "acme:42")),
                invalid("currency", o -> o.remove("currency")),
                invalid("currency", o -> o.put("currency", "eur")),
                invalid("currency", o -> o.put("currency", "EURO")),
                invalid("shippingAddress", o -> o.remove("shippingAddress")),
                invalid("shippingAddress.city", o -> address(o).put("city", "")),
                invalid("shippingAddress.country", o -> address(o).remove("country")),
                invalid("lines", o -> o.remove("lines")),
                invalid("lines", o -> o.put("lines", List.of())),
                invalid("lines", o -> o.put("lines", fiftyOneLines())),
                invalid("lines[0].sku", o -> firstLine(o).put("sku", "book-1")),
                invalid("lines[0].sku", o -> firstLine(o).put("sku", "-BOOK")),
                invalid("lines[0].sku", o -> firstLine(o).remove("sku")),
                invalid("lines[0].quantity", o -> firstLine(o).put("quantity", 0)),
                invalid("lines[0].quantity", o -> firstLine(o).put("quantity", 10_001)),
                invalid("lines[0].quantity", o -> firstLine(o).remove("quantity")),
                invalid("lines[0].unitPrice", o -> firstLine(o).put("unitPrice", new BigDecimal("-0.01"))),
                invalid("lines[0].unitPrice", o -> firstLine(o).put("unitPrice", new BigDecimal("1.999"))),
                invalid("lines[0].unitPrice", o -> firstLine(o).remove("unitPrice")));
    }

    @Test
    void acceptsTheBoundaryValuesOfAnOrder() throws Exception {
        place(orderJson(o -> {
            List<Object> lines = new ArrayList<>(Collections.nCopies(50, line("BOOK-1", 10_000, "0")));
            o.put("lines", lines);
        })).andExpect(status().isAccepted());
    }

    @Test
    void listsEveryInvalidFieldAtOnce() throws Exception {
        assertProblem(place(orderJson(o -> {
            o.remove("customerId");
            firstLine(o).put("quantity", 0);
        })), 400, "validation-failed")
                .andExpect(jsonPath("$.errors.length()").value(2))
                .andExpect(jsonPath("$.errors[0].field").value("customerId"))
                .andExpect(jsonPath("$.errors[1].field").value("lines[0].quantity"));

        verifyNoInteractions(commandGateway);
    }

    @Test
    void refusesMalformedJson() throws Exception {
        assertProblem(place("{\"customerId\": \"customer-42\", "), 400, "malformed-request")
                .andExpect(jsonPath("$.detail").value("The request body is not valid JSON."));

        verifyNoInteractions(commandGateway);
    }

    @Test
    void refusesAValueOfTheWrongTypeNamingTheField() throws Exception {
        assertProblem(place(orderJson(o -> firstLine(o).put("quantity", "many"))), 400, "malformed-request")
                .andExpect(onlyInvalidField("lines[0].quantity"));

        verifyNoInteractions(commandGateway);
    }

    @Test
    void refusesAFractionalQuantityRatherThanTruncatingIt() throws Exception {
        assertProblem(place(orderJson(o -> firstLine(o).put("quantity", 1.5))), 400, "malformed-request")
                .andExpect(onlyInvalidField("lines[0].quantity"));

        verifyNoInteractions(commandGateway);
    }

    @Test
    void refusesAMissingBody() throws Exception {
        assertProblem(mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON)), 400,
                "malformed-request")
                .andExpect(jsonPath("$.detail").value("A request body is required."));

        verifyNoInteractions(commandGateway);
    }

    @Test
    void refusesABodyLargerThanTheLimitWithBadRequest() throws Exception {
        String oversized = orderJson(o -> o.put("padding", "x".repeat(70_000)));

        assertProblem(place(oversized), 400, "request-body-too-large");

        verifyNoInteractions(commandGateway);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "naïve", "tab\tkey"})
    void refusesAnInvalidIdempotencyKey(String key) throws Exception {
        assertProblem(place(validOrderJson(), key), 400, "validation-failed")
                .andExpect(onlyInvalidField("Idempotency-Key"));

        verifyNoInteractions(commandGateway);
    }

    @Test
    void refusesAnIdempotencyKeyLongerThan128Characters() throws Exception {
        place(validOrderJson(), "k".repeat(128)).andExpect(status().isAccepted());

        assertProblem(place(validOrderJson(), "k".repeat(129)), 400, "validation-failed")
                .andExpect(onlyInvalidField("Idempotency-Key"));
    }

    private ResultActions place(String body) throws Exception {
        return mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private ResultActions place(String body, String idempotencyKey) throws Exception {
        return mvc.perform(post("/api/orders")
                .contentType(MediaType.APPLICATION_JSON)
                .header(OrderController.IDEMPOTENCY_KEY, idempotencyKey)
                .content(body));
    }

    private PlaceOrderCommand sentCommand() {
        ArgumentCaptor<Object> sent = ArgumentCaptor.forClass(Object.class);
        verify(commandGateway).sendAndWait(sent.capture(), anyLong(), any(TimeUnit.class));
        return (PlaceOrderCommand) ((CommandMessage<?>) sent.getValue()).getPayload();
    }

    private static CommandExecutionException refused(ErrorCode code, String message) {
        return new CommandExecutionException(message, null, new BusinessError(code, message));
    }

    private static Arguments invalid(String field, Consumer<Map<String, Object>> change) {
        return Arguments.of(field, change);
    }

    private static List<Object> fiftyOneLines() {
        return new ArrayList<>(Collections.nCopies(51, line("BOOK-1", 1, "1.00")));
    }
}
