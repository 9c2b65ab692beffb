package io.orderflow.projections.support;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the processed-event ledger remembers an event, and how its clean-up runs
 * ({@code orderflow.projections.processed-events.*}). Why the default retention is safe is explained
 * on {@link ProcessedEventsCleanup}.
 *
 * @param retention how long a mark is kept after the event was applied; longer than the oldest
 *                  redelivery that can still happen (default 37 days: the dead-letter topics' 30 days
 *                  of retention plus the 7 days Kafka may keep a closed segment beyond it)
 * @param cleanup   the scheduled clean-up
 */
@ConfigurationProperties(prefix = ProcessedEventsProperties.PREFIX)
public record ProcessedEventsProperties(
        @DefaultValue("37d") Duration retention,
        @DefaultValue Cleanup cleanup) {

    /** The prefix of these properties. */
    public static final String PREFIX = "orderflow.projections.processed-events";

    public ProcessedEventsProperties {
        if (retention == null || retention.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException(PREFIX + ".retention must be at least one day: " + retention);
        }
        Objects.requireNonNull(cleanup, "cleanup");
    }

    /**
     * The scheduled clean-up of marks older than the retention.
     *
     * @param enabled      {@code false} keeps every mark for ever (the behaviour before the clean-up existed)
     * @param initialDelay how long after start-up the first clean-up runs
     * @param interval     the pause between the end of one clean-up and the start of the next
     * @param chunkSize    marks deleted per transaction; a clean-up deletes chunk after chunk until no mark
     *                     older than the retention is left
     */
    public record Cleanup(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1m") Duration initialDelay,
            @DefaultValue("1h") Duration interval,
            @DefaultValue("10000") int chunkSize) {

        public Cleanup {
            if (initialDelay == null || initialDelay.isNegative()) {
                throw new IllegalArgumentException(PREFIX + ".cleanup.initial-delay must not be negative");
            }
            if (interval == null || interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException(PREFIX + ".cleanup.interval must be positive");
            }
            if (chunkSize < 1) {
                throw new IllegalArgumentException(PREFIX + ".cleanup.chunk-size must be positive: " + chunkSize);
            }
        }
    }
}
