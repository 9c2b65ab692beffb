package io.orderflow.saga.parking;

import java.time.Instant;
import java.util.Objects;

/**
 * A saga event that failed {@code attempts} times and is about to be parked.
 *
 * @param sagaType         the fully qualified class name of the saga
 * @param associationValue the value the saga is associated by (the order id), {@code null} if unknown
 * @param eventId          the identifier of the event message
 * @param eventType        the fully qualified class name of the event payload
 * @param payload          the serialized payload
 * @param error            the exception class and message of the last failure
 * @param attempts         how often handling was tried
 * @param parkedAt         when it was parked
 */
public record FailedSagaEvent(String sagaType, String associationValue, String eventId, String eventType,
                              String payload, String error, int attempts, Instant parkedAt) {

    /** Checks the fields the table requires. */
    public FailedSagaEvent {
        Objects.requireNonNull(sagaType, "sagaType");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(parkedAt, "parkedAt");
    }
}
