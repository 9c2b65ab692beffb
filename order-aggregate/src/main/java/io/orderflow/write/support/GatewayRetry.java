package io.orderflow.write.support;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.retry.backoff.BackOffPolicy;
import org.springframework.retry.backoff.ExponentialBackOffPolicy;
import org.springframework.retry.backoff.NoBackOffPolicy;
import org.springframework.retry.backoff.Sleeper;
import org.springframework.retry.support.RetryTemplate;

/**
 * Bounded retries with exponential back-off (factor 2, at most 30 s between attempts, or the initial
 * back-off if that is longer) for calls to an external system, built on spring-retry's
 * {@link RetryTemplate}.
 *
 * <p>Only the given technical exception type is retried; any other exception propagates at once,
 * unchanged. When the last attempt fails, {@link #call(Supplier)} throws a
 * {@link RetriesExhaustedException} that tells how many attempts were made.
 */
public final class GatewayRetry {

    /** Waits with {@link Thread#sleep(long)}: the sleeper of production code. */
    public static final Sleeper THREAD_SLEEPER = Thread::sleep;

    private static final long MAX_INTERVAL_MILLIS = 30_000;

    private final RetryTemplate template;
    private final Class<? extends RuntimeException> retryOn;
    private final int maxAttempts;

    /**
     * @param maxAttempts    how often the call is tried in total, at least 1
     * @param initialBackoff the wait before the second attempt; doubles before each further one
     * @param retryOn        the technical exception type worth another attempt
     * @param sleeper        how to wait between attempts ({@link #THREAD_SLEEPER} outside tests)
     */
    public GatewayRetry(int maxAttempts, Duration initialBackoff, Class<? extends RuntimeException> retryOn,
                        Sleeper sleeper) {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(retryOn, "retryOn");
        Objects.requireNonNull(sleeper, "sleeper");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        if (initialBackoff.isNegative()) {
            throw new IllegalArgumentException("backoff must not be negative: " + initialBackoff);
        }
        this.maxAttempts = maxAttempts;
        this.retryOn = retryOn;
        this.template = RetryTemplate.builder()
                .maxAttempts(maxAttempts)
                .retryOn(retryOn)
                .customBackoff(backOff(initialBackoff, sleeper))
                .build();
    }

    private static BackOffPolicy backOff(Duration initialBackoff, Sleeper sleeper) {
        if (initialBackoff.isZero()) {
            return new NoBackOffPolicy();
        }
        long initialMillis = Math.max(1, initialBackoff.toMillis());
        ExponentialBackOffPolicy policy = new ExponentialBackOffPolicy();
        policy.setInitialInterval(initialMillis);
        policy.setMultiplier(2.0);
        policy.setMaxInterval(Math.max(initialMillis, MAX_INTERVAL_MILLIS));
        policy.setSleeper(sleeper);
        return policy;
    }

    /** How often a call is tried in total. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * Calls the action until it succeeds, fails with an exception that is not retried, or has been
     * tried {@link #maxAttempts()} times.
     *
     * @param action the call to the external system
     * @return what the first successful attempt returned
     * @throws RetriesExhaustedException when every attempt failed with the retried exception type
     */
    public <T> T call(Supplier<T> action) {
        AtomicInteger attempts = new AtomicInteger();
        try {
            return template.execute(context -> {
                attempts.incrementAndGet();
                return action.get();
            });
        } catch (RuntimeException e) {
            if (retryOn.isInstance(e)) {
                throw new RetriesExhaustedException(attempts.get(), e);
            }
            throw e;
        }
    }

    /**
     * Runs the action like {@link #call(Supplier)}, for calls without a result.
     *
     * @throws RetriesExhaustedException when every attempt failed with the retried exception type
     */
    public void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }
}
