package io.orderflow.app.deadline;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a deadline (or scheduled event) whose delivery failed is tried again
 * ({@code orderflow.deadline.*}). The polling interval of the scheduler itself is db-scheduler's
 * {@code db-scheduler.polling-interval}.
 *
 * @param retryInitialDelay delay before the first new attempt; doubled after each failure
 * @param retryMaxDelay     upper bound of the delay between attempts
 */
@ConfigurationProperties(prefix = "orderflow.deadline")
public record DeadlineProperties(
        @DefaultValue("1s") Duration retryInitialDelay,
        @DefaultValue("5m") Duration retryMaxDelay) {

    /** Validates the settings. */
    public DeadlineProperties {
        if (retryInitialDelay.toMillis() < 1) {
            throw new IllegalArgumentException(
                    "orderflow.deadline.retry-initial-delay must be at least 1ms: " + retryInitialDelay);
        }
        if (retryMaxDelay.compareTo(retryInitialDelay) < 0) {
            throw new IllegalArgumentException(
                    "orderflow.deadline.retry-max-delay must not be below retry-initial-delay: " + retryMaxDelay);
        }
    }
}
