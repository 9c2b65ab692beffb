package io.orderflow.projections.support;

import java.util.Objects;

/**
 * One event as a feed hands it to a read model, whatever transport delivered it; a batch of these is what
 * a read model prefetches its rows for before it applies them one by one.
 *
 * @param payload the event
 * @param meta    its id, time and aggregate sequence
 */
public record DeliveredEvent(Object payload, EventMeta meta) {

    public DeliveredEvent {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(meta, "meta");
    }
}
