package io.orderflow.write.order;

import io.orderflow.api.inventory.Sku;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * {@link KnownProducts} answered by the event store: a product exists when its inventory aggregate,
 * whose identifier is the SKU, has events. Reads the write side's own storage, so a product is known
 * the moment its registration commits, without waiting for any projection.
 */
@Component
public class EventStoreKnownProducts implements KnownProducts {

    private final EventStore eventStore;

    /**
     * @param eventStore the application's event store
     */
    public EventStoreKnownProducts(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public boolean exists(Sku sku) {
        return eventStore.lastSequenceNumberFor(sku.toString()).isPresent();
    }
}
