package io.orderflow.bench;

import io.orderflow.bench.load.OrderMixSpec;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The settings of one run, validated.
 *
 * @param baseUrl               the running application
 * @param mode                  open loop (fixed rate) or closed loop (fixed concurrency)
 * @param ratePerSecond         orders per second offered in open mode
 * @param warmupRatePerSecond   orders per second offered during the warm-up in open mode, {@code null} for {@code ratePerSecond}
 * @param concurrency           orders in flight in closed mode
 * @param warmup                run before the measured window, excluded from the figures
 * @param duration              the measured window
 * @param drainTimeout          how long to wait after the window for orders in flight to end
 * @param orderTimeout          how long a closed-loop slot waits for one order before moving on
 * @param requestTimeout        how long one HTTP request may take
 * @param setupTimeout          how long to wait for the application, the topic and the catalogue
 * @param observe               how terminal states are observed
 * @param kafkaBootstrapServers the Kafka cluster the application publishes to
 * @param topic                 the application's event topic
 * @param pollInterval          time between two reads of one order by the API observer
 * @param mix                   the orders offered
 * @param stockPerSku           stock each in-stock SKU gets before the run
 * @param skipCatalogueSetup    use the catalogue as it is
 * @param declineRate           payment decline rate to set for the run, {@code null} to leave it alone
 * @param declineRateField      dotted path of the decline rate in the simulation settings, {@code null} to find it
 * @param simulationOverrides   further fault-injection settings, dotted path to value
 * @param restoreSimulation     put the original fault-injection settings back after the run
 * @param idempotencyKeys       send an {@code Idempotency-Key} with every order
 * @param maxOutstanding        most placements in flight at once in open mode
 * @param backlogSlopeThreshold in-flight growth per second above which the backlog counts as growing
 * @param dbUrl                 JDBC URL of the application's PostgreSQL database, {@code null} to skip the probe
 * @param dbUser                its user
 * @param dbPassword            its password
 * @param appPid                the application's process id for CPU time from {@code /proc}, {@code null} if unknown
 * @param jsonFile              where to write the JSON result, {@code null} for none
 * @param csvFile               CSV file to append the result row to, {@code null} for none
 * @param histogramFile         where to write the end-to-end percentile distributions, {@code null} for none
 * @param label                 free text describing the set-up
 */
public record BenchmarkConfig(
        URI baseUrl,
        Mode mode,
        double ratePerSecond,
        Double warmupRatePerSecond,
        int concurrency,
        Duration warmup,
        Duration duration,
        Duration drainTimeout,
        Duration orderTimeout,
        Duration requestTimeout,
        Duration setupTimeout,
        Observe observe,
        String kafkaBootstrapServers,
        String topic,
        Duration pollInterval,
        OrderMixSpec mix,
        int stockPerSku,
        boolean skipCatalogueSetup,
        Double declineRate,
        String declineRateField,
        Map<String, String> simulationOverrides,
        boolean restoreSimulation,
        boolean idempotencyKeys,
        int maxOutstanding,
        double backlogSlopeThreshold,
        String dbUrl,
        String dbUser,
        String dbPassword,
        Long appPid,
        Path jsonFile,
        Path csvFile,
        Path histogramFile,
        String label) {

    public BenchmarkConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(observe, "observe");
        Objects.requireNonNull(mix, "mix");
        simulationOverrides = Map.copyOf(simulationOverrides);
        label = label == null ? "" : label;
        Objects.requireNonNull(warmup, "warmup");
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("warmup must not be negative: " + warmup);
        }
        requirePositive(duration, "duration");
        requirePositive(drainTimeout, "drainTimeout");
        requirePositive(orderTimeout, "orderTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        requirePositive(setupTimeout, "setupTimeout");
        requirePositive(pollInterval, "pollInterval");
        if (mode == Mode.OPEN && !(ratePerSecond > 0)) {
            throw new IllegalArgumentException("--rate must be positive in open mode: " + ratePerSecond);
        }
        if (warmupRatePerSecond != null && mode != Mode.OPEN) {
            throw new IllegalArgumentException("--warmup-rate applies to the open loop only");
        }
        if (warmupRatePerSecond != null && !(warmupRatePerSecond > 0)) {
            throw new IllegalArgumentException("--warmup-rate must be positive: " + warmupRatePerSecond);
        }
        if (mode == Mode.CLOSED && concurrency < 1) {
            throw new IllegalArgumentException("--concurrency must be at least 1 in closed mode: " + concurrency);
        }
        if (declineRate != null && (declineRate < 0 || declineRate > 1)) {
            throw new IllegalArgumentException("--decline-rate must be in [0, 1]: " + declineRate);
        }
        if (stockPerSku < 1) {
            throw new IllegalArgumentException("--stock-per-sku must be positive: " + stockPerSku);
        }
        if (maxOutstanding < 1) {
            throw new IllegalArgumentException("--max-outstanding must be positive: " + maxOutstanding);
        }
        if (observe == Observe.KAFKA && (kafkaBootstrapServers == null || kafkaBootstrapServers.isBlank())) {
            throw new IllegalArgumentException("--observe kafka needs --kafka-bootstrap");
        }
    }

    /** Orders per second offered during the warm-up in open mode. */
    public double effectiveWarmupRatePerSecond() {
        return warmupRatePerSecond != null ? warmupRatePerSecond : ratePerSecond;
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    /** How orders are offered. */
    public enum Mode {
        /** A fixed offered rate, independent of how fast the application answers. */
        OPEN,
        /** A fixed number of orders in flight: the next is sent when one ends. */
        CLOSED
    }

    /** How terminal states are observed. */
    public enum Observe {
        /** Terminal events on the event topic: no polling interval, no read-model lag. */
        KAFKA,
        /** Polling {@code GET /api/orders/{id}}: includes a polling interval and the projection lag. */
        API,
        /** Kafka when it can be reached within the set-up timeout, else the API. */
        AUTO
    }
}
