package io.orderflow.app.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * A client of the application's REST API for tests: plain HTTP against the running server, with the
 * answers as status, headers and body text, so a test sees exactly what any client would. Also builds
 * request bodies and waits for the asynchronous outcomes that the read API shows.
 */
final class OrderflowApi {

    /** How long a saga may take to end, or a read model to catch up, before a test gives up. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private static final Set<String> TERMINAL = Set.of("COMPLETED", "REJECTED", "CANCELLED");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RestClient http;

    /**
     * @param port the port of the running application
     */
    OrderflowApi(int port) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
        requests.setReadTimeout(Duration.ofSeconds(30));
        this.http = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .requestFactory(requests)
                .build();
    }

    // ------------------------------------------------------------------ requests

    /** {@code POST /api/products}. */
    Answer registerProduct(String sku, String name, int initialStock) {
        return post("/api/products", json(Map.of("sku", sku, "name", name, "initialStock", initialStock)));
    }

    /**
     * Registers a product with a SKU no other test uses.
     *
     * @return the SKU
     */
    String registeredProduct(String prefix, int initialStock) {
        String sku = uniqueSku(prefix);
        Answer answer = registerProduct(sku, "Product " + sku, initialStock);
        assertThat(answer.status()).as("registering %s: %s", sku, answer).isEqualTo(201);
        return sku;
    }

    /** {@code POST /api/orders} without an idempotency key. */
    Answer placeOrder(Object order) {
        return post("/api/orders", json(order));
    }

    /** {@code POST /api/orders} with an {@code Idempotency-Key}. */
    Answer placeOrder(Object order, String idempotencyKey) {
        return send(HttpMethod.POST, "/api/orders", MediaType.APPLICATION_JSON, json(order),
                Map.of("Idempotency-Key", idempotencyKey));
    }

    /**
     * Places an order that the API accepts.
     *
     * @return the order id
     */
    String placedOrder(Object order) {
        Answer answer = placeOrder(order);
        assertThat(answer.status()).as("placing an order: %s", answer).isEqualTo(202);
        return answer.json().path("orderId").asText();
    }

    /** {@code GET /api/orders/{id}}. */
    Answer order(String orderId) {
        return get("/api/orders/" + orderId);
    }

    /** {@code POST /api/orders/{id}/cancel} with a comment. */
    Answer cancel(String orderId, String comment) {
        return post("/api/orders/" + orderId + "/cancel", json(Map.of("comment", comment)));
    }

    /** {@code GET /api/products/{sku}}. */
    Answer product(String sku) {
        return get("/api/products/" + sku);
    }

    /** {@code PUT /api/admin/simulation}; fails the test unless the settings are taken. */
    void simulate(Map<String, Object> payment, Map<String, Object> shipping) {
        Answer answer = send(HttpMethod.PUT, "/api/admin/simulation", MediaType.APPLICATION_JSON,
                json(Map.of("payment", payment, "shipping", shipping)), Map.of());
        assertThat(answer.status()).as("changing the simulation: %s", answer).isEqualTo(200);
    }

    /** A {@code GET}. */
    Answer get(String path) {
        return send(HttpMethod.GET, path, null, null, Map.of());
    }

    /** A {@code POST} of JSON. */
    Answer post(String path, String body) {
        return send(HttpMethod.POST, path, MediaType.APPLICATION_JSON, body, Map.of());
    }

    /**
     * Any request.
     *
     * @param contentType the body's type, {@code null} without a body
     * @param body        the body, {@code null} for none
     * @param headers     further request headers
     * @return what the server answered, whatever the status
     */
    Answer send(HttpMethod method, String path, MediaType contentType, String body, Map<String, String> headers) {
        RestClient.RequestBodySpec request = http.method(method).uri(path);
        headers.forEach(request::header);
        if (body != null) {
            request.contentType(contentType).body(body);
        }
        return request.exchange((req, response) -> new Answer(response.getStatusCode().value(),
                response.getHeaders(), new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
    }

    // ------------------------------------------------------------------ waiting for outcomes

    /**
     * Waits until the read API shows the order in a terminal state.
     *
     * @return the order as the API shows it then
     */
    JsonNode awaitEnd(String orderId) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Answer answer = order(orderId);
            assertThat(answer.status()).as("reading order %s: %s", orderId, answer).isEqualTo(200);
            last.set(answer.json());
            assertThat(TERMINAL).as("order %s has ended: %s", orderId, answer.body())
                    .contains(answer.json().path("status").asText());
        });
        return last.get();
    }

    /**
     * Waits until the read API shows the order in the given status.
     *
     * @return the order as the API shows it then
     */
    JsonNode awaitStatus(String orderId, String status) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            Answer answer = order(orderId);
            assertThat(answer.status()).as("reading order %s: %s", orderId, answer).isEqualTo(200);
            last.set(answer.json());
            assertThat(answer.json().path("status").asText()).as("status of order %s: %s", orderId, answer.body())
                    .isEqualTo(status);
        });
        return last.get();
    }

    /**
     * Waits until the read API shows the product with these stock levels.
     *
     * @return the product as the API shows it then
     */
    JsonNode awaitStock(String sku, int onHand, int reserved) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Answer answer = product(sku);
            assertThat(answer.status()).as("reading product %s: %s", sku, answer).isEqualTo(200);
            JsonNode product = answer.json();
            last.set(product);
            assertThat(List.of(product.path("onHand").asInt(), product.path("reserved").asInt(),
                    product.path("available").asInt()))
                    .as("onHand, reserved, available of %s: %s", sku, answer.body())
                    .containsExactly(onHand, reserved, onHand - reserved);
        });
        return last.get();
    }

    // ------------------------------------------------------------------ what an order tells

    /** The event types of the order's history, oldest first. */
    static List<String> historyOf(JsonNode order) {
        List<String> types = new ArrayList<>();
        order.path("history").forEach(entry -> types.add(entry.path("eventType").asText()));
        return types;
    }

    /** The reason code of a rejected or cancelled order. */
    static String reasonOf(JsonNode order) {
        return order.path("reason").path("code").asText();
    }

    // ------------------------------------------------------------------ bodies

    /** An order of the given lines to a complete address, in EUR. */
    @SafeVarargs
    static Map<String, Object> order(String customerId, Map<String, Object>... lines) {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("name", "Ada Lovelace");
        address.put("street", "12 St James's Square");
        address.put("city", "London");
        address.put("postalCode", "SW1Y 4JH");
        address.put("country", "GB");
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("customerId", customerId);
        order.put("currency", "EUR");
        order.put("shippingAddress", address);
        order.put("lines", new ArrayList<>(List.of(lines)));
        return order;
    }

    /** One order line. */
    static Map<String, Object> line(String sku, Object quantity, String unitPrice) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("sku", sku);
        line.put("quantity", quantity);
        line.put("unitPrice", new BigDecimal(unitPrice));
        return line;
    }

    /**
     * The complete fault injection of one simulated adapter, as {@code PUT /api/admin/simulation} takes it.
     *
     * @param latencyMillis every call takes exactly this long
     * @param timeoutMillis calls slower than this fail as timed out
     */
    static Map<String, Object> adapter(double rejectionRate, double technicalFailureRate, long latencyMillis,
                                       long timeoutMillis) {
        Map<String, Object> adapter = new LinkedHashMap<>();
        adapter.put("rejectionRate", rejectionRate);
        adapter.put("technicalFailureRate", technicalFailureRate);
        adapter.put("latencyMinMillis", latencyMillis);
        adapter.put("latencyMaxMillis", latencyMillis);
        adapter.put("timeoutMillis", timeoutMillis);
        adapter.put("seed", 42);
        return adapter;
    }

    /** An adapter without faults or latency. */
    static Map<String, Object> reliable() {
        return adapter(0, 0, 0, 2_000);
    }

    /** A SKU no other test (or run) uses. */
    static String uniqueSku(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
    }

    /** A customer id no other test uses. */
    static String uniqueCustomer() {
        return "customer-" + UUID.randomUUID();
    }

    static String json(Object tree) {
        try {
            return JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An answer of the API.
     *
     * @param status  the HTTP status code
     * @param headers the response headers
     * @param body    the body text, empty if none
     */
    record Answer(int status, HttpHeaders headers, String body) {

        /** The body as JSON. */
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + this, e);
            }
        }

        /** Whether the body is an RFC 9457 problem. */
        boolean isProblem() {
            MediaType type = headers.getContentType();
            return type != null && MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(type);
        }

        @Override
        public String toString() {
            return status + " " + headers.getContentType() + " " + body;
        }
    }
}
