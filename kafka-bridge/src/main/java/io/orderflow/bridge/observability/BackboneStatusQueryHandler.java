package io.orderflow.bridge.observability;

import io.orderflow.api.operations.BackboneStatus;
import io.orderflow.api.operations.FindBackboneStatusQuery;
import java.util.Objects;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.boot.actuate.health.Status;

/**
 * Answers {@link FindBackboneStatusQuery} with the same numbers the meters show: publisher lag, the last
 * measured consumer lag, dead letters, skipped duplicates, and whether Kafka answers now.
 */
public class BackboneStatusQueryHandler {

    private final PublisherLag publisherLag;
    private final ConsumerLagMonitor consumerLag;
    private final ProjectionCounters counters;
    private final KafkaHealthIndicator health;

    /**
     * Creates the handler.
     *
     * @param publisherLag the publisher lag
     * @param consumerLag  the consumer lag monitor
     * @param counters     the read models' counters
     * @param health       the Kafka health check
     */
    public BackboneStatusQueryHandler(PublisherLag publisherLag, ConsumerLagMonitor consumerLag,
                                      ProjectionCounters counters, KafkaHealthIndicator health) {
        this.publisherLag = Objects.requireNonNull(publisherLag, "publisherLag");
        this.consumerLag = Objects.requireNonNull(consumerLag, "consumerLag");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.health = Objects.requireNonNull(health, "health");
    }

    /**
     * The backbone's state now.
     *
     * @param query the query
     * @return the state
     */
    @QueryHandler
    public BackboneStatus handle(FindBackboneStatusQuery query) {
        boolean up = Status.UP.equals(health.health().getStatus());
        return new BackboneStatus(
                publisherLag.current().orElse(BackboneStatus.UNKNOWN),
                consumerLag.current(),
                counters.deadLetters(),
                counters.duplicatesSkipped(),
                up ? BackboneStatus.UP : BackboneStatus.DOWN);
    }
}
