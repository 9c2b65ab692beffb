package io.orderflow.saga;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Throughput settings of the saga's tracking event processor and of its saga cache, bound
 * from {@code orderflow.saga.processor.*}.
 *
 * @param segments           segments the processor splits the event stream into when it first starts
 *                           (no tokens yet); a saga's events all go to the segment of its saga identifier,
 *                           so each saga is handled by one thread at a time, in order. Changing it later
 *                           needs a split/merge of the stored tokens
 * @param batchSize          events handled in one unit of work and one database transaction per segment
 * @param workerThreads      threads working on segments, each claiming one (more than {@code segments} is useless)
 * @param tokenClaimInterval how often a thread without a segment tries to claim one
 * @param cacheSize          saga instances (and association lookups) kept in memory; {@code 0} disables
 *                           the cache, so every event loads its saga from the database
 */
@ConfigurationProperties("orderflow.saga.processor")
public record SagaProcessorProperties(
        @DefaultValue("4") int segments,
        @DefaultValue("32") int batchSize,
        @DefaultValue("4") int workerThreads,
        @DefaultValue("1s") Duration tokenClaimInterval,
        @DefaultValue("10000") int cacheSize) {

    /** Validates the settings. */
    public SagaProcessorProperties {
        requireAtLeast(segments, 1, "segments");
        requireAtLeast(batchSize, 1, "batchSize");
        requireAtLeast(workerThreads, 1, "workerThreads");
        requireAtLeast(cacheSize, 0, "cacheSize");
        Objects.requireNonNull(tokenClaimInterval, "tokenClaimInterval");
        if (tokenClaimInterval.isNegative() || tokenClaimInterval.isZero()) {
            throw new IllegalArgumentException("tokenClaimInterval must be positive: " + tokenClaimInterval);
        }
    }

    /** The defaults, for tests and for code that runs without Spring. */
    public static SagaProcessorProperties defaults() {
        return new SagaProcessorProperties(4, 32, 4, Duration.ofSeconds(1), 10_000);
    }

    private static void requireAtLeast(int value, int minimum, String name) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be at least " + minimum + ": " + value);
        }
    }
}
