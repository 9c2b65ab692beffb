package io.orderflow.projections.kafka;

import io.orderflow.projections.support.ReadModelFeed;
import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How the read models consume the event topic ({@code orderflow.projections.kafka-feed.*}). The topic
 * itself, its partition count and replication factor are the Kafka backbone's settings
 * ({@code orderflow.kafka.topics.events}, {@code orderflow.kafka.partitions},
 * {@code orderflow.kafka.replication-factor}).
 *
 * <p><b>Poll size.</b> With Kafka's defaults ({@code fetch.min.bytes} 1 byte, {@code fetch.max.wait.ms}
 * 500 ms) the broker answers as soon as one record is there, so under moderate load a poll holds one or two
 * records and each read model commits a transaction (fsync) and an offset per event or two. With the
 * defaults here (32 KiB, 200 ms) a consumer that receives fewer than 32 KiB in 200 ms gets everything of
 * those 200 ms in one poll: at 6.5 sagas/s (about 65 records/s of about 1 KB on six partitions, three
 * consumers per group) that is four to five records per transaction instead of one or two; at higher rates
 * the 32 KiB fill sooner (about 30 records per poll) and the wait shrinks. 50 ms would gain almost nothing
 * at the rates this machine sustains. Setting {@code fetch-min-bytes=1B} and {@code fetch-max-wait=500ms}
 * restores the previous behaviour (Kafka's defaults); {@code max-poll-records} defaults to Kafka's 500.
 *
 * @param enabled             the Kafka feed's own switch; {@code null} (not set) leaves the choice to
 *                            {@code orderflow.projections.feed} (see {@link ReadModelFeed})
 * @param concurrency         consumer threads per read model in this instance; the topic's partitions
 *                            are split between all threads of all instances of one consumer group
 * @param orderViewGroupId    the consumer group of the order view
 * @param productStockGroupId the consumer group of the product stock view
 * @param autoOffsetReset     where a consumer group without committed offsets starts: {@code earliest}
 *                            (a new read model is built from the whole topic) or {@code latest}
 * @param fetchMinBytes       Kafka's {@code fetch.min.bytes} for the read models' consumers: the broker
 *                            answers a fetch once this much data is there, or after {@code fetchMaxWait}.
 *                            Every poll is one database transaction and one synchronous offset commit, so
 *                            letting a poll wait for more records means fewer of both per event (see above)
 * @param fetchMaxWait        Kafka's {@code fetch.max.wait.ms}: the longest a fetch waits for
 *                            {@code fetchMinBytes}; the most a read model lags behind the topic because of
 *                            this setting. Neither the saga nor the end-to-end latency depends on the read
 *                            models; the order view and stock queries see a change up to this much later
 * @param maxPollRecords      Kafka's {@code max.poll.records}: the most records one poll, hence one database
 *                            transaction, holds
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
        @DefaultValue("32KB") DataSize fetchMinBytes,
        @DefaultValue("200ms") Duration fetchMaxWait,
        @DefaultValue("500") int maxPollRecords,
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
        if (fetchMinBytes == null || fetchMinBytes.toBytes() < 1 || fetchMinBytes.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(PREFIX + ".fetch-min-bytes must be between 1B and 2GB: " + fetchMinBytes);
        }
        if (fetchMaxWait == null || fetchMaxWait.isNegative() || fetchMaxWait.compareTo(Duration.ofSeconds(30)) >= 0) {
            throw new IllegalArgumentException(PREFIX + ".fetch-max-wait must be at least 0 and below the consumer's "
                    + "request timeout (30s): " + fetchMaxWait);
        }
        if (maxPollRecords < 1) {
            throw new IllegalArgumentException(PREFIX + ".max-poll-records must be positive: " + maxPollRecords);
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
