package io.orderflow.app.messaging;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.commandhandling.gateway.ExponentialBackOffIntervalRetryScheduler;

/**
 * Retries a failed command with exponential back-off ({@code base}, {@code 2 x base}, {@code 4 x base}
 * ...) when, and only when, the failure is {@linkplain TransientFailures#isTransient transient}.
 *
 * <p>Axon's own {@code AbstractRetryScheduler} retries everything that its
 * {@code nonTransientFailurePredicate} does not reject, and evaluates that predicate on every
 * element of the cause chain separately (a failure is non-transient as soon as <em>one</em> element
 * matches). "Retry only what is known to be transient" is a property of the whole chain (a
 * transient {@code ConcurrencyException} has non-transient causes), so this class decides on the
 * whole chain at once: the predicate it installs is {@code failure -> !isTransient(failure)}, and
 * the chain walk is replaced by a single evaluation of that predicate on the outermost failure.
 * Business errors ({@code CommandExecutionException} carrying a {@code BusinessError}) are never
 * retried.
 */
public class TransientFailureRetryScheduler extends ExponentialBackOffIntervalRetryScheduler {

    private final ScheduledExecutorService retryExecutor;

    /**
     * @param retryExecutor executor on which the retries are dispatched after their delay; owned by
     *                      this scheduler and shut down by {@link #shutdown()}
     * @param maxRetries    retries after the first attempt, at least 1
     * @param baseDelay     delay before the first retry, at least 1 ms
     */
    public TransientFailureRetryScheduler(ScheduledExecutorService retryExecutor, int maxRetries, Duration baseDelay) {
        super(ExponentialBackOffIntervalRetryScheduler.builder()
                                                      .retryExecutor(retryExecutor)
                                                      .maxRetryCount(maxRetries)
                                                      .backoffFactor(baseDelay.toMillis())
                                                      .nonTransientFailurePredicate(
                                                              failure -> !TransientFailures.isTransient(failure)));
        this.retryExecutor = retryExecutor;
    }

    /**
     * Creates a scheduler with its own single retry thread.
     *
     * @param maxRetries retries after the first attempt, at least 1
     * @param baseDelay  delay before the first retry, at least 1 ms
     * @return the scheduler; call {@link #shutdown()} when done
     */
    public static TransientFailureRetryScheduler create(int maxRetries, Duration baseDelay) {
        return new TransientFailureRetryScheduler(
                Executors.newSingleThreadScheduledExecutor(new AxonThreadFactory("CommandRetry")), maxRetries, baseDelay);
    }

    /** Stops the retry thread; retries that are still waiting are dropped. */
    public void shutdown() {
        retryExecutor.shutdownNow();
    }

    @Override
    protected boolean isExplicitlyNonTransient(Throwable failure) {
        return !TransientFailures.isTransient(failure);
    }
}
