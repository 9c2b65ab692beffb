package io.orderflow.projections;

import io.orderflow.projections.support.ReadModelFeed;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the read models are fed from Axon's event store ({@code orderflow.projections.axon-feed.*}).
 *
 * @param enabled             the Axon feed's own switch; {@code null} (not set) leaves the choice to
 *                            {@code orderflow.projections.feed} (see {@link ReadModelFeed}); the Axon
 *                            processors exist only while this feed is active
 * @param batchSize           events handled per transaction by each processor
 * @param initialSegmentCount segments a processor's token is split into the first time it starts
 *                            (the parallelism of one read model)
 */
@ConfigurationProperties(prefix = "orderflow.projections.axon-feed")
public record ProjectionsFeedProperties(
        Boolean enabled,
        @DefaultValue("50") int batchSize,
        @DefaultValue("4") int initialSegmentCount) {

    public ProjectionsFeedProperties {
        if (batchSize < 1) {
            throw new IllegalArgumentException("orderflow.projections.axon-feed.batch-size must be positive: " + batchSize);
        }
        if (initialSegmentCount < 1) {
            throw new IllegalArgumentException(
                    "orderflow.projections.axon-feed.initial-segment-count must be positive: " + initialSegmentCount);
        }
    }
}
