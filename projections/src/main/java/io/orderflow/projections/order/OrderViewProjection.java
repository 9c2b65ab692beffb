package io.orderflow.projections.order;

import io.orderflow.projections.support.AxonEventMeta;
import io.orderflow.projections.support.ConditionalOnReadModelFeed;
import io.orderflow.projections.support.ReadModelFeed;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/**
 * Feeds the order view from Axon's event store: a thin adapter that hands every event to
 * {@link OrderViewUpdater}, which decides what concerns an order. Replaced by another feed (the
 * Kafka consumer) unless the Axon feed is chosen (see {@link ReadModelFeed}).
 */
@Component
@ProcessingGroup(OrderViewUpdater.PROCESSOR)
@ConditionalOnReadModelFeed(ReadModelFeed.AXON)
class OrderViewProjection {

    private final OrderViewUpdater updater;

    OrderViewProjection(OrderViewUpdater updater) {
        this.updater = updater;
    }

    @EventHandler
    void on(Object event, EventMessage<?> message) {
        updater.apply(event, AxonEventMeta.from(message));
    }

    /** Before a replay: empty the view, so the replay rebuilds it. */
    @ResetHandler
    void onReset() {
        updater.reset();
    }
}
