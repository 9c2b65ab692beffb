package io.orderflow.projections.inventory;

import io.orderflow.projections.support.AxonEventMeta;
import io.orderflow.projections.support.ConditionalOnReadModelFeed;
import io.orderflow.projections.support.ReadModelFeed;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/**
 * Feeds the product stock view from Axon's event store: a thin adapter that hands every event to
 * {@link ProductStockUpdater}, which decides what changes stock levels. Replaced by another feed
 * (the Kafka consumer) unless the Axon feed is chosen (see {@link ReadModelFeed}).
 */
@Component
@ProcessingGroup(ProductStockUpdater.PROCESSOR)
@ConditionalOnReadModelFeed(ReadModelFeed.AXON)
class ProductStockProjection {

    private final ProductStockUpdater updater;

    ProductStockProjection(ProductStockUpdater updater) {
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
