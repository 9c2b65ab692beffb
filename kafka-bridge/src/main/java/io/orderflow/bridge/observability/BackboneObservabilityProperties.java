package io.orderflow.bridge.observability;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the backbone's lag metrics and health check, under {@code orderflow.kafka.observability}.
 *
 * @param consumerLagInterval how often consumer lag is measured (one round of admin requests each time)
 * @param publisherLagCache   how long a measured publisher lag is reused (each measurement reads the
 *                            event store's head)
 * @param healthTimeout       how long the Kafka health check waits for the cluster to answer
 * @param adminTimeout        how long one round of consumer-lag admin requests may take
 */
@ConfigurationProperties(prefix = BackboneObservabilityProperties.PREFIX)
public record BackboneObservabilityProperties(
        @DefaultValue("5s") Duration consumerLagInterval,
        @DefaultValue("1s") Duration publisherLagCache,
        @DefaultValue("2s") Duration healthTimeout,
        @DefaultValue("5s") Duration adminTimeout) {

    /** The prefix of these properties. */
    public static final String PREFIX = "orderflow.kafka.observability";

    public BackboneObservabilityProperties {
        requirePositive(consumerLagInterval, "consumer-lag-interval");
        requirePositive(healthTimeout, "health-timeout");
        requirePositive(adminTimeout, "admin-timeout");
        if (publisherLagCache == null || publisherLagCache.isNegative()) {
            throw new IllegalArgumentException(PREFIX + ".publisher-lag-cache must not be negative");
        }
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(PREFIX + "." + name + " must be positive");
        }
    }
}
