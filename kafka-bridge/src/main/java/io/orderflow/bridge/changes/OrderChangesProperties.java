package io.orderflow.bridge.changes;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the order-change feed, under {@code orderflow.kafka.changes}. The topic name is
 * {@code orderflow.kafka.topics.order-changes}.
 *
 * @param enabled         {@code false} switches the feed off (no processor, no producer)
 * @param batchSize       events per unit of work (and token update) of the feed's processor
 * @param ackTimeout      how long the feed waits for the broker to acknowledge one change before the
 *                        batch fails and is retried; keep it above {@code deliveryTimeout}
 * @param deliveryTimeout the producer's {@code delivery.timeout.ms} (and {@code max.block.ms}): how long
 *                        it keeps trying to deliver a change before reporting the send as failed
 */
@ConfigurationProperties(prefix = OrderChangesProperties.PREFIX)
public record OrderChangesProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("16") int batchSize,
        @DefaultValue("35s") Duration ackTimeout,
        @DefaultValue("30s") Duration deliveryTimeout) {

    /** The prefix of these properties. */
    public static final String PREFIX = "orderflow.kafka.changes";

    public OrderChangesProperties {
        if (batchSize < 1) {
            throw new IllegalArgumentException(PREFIX + ".batch-size must be positive: " + batchSize);
        }
        requirePositive(ackTimeout, "ack-timeout");
        requirePositive(deliveryTimeout, "delivery-timeout");
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(PREFIX + "." + name + " must be positive");
        }
    }
}
