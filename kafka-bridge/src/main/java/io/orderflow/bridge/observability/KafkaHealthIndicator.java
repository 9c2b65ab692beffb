package io.orderflow.bridge.observability;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The health of the Kafka cluster the application uses, {@code kafka} in {@code /actuator/health}: UP
 * with the cluster id, the number of brokers and the active controller when the cluster describes
 * itself within {@code orderflow.kafka.observability.health-timeout}; DOWN with the error otherwise.
 *
 * <p>Kafka being down does not stop the application taking orders: events stay in the event store and
 * reach Kafka when it is back. Keep this indicator out of liveness probes.
 */
public class KafkaHealthIndicator implements HealthIndicator {

    private final KafkaClusterAdmin admin;
    private final Duration timeout;
    private final String bootstrapServers;

    /**
     * Creates the indicator.
     *
     * @param admin            the admin client
     * @param timeout          how long to wait for the cluster
     * @param bootstrapServers the configured address, shown in the details
     */
    public KafkaHealthIndicator(KafkaClusterAdmin admin, Duration timeout, String bootstrapServers) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    public Health health() {
        Health.Builder health;
        try {
            KafkaClusterAdmin.ClusterInfo cluster = admin.describeCluster(timeout);
            health = Health.up()
                    .withDetail("clusterId", String.valueOf(cluster.clusterId()))
                    .withDetail("nodes", cluster.nodes())
                    .withDetail("controller", cluster.controller());
        } catch (RuntimeException e) {
            health = Health.down().withDetail("error", e.getMessage());
        }
        if (bootstrapServers != null) {
            health.withDetail("bootstrapServers", bootstrapServers);
        }
        return health.build();
    }
}
