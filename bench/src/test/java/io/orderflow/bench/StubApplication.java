package io.orderflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A stand-in for the orderflow application with the same HTTP contract and the same Kafka record
 * format, so the generator can be tested end to end against a real broker before the application
 * exists. Each order ends {@code sagaTime} after it was accepted: rejected when a line's SKU lacks
 * stock, cancelled with the configured payment decline rate, completed otherwise.
 */
final class StubApplication implements AutoCloseable {

    static final String TOPIC = "orderflow.events";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService httpThreads = Executors.newFixedThreadPool(8);
    private final ScheduledExecutorService sagas = Executors.newScheduledThreadPool(2);
    private final KafkaProducer<String, byte[]> producer;
    private final Duration sagaTime;
    private final Map<String, Integer> stock = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> orders = new ConcurrentHashMap<>();
    private final AtomicLong placements = new AtomicLong();
    private volatile ObjectNode simulation;
    private volatile Random random;
    private volatile int refuseEvery;

    StubApplication(String kafkaBootstrapServers, Duration sagaTime) throws IOException {
        this.sagaTime = sagaTime;
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        this.producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
        resetSimulation();
        // Like Tomcat, answer without Nagle's delay: otherwise the 202's body can wait for a delayed ACK
        // (40 ms) and arrive after the order's terminal event. Read once, when the first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(httpThreads);
        server.createContext("/", this::handle);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The current payment decline rate of the simulated gateway. */
    double declineRate() {
        return simulation.at("/payment/rejectionRate").asDouble();
    }

    /** Answers every {@code n}-th placement with 503 (0: never). */
    void refuseEvery(int n) {
        refuseEvery = n;
    }

    void resetSimulation() {
        // the shape of the application's SimulationSettings: one AdapterSettings per simulated adapter
        ObjectNode settings = json.createObjectNode();
        for (String adapter : new String[] {"payment", "shipping"}) {
            settings.putObject(adapter).put("rejectionRate", 0.0).put("technicalFailureRate", 0.0)
                    .put("latencyMinMillis", 0).put("latencyMaxMillis", 0).put("timeoutMillis", 2000).put("seed", 42);
        }
        simulation = settings;
        random = new Random(42);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (method.equals("GET") && path.equals("/actuator/health")) {
                respond(exchange, 200, json.createObjectNode().put("status", "UP"));
            } else if (method.equals("GET") && path.equals("/actuator/metrics/process.cpu.time")) {
                long nanos = ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
                respond(exchange, 200, metric("process.cpu.time", "ns", "COUNT", nanos));
            } else if (method.equals("GET") && path.equals("/actuator/metrics/jvm.memory.used")) {
                Runtime runtime = Runtime.getRuntime();
                respond(exchange, 200, metric("jvm.memory.used", "bytes", "VALUE", runtime.totalMemory() - runtime.freeMemory()));
            } else if (method.equals("GET") && path.equals("/api/products")) {
                respond(exchange, 200, products());
            } else if (method.equals("POST") && path.equals("/api/products")) {
                JsonNode body = json.readTree(exchange.getRequestBody());
                boolean added = stock.putIfAbsent(body.path("sku").asText(), body.path("initialStock").asInt()) == null;
                respond(exchange, added ? 202 : 409, json.createObjectNode());
            } else if (method.equals("POST") && path.startsWith("/api/products/") && path.endsWith("/restock")) {
                String sku = path.substring("/api/products/".length(), path.length() - "/restock".length());
                int quantity = json.readTree(exchange.getRequestBody()).path("quantity").asInt();
                stock.merge(sku, quantity, Integer::sum);
                respond(exchange, 202, json.createObjectNode());
            } else if (path.equals("/api/admin/simulation") && method.equals("GET")) {
                respond(exchange, 200, simulation);
            } else if (path.equals("/api/admin/simulation") && method.equals("PUT")) {
                ObjectNode settings = (ObjectNode) json.readTree(exchange.getRequestBody());
                simulation = settings;
                random = new Random(settings.at("/payment/seed").asLong());
                respond(exchange, 200, settings);
            } else if (method.equals("POST") && path.equals("/api/orders")) {
                place(exchange);
            } else if (method.equals("GET") && path.startsWith("/api/orders/")) {
                ObjectNode order = orders.get(path.substring("/api/orders/".length()));
                respond(exchange, order == null ? 404 : 200, order == null ? json.createObjectNode() : order);
            } else {
                respond(exchange, 404, json.createObjectNode().put("title", "Not Found"));
            }
        }
    }

    private void place(HttpExchange exchange) throws IOException {
        JsonNode body = json.readTree(exchange.getRequestBody());
        int every = refuseEvery;
        if (every > 0 && placements.incrementAndGet() % every == 0) {
            respond(exchange, 503, json.createObjectNode().put("title", "Service Unavailable"));
            return;
        }
        String orderId = UUID.randomUUID().toString();
        ObjectNode view = json.createObjectNode().put("orderId", orderId).put("status", "PENDING").putNull("reason");
        orders.put(orderId, view);
        publish(orderId, "OrderPlacedEvent", json.createObjectNode().set("orderId", id(orderId)));
        exchange.getResponseHeaders().add("Location", "/api/orders/" + orderId);
        respond(exchange, 202, json.createObjectNode().put("orderId", orderId).put("status", "PENDING"));
        sagas.schedule(() -> end(orderId, body), sagaTime.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void end(String orderId, JsonNode order) {
        String status;
        String reason = null;
        synchronized (stock) {
            boolean short_ = false;
            for (JsonNode line : order.path("lines")) {
                short_ |= stock.getOrDefault(line.path("sku").asText(), 0) < line.path("quantity").asInt();
            }
            if (short_) {
                status = "REJECTED";
                reason = "OUT_OF_STOCK";
            } else if (random.nextDouble() < declineRate()) {
                status = "CANCELLED";
                reason = "PAYMENT_DECLINED";
            } else {
                status = "COMPLETED";
                for (JsonNode line : order.path("lines")) {
                    stock.merge(line.path("sku").asText(), -line.path("quantity").asInt(), Integer::sum);
                }
            }
        }
        ObjectNode payload = json.createObjectNode().set("orderId", id(orderId));
        ObjectNode view = orders.get(orderId).put("status", status);
        if (reason != null) {
            ObjectNode failure = json.createObjectNode().put("code", reason).put("detail", "simulated");
            payload.set("reason", failure);
            view.set("reason", failure);
        }
        String type = status.equals("COMPLETED") ? "OrderCompletedEvent"
                : status.equals("REJECTED") ? "OrderRejectedEvent" : "OrderCancelledEvent";
        publish(orderId, type, payload);
    }

    private void publish(String orderId, String eventType, ObjectNode payload) {
        ProducerRecord<String, byte[]> record;
        try {
            record = new ProducerRecord<>(TOPIC, orderId, json.writeValueAsBytes(payload));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        header(record, "event-type", eventType);
        header(record, "event-id", UUID.randomUUID().toString());
        header(record, "occurred-at", Instant.now().toString());
        header(record, "aggregate-id", orderId);
        header(record, "schema-version", "1");
        header(record, "source", "stub");
        producer.send(record);
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private ObjectNode id(String orderId) {
        return json.createObjectNode().put("value", orderId);
    }

    private ObjectNode products() {
        ObjectNode body = json.createObjectNode();
        ArrayNode products = body.putArray("products");
        stock.forEach((sku, units) -> products.addObject().put("sku", sku).put("name", sku)
                .put("onHand", units).put("reserved", 0).put("available", units));
        return body;
    }

    private ObjectNode metric(String name, String unit, String statistic, double value) {
        ObjectNode body = json.createObjectNode().put("name", name).put("baseUnit", unit);
        body.putArray("measurements").addObject().put("statistic", statistic).put("value", value);
        return body;
    }

    private void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        sagas.shutdownNow();
        httpThreads.shutdownNow();
        producer.close(Duration.ofSeconds(5));
    }
}
