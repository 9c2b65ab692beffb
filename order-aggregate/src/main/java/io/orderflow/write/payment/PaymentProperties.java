package io.orderflow.write.payment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How {@link PaymentProcessor} retries technical failures of the payment gateway.
 *
 * @param maxAttempts {@code orderflow.payment.max-attempts}: calls per gateway operation in total,
 *                    at least 1 (default 3)
 * @param backoff     {@code orderflow.payment.backoff}: the wait before the second attempt, doubled
 *                    before each further one (default 100ms)
 */
@ConfigurationProperties("orderflow.payment")
public record PaymentProperties(@DefaultValue("3") int maxAttempts, @DefaultValue("100ms") Duration backoff) {

    public PaymentProperties {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("orderflow.payment.max-attempts must be at least 1: " + maxAttempts);
        }
        if (backoff == null || backoff.isNegative()) {
            throw new IllegalArgumentException("orderflow.payment.backoff must not be negative: " + backoff);
        }
    }
}
