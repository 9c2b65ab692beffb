package io.orderflow.app.admission;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When new orders are refused ({@code orderflow.api.admission.*}).
 *
 * @param enabled           {@code false}: every order is admitted, however far behind the application is
 * @param maxSagaLag        refuse while the saga processor's last event was older than this when taken up
 * @param maxQueuedCommands refuse while more commands than this wait in the command bus
 * @param retryAfter        what the refusal's {@code Retry-After} says
 */
@ConfigurationProperties(prefix = "orderflow.api.admission")
public record AdmissionProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1s") Duration maxSagaLag,
        @DefaultValue("500") int maxQueuedCommands,
        @DefaultValue("1s") Duration retryAfter) {

    /** Validates the settings. */
    public AdmissionProperties {
        if (maxSagaLag.isNegative() || maxSagaLag.isZero()) {
            throw new IllegalArgumentException("orderflow.api.admission.max-saga-lag must be positive: " + maxSagaLag);
        }
        if (maxQueuedCommands < 1) {
            throw new IllegalArgumentException(
                    "orderflow.api.admission.max-queued-commands must be at least 1: " + maxQueuedCommands);
        }
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("orderflow.api.admission.retry-after must not be negative: " + retryAfter);
        }
    }
}
