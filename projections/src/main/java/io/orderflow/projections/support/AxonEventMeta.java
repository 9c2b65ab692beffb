package io.orderflow.projections.support;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;

/** Builds {@link EventMeta} from an Axon {@link EventMessage}; used by the thin Axon event-handler adapters. */
public final class AxonEventMeta {

    private AxonEventMeta() {
    }

    /**
     * The metadata of an Axon event: its message identifier, its timestamp and, for events of an
     * aggregate, its sequence number in that aggregate.
     */
    public static EventMeta from(EventMessage<?> message) {
        Long sequence = message instanceof DomainEventMessage<?> domainEvent ? domainEvent.getSequenceNumber() : null;
        return new EventMeta(message.getIdentifier(), message.getTimestamp(), sequence);
    }
}
