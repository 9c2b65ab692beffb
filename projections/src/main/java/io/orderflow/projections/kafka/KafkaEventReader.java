package io.orderflow.projections.kafka;

import io.orderflow.projections.support.EventMeta;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;

/**
 * Turns a record of the event topic into events, the way Axon reads its own event store: the value is
 * the serialized payload of type {@code axon-message-type} at revision {@code axon-message-revision},
 * it passes through the application's event upcasters, then the event serializer deserializes it.
 * The event id, time and aggregate sequence come from the headers.
 *
 * <p>Anything that makes a record unreadable ends in an {@link UnreadableEventException}, which is
 * never retried: no Axon type header, a type this application does not know, a payload that does not
 * deserialize, a missing event id or time.
 */
final class KafkaEventReader {

    private final Serializer serializer;
    private final Supplier<EventUpcasterChain> upcasterChain;
    private volatile EventUpcasterChain upcasters;

    /**
     * @param serializer    the application's event serializer
     * @param upcasterChain the application's event upcasters, asked for on first use (they live in
     *                      the Axon configuration, which is not complete while beans are created)
     */
    KafkaEventReader(Serializer serializer, Supplier<EventUpcasterChain> upcasterChain) {
        this.serializer = Objects.requireNonNull(serializer, "serializer");
        this.upcasterChain = Objects.requireNonNull(upcasterChain, "upcasterChain");
    }

    /**
     * The events in one record: usually one, none if an upcaster drops the event, several if an
     * upcaster splits it (the second and later ones get the event id suffixed with {@code #n}, so each
     * has its own idempotency key).
     *
     * @throws UnreadableEventException if the record is not a readable event
     */
    List<KafkaEvent> read(ConsumerRecord<String, byte[]> record) {
        Headers headers = record.headers();
        String type = EventHeaders.string(headers, EventHeaders.AXON_MESSAGE_TYPE);
        if (type == null) {
            throw unreadable(record, "it has no " + EventHeaders.AXON_MESSAGE_TYPE + " header", null);
        }
        if (record.value() == null) {
            throw unreadable(record, "it has no value", null);
        }
        String eventId = firstNonNull(EventHeaders.string(headers, EventHeaders.EVENT_ID),
                EventHeaders.string(headers, EventHeaders.AXON_MESSAGE_ID));
        if (eventId == null || eventId.isBlank()) {
            throw unreadable(record, "it has neither an " + EventHeaders.EVENT_ID + " nor an "
                    + EventHeaders.AXON_MESSAGE_ID + " header", null);
        }
        Instant occurredAt = occurredAt(record);
        Long sequence = aggregateSequence(record);

        // outside the try: failing to obtain the upcasters is not the record's fault, and is retried
        EventUpcasterChain chain = upcasters();
        List<IntermediateEventRepresentation> upcast;
        try {
            GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>(
                    EventHeaders.string(headers, EventHeaders.AXON_AGGREGATE_TYPE),
                    EventHeaders.string(headers, EventHeaders.AXON_AGGREGATE_ID),
                    sequence == null ? 0L : sequence,
                    eventId,
                    occurredAt,
                    type,
                    EventHeaders.string(headers, EventHeaders.AXON_MESSAGE_REVISION),
                    record.value(),
                    serializer.serialize(MetaData.from(metaData(headers)), byte[].class).getData());
            upcast = chain.upcast(Stream.of(new InitialEventRepresentation(entry, serializer))).toList();
        } catch (RuntimeException e) {
            throw unreadable(record, "upcasting " + type + " failed: " + e.getMessage(), e);
        }

        List<KafkaEvent> events = new ArrayList<>(upcast.size());
        for (int i = 0; i < upcast.size(); i++) {
            IntermediateEventRepresentation representation = upcast.get(i);
            events.add(new KafkaEvent(
                    payload(record, representation),
                    meta(record, i == 0 ? eventId : eventId + "#" + i, occurredAt, sequence)));
        }
        return events;
    }

    private Object payload(ConsumerRecord<String, byte[]> record, IntermediateEventRepresentation representation) {
        String description = representation.getType().getName()
                + (representation.getType().getRevision() == null ? "" : " revision " + representation.getType().getRevision());
        Class<?> payloadClass;
        try {
            payloadClass = serializer.classForType(representation.getType());
        } catch (RuntimeException e) {
            throw unreadable(record, "its payload type " + description + " cannot be resolved", e);
        }
        if (UnknownSerializedType.class.equals(payloadClass)) {
            throw unreadable(record, "its payload type " + description + " is unknown to this application", null);
        }
        Object payload;
        try {
            payload = serializer.deserialize(representation.getData());
        } catch (RuntimeException e) {
            throw unreadable(record, "its payload does not deserialize as " + description + ": " + e.getMessage(), e);
        }
        if (payload == null) {
            throw unreadable(record, "its payload deserializes to nothing", null);
        }
        return payload;
    }

    private static EventMeta meta(ConsumerRecord<String, byte[]> record, String eventId, Instant occurredAt, Long sequence) {
        try {
            return new EventMeta(eventId, occurredAt, sequence);
        } catch (RuntimeException e) {
            throw unreadable(record, "its metadata is invalid: " + e.getMessage(), e);
        }
    }

    private static Instant occurredAt(ConsumerRecord<String, byte[]> record) {
        String text = EventHeaders.string(record.headers(), EventHeaders.OCCURRED_AT);
        if (text != null) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw unreadable(record, "its " + EventHeaders.OCCURRED_AT + " header is not an ISO-8601 instant: " + text, e);
            }
        }
        Long millis;
        try {
            millis = EventHeaders.longValue(record.headers(), EventHeaders.AXON_MESSAGE_TIMESTAMP);
        } catch (IllegalArgumentException e) {
            throw unreadable(record, e.getMessage(), e);
        }
        if (millis == null) {
            throw unreadable(record, "it has neither an " + EventHeaders.OCCURRED_AT + " nor an "
                    + EventHeaders.AXON_MESSAGE_TIMESTAMP + " header", null);
        }
        return Instant.ofEpochMilli(millis);
    }

    private static Long aggregateSequence(ConsumerRecord<String, byte[]> record) {
        try {
            return EventHeaders.longValue(record.headers(), EventHeaders.AXON_AGGREGATE_SEQ);
        } catch (IllegalArgumentException e) {
            throw unreadable(record, e.getMessage(), e);
        }
    }

    private static Map<String, Object> metaData(Headers headers) {
        Map<String, Object> metaData = new HashMap<>();
        for (Header header : headers) {
            if (header.key().startsWith(EventHeaders.AXON_METADATA_PREFIX)) {
                metaData.put(header.key().substring(EventHeaders.AXON_METADATA_PREFIX.length()),
                        EventHeaders.string(headers, header.key()));
            }
        }
        return metaData;
    }

    private EventUpcasterChain upcasters() {
        EventUpcasterChain chain = upcasters;
        if (chain == null) {
            chain = upcasterChain.get();
            if (chain == null) {
                chain = new EventUpcasterChain();
            }
            upcasters = chain;
        }
        return chain;
    }

    private static UnreadableEventException unreadable(ConsumerRecord<?, ?> record, String reason, Throwable cause) {
        return new UnreadableEventException("Record " + record.topic() + "-" + record.partition() + "@" + record.offset()
                + " is not a readable event: " + reason, cause);
    }

    private static <T> T firstNonNull(T first, T second) {
        return first != null ? first : second;
    }
}
