package io.orderflow.projections.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The headers of the records on the event topic that the read models use, as the kafka-bridge
 * writes them: the readable envelope (UTF-8 strings) and Axon's own {@code axon-*} headers (strings,
 * and 8-byte big-endian longs for the timestamp and the aggregate sequence).
 */
final class EventHeaders {

    /** Envelope: the event's identifier; the idempotency key of the read models. */
    static final String EVENT_ID = "event-id";

    /** Envelope: the payload's simple class name. */
    static final String EVENT_TYPE = "event-type";

    /** Envelope: when the event happened, ISO-8601. */
    static final String OCCURRED_AT = "occurred-at";

    /** Axon: the message identifier (the same value as {@link #EVENT_ID}). */
    static final String AXON_MESSAGE_ID = org.axonframework.messaging.Headers.MESSAGE_ID;

    /** Axon: the payload's fully qualified class name. */
    static final String AXON_MESSAGE_TYPE = org.axonframework.messaging.Headers.MESSAGE_TYPE;

    /** Axon: the payload's revision; absent or empty without one. */
    static final String AXON_MESSAGE_REVISION = org.axonframework.messaging.Headers.MESSAGE_REVISION;

    /** Axon: the event's time, epoch milliseconds as an 8-byte long. */
    static final String AXON_MESSAGE_TIMESTAMP = org.axonframework.messaging.Headers.MESSAGE_TIMESTAMP;

    /** Axon: the aggregate's identifier (events of an aggregate only). */
    static final String AXON_AGGREGATE_ID = org.axonframework.messaging.Headers.AGGREGATE_ID;

    /** Axon: the event's sequence number in its aggregate, an 8-byte long (events of an aggregate only). */
    static final String AXON_AGGREGATE_SEQ = org.axonframework.messaging.Headers.AGGREGATE_SEQ;

    /** Axon: the aggregate's type (events of an aggregate only). */
    static final String AXON_AGGREGATE_TYPE = org.axonframework.messaging.Headers.AGGREGATE_TYPE;

    /** Axon: the prefix of one header per metadata entry. */
    static final String AXON_METADATA_PREFIX = org.axonframework.messaging.Headers.MESSAGE_METADATA + "-";

    /** Added to a replayed dead letter: {@code <dead-letter topic>/<partition>/<offset>} it was replayed from. */
    static final String REPLAYED_FROM = "orderflow-replayed-from";

    /** The prefix of the headers spring-kafka adds to a dead letter (exception, original position). */
    static final String DEAD_LETTER_PREFIX = "kafka_dlt-";

    /** The prefix of the headers the feed adds to a dead letter. */
    static final String FEED_DEAD_LETTER_PREFIX = "orderflow-dlt-";

    /** Added to a dead letter: the class of the exception the listener threw (unwrapped). */
    static final String DLT_FAILURE_CLASS = FEED_DEAD_LETTER_PREFIX + "exception-fqcn";

    /** Added to a dead letter: the message of the exception the listener threw (unwrapped). */
    static final String DLT_FAILURE_MESSAGE = FEED_DEAD_LETTER_PREFIX + "exception-message";

    private EventHeaders() {
    }

    /** The last value of a header as a UTF-8 string, {@code null} if absent or empty. */
    static String string(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null || header.value().length == 0) {
            return null;
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * The last value of a header as an 8-byte long, {@code null} if absent.
     *
     * @throws IllegalArgumentException if the value is not 8 bytes long
     */
    static Long longValue(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            return null;
        }
        if (header.value().length != Long.BYTES) {
            throw new IllegalArgumentException("header " + name + " is not an 8-byte long: " + header.value().length + " bytes");
        }
        return ByteBuffer.wrap(header.value()).getLong();
    }

    /** The last value of a header as a 4-byte int, {@code null} if absent or of another length. */
    static Integer intValue(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null || header.value().length != Integer.BYTES) {
            return null;
        }
        return ByteBuffer.wrap(header.value()).getInt();
    }
}
