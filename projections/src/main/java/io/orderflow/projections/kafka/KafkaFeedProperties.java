package io.orderflow.projections.kafka;

import io.orderflow.projections.support.ReadModelFeed;
import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the read models consume the event topic ({@code orderflow.projections.kafka-feed.*}). The topic
 * itself, its partition count and replication factor are the Kafka backbone's settings
 * ({@code orderflow.kafka.topics.events}, {@code orderflow.kafka.partitions},
 * {@code orderflow.kafka.replication-factor}).
 *
 * @param enabled             the Kafka feed's own switch; {@code null} (not set) leaves the choice to
 *                            {@code orderflow.projections.feed} (see {@link ReadModelFeed})
 * @param concurrency         consumer threads per read model in this instance; the topic's partitions
 *                            are split between all threads of all instances of one consumer group
 * @param orderViewGroupId    the consumer group of the order view
 * @param productStockGroupId the consumer group of the product stock view
 * @param autoOffsetReset     where a consumer group without committed offsets starts: {@code earliest}
 *                            (a new read model is built from the whole topic) or {@code latest}
 * @param retry               retries of a record whose update fails
 * @param deadLetters         the dead-letter topics
 */
@ConfigurationProperties(prefix = KafkaFeedProperties.PREFIX)
public record KafkaFeedProperties(
        Boolean enabled,
        @DefaultValue("3") int concurrency,
        @DefaultValue("orderflow.projections.order-view") String orderViewGroupId,
        @DefaultValue("orderflow.projections.product-stock") String productStockGroupId,
        @DefaultValue("earliest") String autoOffsetReset,
        @DefaultValue Retry retry,
        @DefaultValue DeadLetters deadLetters) {

    /** The prefix of these properties. */
    public static final String PREFIX = "orderflow.projections.kafka-feed";

    public KafkaFeedProperties {
        if (concurrency < 1) {
            throw new IllegalArgumentException(PREFIX + ".concurrency must be positive: " + concurrency);
        }
        requireText(orderViewGroupId, "order-view-group-id");
        requireText(productStockGroupId, "product-stock-group-id");
        if (orderViewGroupId.equals(productStockGroupId)) {
            throw new IllegalArgumentException(PREFIX + ": each read model needs its own consumer group: " + orderViewGroupId);
        }
        if (!"earliest".equals(autoOffsetReset) && !"latest".equals(autoOffsetReset)) {
            throw new IllegalArgumentException(PREFIX + ".auto-offset-reset must be 'earliest' or 'latest': " + autoOffsetReset);
        }
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(deadLetters, "deadLetters");
    }

    /**
     * Retries of a record whose update fails, with exponential back-off, before it goes to the
     * dead-letter topic. Records that cannot be read are never retried. The consumer does not poll
     * while it waits, so every interval must stay well below the consumer's
     * {@code max.poll.interval.ms} (five minutes by default).
     *
     * @param maxRetries      retries after the first attempt
     * @param initialInterval the wait before the first retry
     * @param multiplier      how much each wait grows
     * @param maxInterval     the longest wait
     */
    public record Retry(
            @DefaultValue("3") int maxRetries,
            @DefaultValue("200ms") Duration initialInterval,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("5s") Duration maxInterval) {

        public Retry {
            if (maxRetries < 0) {
                throw new IllegalArgumentException(PREFIX + ".retry.max-retries must not be negative: " + maxRetries);
            }
            requirePositive(initialInterval, "retry.initial-interval");
            requirePositive(maxInterval, "retry.max-interval");
            if (multiplier < 1.0) {
                throw new IllegalArgumentException(PREFIX + ".retry.multiplier must be at least 1: " + multiplier);
            }
            if (maxInterval.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException(PREFIX + ".retry.max-interval must not exceed one minute "
                        + "(the consumer does not poll while it waits): " + maxInterval);
            }
        }
    }

    /**
     * The dead-letter topics, {@code <events topic>.<consumer group>.DLT}, one per read model.
     *
     * @param retention   how long a dead-letter topic keeps records
     * @param sendTimeout how long publishing a dead letter, or replaying one, may take
     * @param readTimeout how long listing or finding dead letters may take
     */
    public record DeadLetters(
            @DefaultValue("30d") Duration retention,
            @DefaultValue("10s") Duration sendTimeout,
            @DefaultValue("10s") Duration readTimeout) {

        public DeadLetters {
            requirePositive(retention, "dead-letters.retention");
            requirePositive(sendTimeout, "dead-letters.send-timeout");
            requirePositive(readTimeout, "dead-letters.read-timeout");
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(PREFIX + "." + name + " must not be blank");
        }
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(PREFIX + "." + name + " must be positive");
        }
    }
}
