package io.orderflow.app.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the asynchronous command bus and of the retrying command gateway
 * ({@code orderflow.command-bus.*}).
 *
 * @param threads          worker threads that handle commands
 * @param queueCapacity    commands that may wait for a worker; beyond it, senders are held back
 * @param overflowTimeout  how long a sender waits for room in a full queue before the dispatch is
 *                         refused with a {@link java.util.concurrent.RejectedExecutionException}
 * @param maxRetries       retries of a command that failed transiently (the first attempt not counted)
 * @param retryBaseDelay   delay before the first retry; each further retry doubles it
 * @param shutdownTimeout  how long closing the application waits for running and queued commands
 *                         before it interrupts them
 * @param batch            the lanes that run the aggregate-only commands waiting at the same time in
 *                         one transaction ({@link TransactionBatchingCommandBus})
 */
@ConfigurationProperties(prefix = "orderflow.command-bus")
public record CommandBusProperties(
        @DefaultValue("8") int threads,
        @DefaultValue("1000") int queueCapacity,
        @DefaultValue("30s") Duration overflowTimeout,
        @DefaultValue("5") int maxRetries,
        @DefaultValue("50ms") Duration retryBaseDelay,
        @DefaultValue("20s") Duration shutdownTimeout,
        @DefaultValue Batch batch) {

    /** Validates the settings. */
    public CommandBusProperties {
        if (threads < 1) {
            throw new IllegalArgumentException("orderflow.command-bus.threads must be at least 1: " + threads);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException(
                    "orderflow.command-bus.queue-capacity must be at least 1: " + queueCapacity);
        }
        if (overflowTimeout.isNegative()) {
            throw new IllegalArgumentException(
                    "orderflow.command-bus.overflow-timeout must not be negative: " + overflowTimeout);
        }
        if (maxRetries < 1) {
            throw new IllegalArgumentException(
                    "orderflow.command-bus.max-retries must be at least 1: " + maxRetries);
        }
        if (shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException(
                    "orderflow.command-bus.shutdown-timeout must not be negative: " + shutdownTimeout);
        }
        if (batch.enabled() && (batch.lanes() < 1 || batch.maxSize() < 1)) {
            throw new IllegalArgumentException("orderflow.command-bus.batch.lanes and .max-size must be at least 1: "
                                                       + batch.lanes() + ", " + batch.maxSize());
        }
        if (retryBaseDelay.toMillis() < 1) {
            throw new IllegalArgumentException(
                    "orderflow.command-bus.retry-base-delay must be at least 1ms: " + retryBaseDelay);
        }
    }

    /**
     * The transaction-batching lanes ({@code orderflow.command-bus.batch.*}).
     *
     * @param enabled {@code false}: every command runs alone on the pool, one transaction each, as
     *                Axon's {@code AsynchronousCommandBus} does
     * @param lanes   threads for the aggregate-only commands; each aggregate's commands go to one of them
     * @param maxSize most commands one lane runs in one transaction
     */
    public record Batch(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1") int lanes,
            @DefaultValue("64") int maxSize) {
    }
}
