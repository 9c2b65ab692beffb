package io.orderflow.app.flow;

import static io.orderflow.app.flow.OrderflowApi.line;
import static io.orderflow.app.flow.OrderflowApi.order;
import static io.orderflow.app.flow.OrderflowApi.uniqueCustomer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.api.order.OrderPlacedEvent;
import io.orderflow.app.flow.OrderflowApi.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The command API on the real stack (web server, command bus, write side, PostgreSQL): every bad
 * request is answered with an RFC 9457 {@code application/problem+json} and the right status, never a
 * 500, and stores nothing (the event store has as many rows after the request as before it); an
 * {@code Idempotency-Key} never creates two orders, even when the same request arrives twice at once;
 * and the OpenAPI document describes every endpoint.
 */
@FlowTestContext
class CommandApiIT {

    private static final String PROBLEMS = "https://orderflow.io/problems/";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMapping;

    OrderflowApi api;
    String knownSku;

    @BeforeEach
    void connectAndRegisterAProduct() {
        api = new OrderflowApi(port);
        knownSku = api.registeredProduct("API", 100);
    }

    // ------------------------------------------------------------------ bad requests

    @Test
    void refusesMalformedJsonAndStoresNothing() {
        JsonNode problem = assertRefusedAndNothingStored(400, "malformed-request",
                () -> api.post("/api/orders", "{\"customerId\": \"c-1\", \"lines\": [ "));

        assertThat(problem.path("detail").asText()).isNotBlank();
    }

    @Test
    void refusesAnOrderWithMissingFieldsNamingEachOneAndStoresNothing() {
        JsonNode problem = assertRefusedAndNothingStored(400, "validation-failed", () -> api.post("/api/orders", "{}"));

        assertThat(invalidFields(problem)).contains("customerId", "currency", "shippingAddress", "lines");
    }

    @Test
    void refusesANonPositiveQuantityAndStoresNothing() {
        JsonNode problem = assertRefusedAndNothingStored(400, "validation-failed",
                () -> api.placeOrder(order(uniqueCustomer(), line(knownSku, 1, "1.00"),
                        line(knownSku + "X", 0, "1.00"))));

        assertThat(invalidFields(problem)).containsExactly("lines[1].quantity");
    }

    @Test
    void refusesAnOrderWithTooManyLinesAndStoresNothing() {
        Map<String, Object> order = order(uniqueCustomer());
        @SuppressWarnings("unchecked")
        List<Object> lines = (List<Object>) order.get("lines");
        for (int i = 0; i < 51; i++) {
            lines.add(line(knownSku + "-" + i, 1, "1.00"));
        }

        JsonNode problem = assertRefusedAndNothingStored(400, "validation-failed", () -> api.placeOrder(order));

        assertThat(invalidFields(problem)).containsExactly("lines");
    }

    @Test
    void refusesAnOversizedBodyAndStoresNothing() {
        Map<String, Object> order = order(uniqueCustomer(), line(knownSku, 1, "1.00"));
        order.put("padding", "x".repeat(70_000));

        assertRefusedAndNothingStored(400, "request-body-too-large", () -> api.placeOrder(order));
    }

    @Test
    void refusesABodyThatIsNotJsonAndStoresNothing() {
        assertRefusedAndNothingStored(415, null, () -> api.send(HttpMethod.POST, "/api/orders", MediaType.TEXT_PLAIN,
                "two books please", Map.of()));
    }

    @Test
    void refusesAnInvalidIdempotencyKeyAndStoresNothing() {
        JsonNode problem = assertRefusedAndNothingStored(400, "validation-failed",
                () -> api.placeOrder(order(uniqueCustomer(), line(knownSku, 1, "1.00")), "k".repeat(129)));

        assertThat(invalidFields(problem)).containsExactly("Idempotency-Key");
    }

    @Test
    void refusesAnOrderOfAnUnknownSkuAsUnprocessableAndStoresNothing() {
        String unknownSku = OrderflowApi.uniqueSku("NEVER-REGISTERED");
        String key = "unknown-sku-" + UUID.randomUUID();

        JsonNode problem = assertRefusedAndNothingStored(422, "unknown-sku",
                () -> api.placeOrder(order(uniqueCustomer(), line(knownSku, 1, "1.00"), line(unknownSku, 2, "3.00")),
                        key));

        assertThat(problem.path("code").asText()).isEqualTo("UNKNOWN_SKU");
        assertThat(problem.path("detail").asText()).contains(unknownSku);
    }

    @Test
    void refusesAnOrderWithTheSameSkuOnTwoLinesAsUnprocessableAndStoresNothing() {
        JsonNode problem = assertRefusedAndNothingStored(422, "invalid-order",
                () -> api.placeOrder(order(uniqueCustomer(), line(knownSku, 1, "1.00"), line(knownSku, 2, "1.00"))));

        assertThat(problem.path("code").asText()).isEqualTo("INVALID_ORDER");
    }

    @Test
    void answersNotFoundForAnUnknownOrderAndStoresNothing() {
        String unknown = UUID.randomUUID().toString();

        JsonNode read = assertRefusedAndNothingStored(404, "order-not-found", () -> api.order(unknown));
        JsonNode cancel = assertRefusedAndNothingStored(404, "order-not-found",
                () -> api.cancel(unknown, "never placed"));

        assertThat(read.path("code").asText()).isEqualTo("ORDER_NOT_FOUND");
        assertThat(cancel.path("code").asText()).isEqualTo("ORDER_NOT_FOUND");
    }

    @Test
    void refusesAnOrderIdThatIsNotAUuidAndStoresNothing() {
        JsonNode problem = assertRefusedAndNothingStored(400, "validation-failed", () -> api.cancel("42", "bad id"));

        assertThat(invalidFields(problem)).containsExactly("id");
    }

    @Test
    void refusesTheCancellationOfACompletedOrderAsConflictAndStoresNothing() {
        String orderId = api.placedOrder(order(uniqueCustomer(), line(knownSku, 2, "4.00")));
        api.awaitStatus(orderId, "COMPLETED");

        JsonNode problem = assertRefusedAndNothingStored(409, "cancellation-not-allowed",
                () -> api.cancel(orderId, "changed my mind"));

        assertThat(problem.path("code").asText()).isEqualTo("CANCELLATION_NOT_ALLOWED");
        assertThat(api.order(orderId).json().path("status").asText()).isEqualTo("COMPLETED");
    }

    // ------------------------------------------------------------------ idempotency

    @Test
    void placesOneOrderForAnIdempotencyKeySentTwice() {
        Map<String, Object> order = order(uniqueCustomer(), line(knownSku, 1, "2.50"));
        String key = "checkout-" + UUID.randomUUID();

        Answer first = api.placeOrder(order, key);
        Answer repeat = api.placeOrder(order, key);

        assertThat(first.status()).as("first: %s", first).isEqualTo(202);
        assertThat(repeat.status()).as("repeat: %s", repeat).isEqualTo(202);
        String orderId = first.json().path("orderId").asText();
        assertThat(repeat.json().path("orderId").asText()).isEqualTo(orderId);
        assertThat(first.headers().getFirst("Idempotent-Replayed")).isNull();
        assertThat(repeat.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(placedEventsOf(orderId)).isEqualTo(1);
        api.awaitStatus(orderId, "COMPLETED");
    }

    @Test
    void placesOneOrderForAnIdempotencyKeySentTwiceAtTheSameTime() throws Exception {
        Map<String, Object> order = order(uniqueCustomer(), line(knownSku, 3, "1.10"));
        String key = "double-click-" + UUID.randomUUID();
        CountDownLatch start = new CountDownLatch(1);
        Callable<Answer> place = () -> {
            start.await();
            return api.placeOrder(order, key);
        };
        ExecutorService clients = Executors.newFixedThreadPool(2);
        List<Answer> answers = new ArrayList<>();
        try {
            Future<Answer> one = clients.submit(place);
            Future<Answer> other = clients.submit(place);
            start.countDown();
            answers.add(one.get(30, TimeUnit.SECONDS));
            answers.add(other.get(30, TimeUnit.SECONDS));
        } finally {
            clients.shutdownNow();
        }

        assertThat(answers).as("answers")
                .allSatisfy(answer -> assertThat(answer.status()).as("%s", answer).isEqualTo(202));
        Set<String> orderIds = new TreeSet<>();
        answers.forEach(answer -> orderIds.add(answer.json().path("orderId").asText()));
        assertThat(orderIds).as("order ids answered").hasSize(1);
        assertThat(answers).as("answers marked as a replay")
                .filteredOn(answer -> "true".equals(answer.headers().getFirst("Idempotent-Replayed")))
                .hasSize(1);
        String orderId = orderIds.iterator().next();
        assertThat(placedEventsOf(orderId)).isEqualTo(1);
        api.awaitStatus(orderId, "COMPLETED");
    }

    // ------------------------------------------------------------------ documentation

    @Test
    void describesEveryEndpointInTheOpenApiDocument() {
        Set<String> endpoints = new TreeSet<>();
        handlerMapping.getHandlerMethods().keySet().forEach(mapping -> endpointsOf(mapping, endpoints));
        assertThat(endpoints).as("the application's API endpoints")
                .contains("POST /api/orders", "GET /api/orders/{id}", "POST /api/orders/{id}/cancel",
                        "POST /api/products", "PUT /api/admin/simulation");

        Answer answer = api.get("/v3/api-docs");

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        Set<String> documented = new TreeSet<>();
        answer.json().path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
        assertThat(documented).containsAll(endpoints);
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Sends a request that must be refused, and checks the refusal and that the event store did not
     * change.
     *
     * @param type the problem type after {@value #PROBLEMS}, or {@code null} for Spring's default type
     * @return the problem
     */
    private JsonNode assertRefusedAndNothingStored(int status, String type, Supplier<Answer> request) {
        long before = storedEvents();

        Answer answer = request.get();

        assertThat(answer.status()).as("status of %s", answer).isEqualTo(status);
        assertThat(answer.isProblem()).as("problem+json: %s", answer).isTrue();
        JsonNode problem = answer.json();
        assertThat(problem.path("status").asInt()).as("status member of %s", answer).isEqualTo(status);
        assertThat(problem.path("title").asText()).as("title of %s", answer).isNotBlank();
        if (type != null) {
            assertThat(problem.path("type").asText()).as("type of %s", answer).isEqualTo(PROBLEMS + type);
        }
        assertThat(storedEvents()).as("events stored after %s", answer).isEqualTo(before);
        return problem;
    }

    private static List<String> invalidFields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(error -> fields.add(error.path("field").asText()));
        return fields;
    }

    private long storedEvents() {
        return jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
    }

    private int placedEventsOf(String orderId) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?"
                + " and payload_type = ?", Integer.class, orderId, OrderPlacedEvent.class.getName());
    }

    private static void endpointsOf(RequestMappingInfo mapping, Set<String> endpoints) {
        if (mapping.getPathPatternsCondition() == null) {
            return;
        }
        mapping.getPathPatternsCondition().getPatternValues().stream()
                .filter(path -> path.startsWith("/api/"))
                .forEach(path -> mapping.getMethodsCondition().getMethods()
                        .forEach(method -> endpoints.add(method.name() + " " + path)));
    }
}
