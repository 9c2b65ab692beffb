package io.orderflow.bridge;

import io.orderflow.bridge.publishing.AckWait;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the Kafka backbone, under {@code orderflow.kafka}.
 *
 * @param bootstrapServers  the Kafka cluster to use; when neither this nor the environment variable
 *                          {@code KAFKA_BOOTSTRAP_SERVERS} is set, an in-process broker is started
 * @param partitions        partitions of every application topic
 * @param replicationFactor replication factor of every application topic
 * @param topics            topic names and retention
 * @param embedded          the in-process broker of the zero-setup run
 * @param publisher         the event-store-to-Kafka publisher
 */
@ConfigurationProperties(prefix = KafkaBridgeProperties.PREFIX)
public record KafkaBridgeProperties(
        String bootstrapServers,
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue Topics topics,
        @DefaultValue Embedded embedded,
        @DefaultValue Publisher publisher) {

    /** The prefix of every property of this module. */
    public static final String PREFIX = "orderflow.kafka";

    public KafkaBridgeProperties {
        if (partitions < 1) {
            throw new IllegalArgumentException(PREFIX + ".partitions must be positive: " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException(
                    PREFIX + ".replication-factor must be positive: " + replicationFactor);
        }
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(embedded, "embedded");
        Objects.requireNonNull(publisher, "publisher");
    }

    /** Whether a bootstrap address was configured through {@code orderflow.kafka.bootstrap-servers}. */
    public boolean hasBootstrapServers() {
        return bootstrapServers != null && !bootstrapServers.isBlank();
    }

    /**
     * Topic names and retention.
     *
     * @param events          every domain event, keyed by order id (or aggregate id)
     * @param eventsRetention how long {@link #events} keeps records
     * @param orderChanges    the compacted latest-state-per-order topic
     */
    public record Topics(
            @DefaultValue("orderflow.events") String events,
            @DefaultValue("7d") Duration eventsRetention,
            @DefaultValue("orderflow.order-changes") String orderChanges) {

        public Topics {
            requireText(events, "topics.events");
            requireText(orderChanges, "topics.order-changes");
            if (eventsRetention == null || eventsRetention.isNegative() || eventsRetention.isZero()) {
                throw new IllegalArgumentException(PREFIX + ".topics.events-retention must be positive");
            }
        }
    }

    /**
     * The in-process single-node KRaft broker, started when no bootstrap servers are configured.
     *
     * @param enabled        {@code false} never starts it (the Kafka clients then use their own defaults)
     * @param logDir         the broker's data; kept between runs
     * @param port           the client port, {@code 0} for a free one
     * @param controllerPort the KRaft controller port, {@code 0} for a free one
     * @param properties     further broker settings, overriding the defaults
     */
    public record Embedded(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("./data/kafka") String logDir,
            @DefaultValue("9092") int port,
            @DefaultValue("9093") int controllerPort,
            Map<String, String> properties) {

        public Embedded {
            requireText(logDir, "embedded.log-dir");
            requirePort(port, "embedded.port");
            requirePort(controllerPort, "embedded.controller-port");
            properties = properties == null ? Map.of() : Map.copyOf(properties);
        }
    }

    /**
     * The publisher that reads the event store and writes {@link Topics#events}.
     *
     * @param ackTimeout      how long the publisher waits for the broker to acknowledge one event (with
     *                        {@code ack-wait: batch}, all events of a batch) before the batch fails and is retried; keep it above {@code deliveryTimeout}
     * @param deliveryTimeout the producer's {@code delivery.timeout.ms}: how long it keeps trying to
     *                        deliver a record before reporting the send as failed
     * @param batchSize       events per unit of work (and token update) of the publishing processor
     * @param ackWait         {@code batch}: the acknowledgements of a batch are awaited together before it
     *                        commits; {@code record}: each before the next event (the extension's own
     *                        behaviour); see {@link AckWait}
     */
    public record Publisher(
            @DefaultValue("35s") Duration ackTimeout,
            @DefaultValue("30s") Duration deliveryTimeout,
            @DefaultValue("16") int batchSize,
            @DefaultValue("batch") AckWait ackWait) {

        public Publisher {
            Objects.requireNonNull(ackWait, "publisher.ack-wait");
            requirePositive(ackTimeout, "publisher.ack-timeout");
            requirePositive(deliveryTimeout, "publisher.delivery-timeout");
            if (batchSize < 1) {
                throw new IllegalArgumentException(PREFIX + ".publisher.batch-size must be positive: " + batchSize);
            }
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(PREFIX + "." + name + " must not be blank");
        }
    }

    private static void requirePort(int port, String name) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(PREFIX + "." + name + " is not a port: " + port);
        }
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(PREFIX + "." + name + " must be positive");
        }
    }
}
