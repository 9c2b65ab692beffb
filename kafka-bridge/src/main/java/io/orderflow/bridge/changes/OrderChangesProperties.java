package io.orderflow.bridge.changes;

import io.orderflow.bridge.publishing.AckWait;
import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the order-change feed, under {@code orderflow.kafka.changes}. The topic name is
 * {@code orderflow.kafka.topics.order-changes}.
 *
 * <p>The cost settings can each be put back to the feed's first behaviour, so one jar can be
 * measured both ways: {@code processor=own} (its own tracking processor, token and producer),
 * {@code batch-size=16} (the former default; {@code 1} is one event per transaction),
 * {@code ack-wait=record} and {@code state-cache-size=0}.
 *
 * @param enabled         {@code false} switches the feed off (no processor, no producer)
 * @param batchSize       events per unit of work (and token update) of the feed's own processor; with
 *                        {@link Processor#SHARED} the publisher's {@code orderflow.kafka.publisher.batch-size}
 *                        applies instead
 * @param ackTimeout      how long the feed waits for the broker's acknowledgements before the batch fails
 *                        and is retried: per record with {@link AckWait#RECORD}, for all records of the
 *                        batch together with {@link AckWait#BATCH}; keep it above {@code deliveryTimeout}
 * @param deliveryTimeout the own producer's {@code delivery.timeout.ms} (and {@code max.block.ms}): how long
 *                        it keeps trying to deliver a change before reporting the send as failed; with
 *                        {@link Processor#SHARED} the publisher's producer and its
 *                        {@code orderflow.kafka.publisher.delivery-timeout} apply instead
 * @param ackWait         when the feed waits for the broker's acknowledgements (see {@link AckWait})
 * @param stateCacheSize  orders whose latest published state is kept in memory, so that the next event
 *                        of the order needs no read of the event store; {@code 0} switches the cache off
 *                        (every {@code before} is folded from the event store)
 * @param processor       {@link Processor#SHARED}: the feed runs inside the event publisher's tracking
 *                        processor, with its token and its producer; {@link Processor#OWN}: in its own
 *                        processor {@value OrderChangePublisher#PROCESSING_GROUP} with its own token and
 *                        producer (see {@link OrderChangesConfiguration} for the trade-off)
 */
@ConfigurationProperties(prefix = OrderChangesProperties.PREFIX)
public record OrderChangesProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("64") int batchSize,
        @DefaultValue("35s") Duration ackTimeout,
        @DefaultValue("30s") Duration deliveryTimeout,
        @DefaultValue("batch") AckWait ackWait,
        @DefaultValue("10000") int stateCacheSize,
        @DefaultValue("shared") Processor processor) {

    /** The prefix of these properties. */
    public static final String PREFIX = "orderflow.kafka.changes";

    public OrderChangesProperties {
        if (batchSize < 1) {
            throw new IllegalArgumentException(PREFIX + ".batch-size must be positive: " + batchSize);
        }
        requirePositive(ackTimeout, "ack-timeout");
        requirePositive(deliveryTimeout, "delivery-timeout");
        Objects.requireNonNull(ackWait, PREFIX + ".ack-wait");
        if (stateCacheSize < 0) {
            throw new IllegalArgumentException(PREFIX + ".state-cache-size must not be negative: " + stateCacheSize);
        }
        Objects.requireNonNull(processor, PREFIX + ".processor");
    }

    /** Which tracking processor runs the feed ({@code orderflow.kafka.changes.processor}). */
    public enum Processor {

        /**
         * Inside the event publisher's processor: one pass over the event store, one token update per
         * batch and one producer for both topics. A batch commits only when both topics acknowledged its
         * records, so a broken order-change topic also holds up {@code orderflow.events}. Falls back to
         * {@link #OWN} when the publisher is switched off.
         */
        SHARED,

        /** In its own processor {@value OrderChangePublisher#PROCESSING_GROUP}, token and producer (isolated). */
        OWN
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(PREFIX + "." + name + " must be positive");
        }
    }
}
