package io.orderflow.bridge.publishing;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The names of the envelope headers on every record of {@code orderflow.events}. Their values are
 * UTF-8 strings, readable by any consumer and by {@code kafka-console-consumer --property
 * print.headers=true}; they sit next to Axon's own {@code axon-*} headers, which Axon consumers use.
 */
public final class EnvelopeHeaders {

    /** The payload's simple class name, for example {@code OrderPlacedEvent}. */
    public static final String EVENT_TYPE = "event-type";

    /** The event's identifier, unique and stable across re-deliveries: consumers de-duplicate on it. */
    public static final String EVENT_ID = "event-id";

    /** When the event happened, ISO-8601 in UTC, for example {@code 2025-01-31T09:15:02.123Z}. */
    public static final String OCCURRED_AT = "occurred-at";

    /** The identifier of the aggregate that applied the event (absent for events without one). */
    public static final String AGGREGATE_ID = "aggregate-id";

    /** The payload's schema revision: the value of its {@code @Revision} (absent without one). */
    public static final String SCHEMA_VERSION = "schema-version";

    /** The identifier of the request that started the chain of messages the event belongs to. */
    public static final String CORRELATION_ID = "correlation-id";

    /** The identifier of the message (command, event, deadline) whose handling applied the event. */
    public static final String CAUSATION_ID = "causation-id";

    /** {@code orderflow/<aggregate type>}, for example {@code orderflow/Order}; {@code orderflow} without one. */
    public static final String SOURCE = "source";

    private EnvelopeHeaders() {
    }

    /**
     * The last value of a header as a UTF-8 string.
     *
     * @param headers the record's headers
     * @param name    the header name
     * @return the value, empty if the header is absent or has no value
     */
    public static Optional<String> read(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            return Optional.empty();
        }
        return Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    /**
     * Sets a header to a UTF-8 string, replacing an earlier value; a {@code null} value writes nothing.
     *
     * @param headers the record's headers
     * @param name    the header name
     * @param value   the value, or {@code null}
     */
    public static void write(Headers headers, String name, String value) {
        if (value == null) {
            return;
        }
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
