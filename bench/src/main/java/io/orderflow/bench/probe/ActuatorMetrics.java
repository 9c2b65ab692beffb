package io.orderflow.bench.probe;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.bench.client.OrderflowClient;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Reads single values from the application's {@code /actuator/metrics/{name}} endpoint. */
public final class ActuatorMetrics {

    private static final List<String> STATISTICS = List.of("VALUE", "COUNT", "TOTAL", "TOTAL_TIME");

    private final OrderflowClient client;

    public ActuatorMetrics(OrderflowClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * The value of a meter, summed over the meters matching {@code tags} (each {@code key:value}).
     *
     * @return empty when the meter does not exist or the endpoint cannot be reached
     */
    public Optional<Metric> read(String name, String... tags) {
        StringBuilder path = new StringBuilder("/actuator/metrics/").append(name);
        for (int i = 0; i < tags.length; i++) {
            path.append(i == 0 ? '?' : '&').append("tag=").append(URLEncoder.encode(tags[i], StandardCharsets.UTF_8));
        }
        try {
            return client.getJson(path.toString()).flatMap(ActuatorMetrics::parse);
        } catch (UncheckedIOException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    /** The preferred measurement of an actuator metric document. */
    static Optional<Metric> parse(JsonNode body) {
        String unit = body.path("baseUnit").asText(null);
        for (String statistic : STATISTICS) {
            for (JsonNode measurement : body.path("measurements")) {
                if (statistic.equals(measurement.path("statistic").asText()) && measurement.path("value").isNumber()) {
                    return Optional.of(new Metric(measurement.path("value").asDouble(), unit));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * One metric value.
     *
     * @param value    the measurement
     * @param baseUnit the unit the application reports, for example {@code bytes} or {@code ns}; may be {@code null}
     */
    public record Metric(double value, String baseUnit) {

        /** The value in seconds, for a time metric. */
        public double seconds() {
            String unit = baseUnit == null ? "seconds" : baseUnit;
            switch (unit) {
                case "ns":
                case "nanoseconds":
                    return value / 1e9;
                case "us":
                case "microseconds":
                    return value / 1e6;
                case "ms":
                case "milliseconds":
                    return value / 1e3;
                case "s":
                case "seconds":
                    return value;
                default:
                    throw new IllegalStateException("not a time unit: " + baseUnit);
            }
        }
    }
}
