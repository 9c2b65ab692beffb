package io.orderflow.saga;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the {@link OrderFulfilmentSaga} waits for each reply, how it keeps its deadline, and how
 * its error handler retries.
 * Bound from {@code orderflow.saga.*}; the saga receives it as a handler parameter, never as a
 * field, so it is not part of the serialized saga state.
 *
 * @param stockTimeout           wait for every stock reservation reply; then {@code STOCK_RESERVATION_TIMEOUT}
 * @param paymentTimeout         wait for the payment outcome; then {@code PAYMENT_TIMEOUT}
 * @param shipmentTimeout        wait for the carrier's booking outcome; then {@code SHIPMENT_TIMEOUT}
 * @param completionTimeout      first wait for each reply after the point of no return; then re-send
 * @param compensationTimeout    first wait for each compensation reply; then re-send
 * @param maxAttempts            how often a saga event is tried before it is parked
 * @param compensationBackoffMax cap of the doubling back-off between re-sends
 * @param deadlinePerStage       {@code false}: one deadline per saga, re-armed lazily (a happy saga
 *                               schedules one deadline and cancels it at the end); {@code true}: a
 *                               deadline per stage, cancelled and scheduled at every stage change, the
 *                               behaviour before (five schedules and five cancels per happy saga), for
 *                               measurement. Same timeouts either way; applies to sagas started after
 *                               a change, running ones keep the way they started with
 */
@ConfigurationProperties("orderflow.saga")
public record SagaTimeouts(
        @DefaultValue("10s") Duration stockTimeout,
        @DefaultValue("30s") Duration paymentTimeout,
        @DefaultValue("30s") Duration shipmentTimeout,
        @DefaultValue("30s") Duration completionTimeout,
        @DefaultValue("30s") Duration compensationTimeout,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("5m") Duration compensationBackoffMax,
        @DefaultValue("false") boolean deadlinePerStage) {

    /** Validates that every duration is positive and at least one attempt is made. */
    public SagaTimeouts {
        requirePositive(stockTimeout, "stockTimeout");
        requirePositive(paymentTimeout, "paymentTimeout");
        requirePositive(shipmentTimeout, "shipmentTimeout");
        requirePositive(completionTimeout, "completionTimeout");
        requirePositive(compensationTimeout, "compensationTimeout");
        requirePositive(compensationBackoffMax, "compensationBackoffMax");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
    }

    /** The defaults of docs/architecture.md, for tests and for code that runs without Spring. */
    public static SagaTimeouts defaults() {
        return new SagaTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofSeconds(30), Duration.ofSeconds(30), 5, Duration.ofMinutes(5), false);
    }

    /** These timeouts, with the saga's deadline kept per stage ({@code true}) or per saga. */
    public SagaTimeouts withDeadlinePerStage(boolean perStage) {
        return new SagaTimeouts(stockTimeout, paymentTimeout, shipmentTimeout, completionTimeout, compensationTimeout,
                maxAttempts, compensationBackoffMax, perStage);
    }

    /**
     * The delay before the next re-send: twice the previous one, but never more than
     * {@link #compensationBackoffMax()}.
     */
    public Duration nextBackoff(Duration previous) {
        Duration doubled = previous.multipliedBy(2);
        return doubled.compareTo(compensationBackoffMax) > 0 ? compensationBackoffMax : doubled;
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
