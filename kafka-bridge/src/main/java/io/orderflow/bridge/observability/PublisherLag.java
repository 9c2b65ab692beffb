package io.orderflow.bridge.observability;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many stored events are not on Kafka yet: the event store's head global index minus the position
 * of the event publisher's tracking processor. Measured on demand and reused for a short while, so a
 * metrics scrape and an admin request in the same second read the event store once.
 *
 * <p>Unknown (empty) when the publisher's position cannot be known in this instance: the publishing
 * processor does not run here, or has not claimed its segment yet. An empty event store has no lag.
 */
public class PublisherLag {

    private static final Logger log = LoggerFactory.getLogger(PublisherLag.class);

    private final Supplier<OptionalLong> headPosition;
    private final Supplier<OptionalLong> publisherPosition;
    private final long cacheNanos;
    private final LongSupplier nanoTime;

    private OptionalLong cached = OptionalLong.empty();
    private long cachedAt;
    private boolean measured;

    /**
     * Creates the measurement.
     *
     * @param headPosition      the global index of the newest stored event, empty for an empty store
     * @param publisherPosition the global index of the last event the publisher handled (-1 before its
     *                          first), empty when unknown
     * @param cache             how long a measurement is reused
     * @param nanoTime          the time source, {@link System#nanoTime()} outside tests
     */
    public PublisherLag(Supplier<OptionalLong> headPosition, Supplier<OptionalLong> publisherPosition, Duration cache,
                        LongSupplier nanoTime) {
        this.headPosition = Objects.requireNonNull(headPosition, "headPosition");
        this.publisherPosition = Objects.requireNonNull(publisherPosition, "publisherPosition");
        this.cacheNanos = Objects.requireNonNull(cache, "cache").toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /**
     * The publisher lag, measured at most {@code cache} ago.
     *
     * @return events not yet published, empty when unknown
     */
    public synchronized OptionalLong current() {
        long now = nanoTime.getAsLong();
        if (!measured || now - cachedAt >= cacheNanos) {
            cached = measure();
            cachedAt = now;
            measured = true;
        }
        return cached;
    }

    /**
     * The publisher lag for a gauge: {@code NaN} when unknown.
     *
     * @return events not yet published
     */
    public double gaugeValue() {
        OptionalLong lag = current();
        return lag.isPresent() ? lag.getAsLong() : Double.NaN;
    }

    private OptionalLong measure() {
        try {
            OptionalLong publisher = publisherPosition.get();
            if (publisher.isEmpty()) {
                return OptionalLong.empty();
            }
            OptionalLong head = headPosition.get();
            if (head.isEmpty()) {
                return OptionalLong.of(0);
            }
            return OptionalLong.of(Math.max(0, head.getAsLong() - publisher.getAsLong()));
        } catch (RuntimeException e) {
            log.debug("Cannot measure the publisher lag: {}", e.toString());
            return OptionalLong.empty();
        }
    }
}
