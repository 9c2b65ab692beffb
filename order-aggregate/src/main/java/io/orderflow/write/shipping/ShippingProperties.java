package io.orderflow.write.shipping;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How {@link ShippingProcessor} retries technical failures of the carrier.
 *
 * @param maxAttempts {@code orderflow.shipping.max-attempts}: calls per carrier operation in total,
 *                    at least 1 (default 3)
 * @param backoff     {@code orderflow.shipping.backoff}: the wait before the second attempt, doubled
 *                    before each further one (default 100ms)
 */
@ConfigurationProperties("orderflow.shipping")
public record ShippingProperties(@DefaultValue("3") int maxAttempts, @DefaultValue("100ms") Duration backoff) {

    public ShippingProperties {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("orderflow.shipping.max-attempts must be at least 1: " + maxAttempts);
        }
        if (backoff == null || backoff.isNegative()) {
            throw new IllegalArgumentException("orderflow.shipping.backoff must not be negative: " + backoff);
        }
    }
}
