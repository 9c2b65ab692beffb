package io.orderflow.projections.order;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;

/**
 * Sequences the order view's events by order id, whichever aggregate applied them: the events of
 * one order (its own, its stock reservations, its payment, its shipment) are handled one at a time
 * and in order, while different orders are handled in parallel. Events that are not about an order
 * fall back to per-aggregate sequencing.
 */
public final class OrderViewSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        return OrderEventFacts.orderIdOf(event.getPayload())
                .<Object>map(Object::toString)
                .orElseGet(() -> SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event));
    }
}
