package io.orderflow.write.order;

import io.orderflow.api.inventory.Sku;
import io.orderflow.support.caching.BoundedLruCache;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;

/**
 * {@link KnownProducts} answered by the event store: a product exists when its inventory aggregate,
 * whose identifier is the SKU, has events. Reads the write side's own storage, so a product is known
 * the moment its registration commits, without waiting for any projection.
 *
 * <p>A product, once registered, stays known: events are never deleted. So a positive answer is
 * remembered (at most {@value #REMEMBERED_PRODUCTS} SKUs, least recently asked forgotten first) and the
 * next order for that SKU costs no query. It is remembered only once the unit of work that found it
 * commits: inside a batch of commands the answer may come from a registration that is rolled back.
 * A negative answer is never remembered (the product may be registered next).
 */
@Component
public class EventStoreKnownProducts implements KnownProducts {

    static final int REMEMBERED_PRODUCTS = 10_000;

    private static final Boolean KNOWN = Boolean.TRUE;

    private final EventStore eventStore;
    private final BoundedLruCache known = new BoundedLruCache(REMEMBERED_PRODUCTS);

    /**
     * @param eventStore the application's event store
     */
    public EventStoreKnownProducts(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public boolean exists(Sku sku) {
        String id = sku.toString();
        if (known.containsKey(id)) {
            return true;
        }
        if (eventStore.lastSequenceNumberFor(id).isEmpty()) {
            return false;
        }
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().afterCommit(unitOfWork -> known.put(id, KNOWN));
        } else {
            known.put(id, KNOWN);
        }
        return true;
    }
}
