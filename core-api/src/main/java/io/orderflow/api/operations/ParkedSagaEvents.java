package io.orderflow.api.operations;

import java.time.Instant;
import java.util.List;

/** Saga events that a saga handler could not process, newest first. */
public record ParkedSagaEvents(List<Entry> entries) {

    public ParkedSagaEvents {
        entries = List.copyOf(entries);
    }

    /**
     * One parked event.
     *
     * @param associationValue the order id (or other association) the event was for
     * @param attempts         how often handling was tried before it was parked
     */
    public record Entry(long id, String sagaType, String associationValue, String eventId, String eventType,
                        String payload, String error, int attempts, Instant parkedAt) {
    }
}
