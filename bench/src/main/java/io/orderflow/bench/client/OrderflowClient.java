package io.orderflow.bench.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderflow.bench.load.OrderRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * The REST API of a running orderflow application, on the JDK's asynchronous {@link HttpClient}
 * (HTTP/1.1, kept-alive connections).
 */
public final class OrderflowClient {

    private static final String JSON = "application/json";

    private final URI baseUrl;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Duration requestTimeout;

    /**
     * @param baseUrl        the application's base URL, for example {@code http://127.0.0.1:8080}
     * @param http           the HTTP client
     * @param json           maps request and response bodies
     * @param requestTimeout how long one request may take before it counts as failed
     */
    public OrderflowClient(URI baseUrl, HttpClient http, ObjectMapper json, Duration requestTimeout) {
        String base = Objects.requireNonNull(baseUrl, "baseUrl").toString();
        this.baseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.http = Objects.requireNonNull(http, "http");
        this.json = Objects.requireNonNull(json, "json");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    /** An HTTP/1.1 client whose responses complete on {@code executor}. */
    public static HttpClient newHttpClient(Executor executor) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(executor)
                .build();
    }

    /** The application's base URL. */
    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * {@code POST /api/orders}. Never completes exceptionally: a transport failure is a failed result.
     *
     * @param idempotencyKey sent as {@code Idempotency-Key} unless {@code null}
     */
    public CompletableFuture<PlaceResult> placeOrder(OrderRequest order, String idempotencyKey) {
        HttpRequest.Builder request = request("/api/orders")
                .header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofByteArray(toJson(order)));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> failure != null
                        ? PlaceResult.failed(failureKind(failure))
                        : placeResult(response));
    }

    /** {@code GET /api/orders/{id}}, asynchronously; the body when the answer is 200, empty otherwise. */
    public CompletableFuture<Optional<JsonNode>> order(String orderId) {
        return getJsonAsync("/api/orders/" + orderId);
    }

    /** {@code GET /api/products}: every product with its stock. */
    public List<Product> products() {
        JsonNode body = requireJson("/api/products");
        JsonNode items = body.isArray() ? body : body.path("products");
        List<Product> products = new ArrayList<>();
        for (JsonNode item : items) {
            JsonNode sku = item.path("sku");
            products.add(new Product(
                    sku.isObject() ? sku.path("value").asText() : sku.asText(),
                    item.path("onHand").asInt(),
                    item.path("reserved").asInt(),
                    item.path("available").asInt()));
        }
        return products;
    }

    /** {@code POST /api/products}; returns the status code (a 409 means the SKU exists). */
    public int registerProduct(String sku, String name, int initialStock) {
        ObjectNode body = json.createObjectNode().put("sku", sku).put("name", name).put("initialStock", initialStock);
        return send(request("/api/products").header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofByteArray(toJson(body))).build()).statusCode();
    }

    /** {@code POST /api/products/{sku}/restock}; returns the status code. */
    public int restock(String sku, int quantity) {
        ObjectNode body = json.createObjectNode().put("quantity", quantity);
        return send(request("/api/products/" + sku + "/restock").header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofByteArray(toJson(body))).build()).statusCode();
    }

    /** {@code GET /api/admin/simulation}: the fault-injection settings as a JSON document. */
    public JsonNode simulationSettings() {
        return requireJson("/api/admin/simulation");
    }

    /**
     * {@code PUT /api/admin/simulation}.
     *
     * @throws IllegalStateException when the application refuses the settings
     */
    public void updateSimulationSettings(JsonNode settings) {
        HttpResponse<String> response = send(request("/api/admin/simulation").header("Content-Type", JSON)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(toJson(settings))).build());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("PUT /api/admin/simulation answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    /** Whether {@code GET /actuator/health} answers {@code UP}. */
    public boolean healthy() {
        try {
            return getJson("/actuator/health").map(body -> "UP".equals(body.path("status").asText())).orElse(false);
        } catch (UncheckedIOException | IllegalStateException e) {
            return false;
        }
    }

    /** A GET of a JSON resource; empty unless the answer is 200. */
    public Optional<JsonNode> getJson(String pathAndQuery) {
        try {
            return getJsonAsync(pathAndQuery).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new UncheckedIOException(new IOException("GET " + pathAndQuery + " failed", e.getCause()));
        }
    }

    /**
     * A GET of a JSON resource that must exist.
     *
     * @throws IllegalStateException when the answer is not 200 with a JSON body
     */
    public JsonNode requireJson(String pathAndQuery) {
        HttpResponse<String> response = send(request(pathAndQuery).header("Accept", JSON).GET().build());
        JsonNode body = response.statusCode() == 200 ? readQuietly(response.body()) : null;
        if (body == null) {
            String text = response.body() == null ? "" : response.body();
            throw new IllegalStateException("GET " + pathAndQuery + " answered HTTP " + response.statusCode() + ": "
                    + (text.length() > 300 ? text.substring(0, 300) + "..." : text));
        }
        return body;
    }

    private CompletableFuture<Optional<JsonNode>> getJsonAsync(String pathAndQuery) {
        HttpRequest request = request(pathAndQuery).header("Accept", JSON).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            try {
                return Optional.of(json.readTree(response.body()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private PlaceResult placeResult(HttpResponse<String> response) {
        int status = response.statusCode();
        JsonNode body = readQuietly(response.body());
        if (status / 100 == 2) {
            String orderId = idFrom(body).or(() -> response.headers().firstValue("Location").map(OrderflowClient::lastSegment))
                    .orElse(null);
            return orderId == null
                    ? PlaceResult.failed("HTTP " + status + " without order id")
                    : PlaceResult.accepted(orderId);
        }
        String code = body == null ? "" : firstText(body, "code", "errorCode", "title");
        return PlaceResult.failed(code.isEmpty() ? "HTTP " + status : "HTTP " + status + " " + code);
    }

    private static Optional<String> idFrom(JsonNode body) {
        if (body == null) {
            return Optional.empty();
        }
        JsonNode id = body.path("orderId");
        if (id.isObject()) {
            id = id.path("value");
        }
        return id.isTextual() && !id.asText().isBlank() ? Optional.of(id.asText()) : Optional.empty();
    }

    private static String firstText(JsonNode body, String... fields) {
        for (String field : fields) {
            JsonNode value = body.path(field);
            if (value.isTextual() && !value.asText().isBlank()) {
                return value.asText();
            }
        }
        return "";
    }

    private static String lastSegment(String location) {
        String path = URI.create(location).getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** A short name for what went wrong with a request, for the error counts. */
    static String failureKind(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName();
    }

    private JsonNode readQuietly(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).timeout(requestTimeout);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private byte[] toJson(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize " + value, e);
        }
    }

    /**
     * The answer to a placement.
     *
     * @param orderId the id of the accepted order, {@code null} when not accepted
     * @param error   what went wrong, {@code null} when accepted
     */
    public record PlaceResult(String orderId, String error) {

        static PlaceResult accepted(String orderId) {
            return new PlaceResult(orderId, null);
        }

        static PlaceResult failed(String error) {
            return new PlaceResult(null, error);
        }

        /** Whether the application accepted the order. */
        public boolean isAccepted() {
            return orderId != null;
        }
    }

    /**
     * A product as {@code GET /api/products} lists it.
     *
     * @param sku       the product's SKU
     * @param onHand    units in the warehouse
     * @param reserved  units held for orders in flight
     * @param available units that can still be reserved
     */
    public record Product(String sku, int onHand, int reserved, int available) {
    }
}
