package io.orderflow.projections.support;

import java.time.Instant;
import java.util.Objects;

/**
 * What a read model needs to know about an event besides its payload, independent of the transport
 * that delivered it (Axon's event store today, a Kafka record later).
 *
 * @param eventId           the event's unique message identifier; the idempotency key of every read model
 * @param occurredAt        when the event happened
 * @param aggregateSequence the event's sequence number in its aggregate's stream, or {@code null} when
 *                          the event did not come from an aggregate (or the transport does not carry it)
 */
public record EventMeta(String eventId, Instant occurredAt, Long aggregateSequence) {

    public EventMeta {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (eventId.isBlank()) {
            throw new IllegalArgumentException("eventId must not be blank");
        }
        if (aggregateSequence != null && aggregateSequence < 0) {
            throw new IllegalArgumentException("aggregateSequence must not be negative: " + aggregateSequence);
        }
    }

    /** Metadata of an event that carries no aggregate sequence number. */
    public static EventMeta of(String eventId, Instant occurredAt) {
        return new EventMeta(eventId, occurredAt, null);
    }

    /**
     * Whether this event is older than, or the same as, the last aggregate event already applied.
     * Unknown sequence numbers on either side are never stale: the processed-event ledger covers them.
     *
     * @param lastAppliedSequence the sequence number of the last applied event of the same aggregate, or {@code null}
     */
    public boolean isStaleComparedTo(Long lastAppliedSequence) {
        return aggregateSequence != null && lastAppliedSequence != null && aggregateSequence <= lastAppliedSequence;
    }
}
