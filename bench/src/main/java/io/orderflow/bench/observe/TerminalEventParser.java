package io.orderflow.bench.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.api.order.OrderCancelledEvent;
import io.orderflow.api.order.OrderCompletedEvent;
import io.orderflow.api.order.OrderRejectedEvent;
import io.orderflow.api.order.OrderStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Recognises the terminal order events on the {@code orderflow.events} topic and reads the order id
 * and outcome from them. The event type comes from the {@code event-type} header (the simple class
 * name), or else from the Kafka extension's {@code axon-message-type} header; the order id from the
 * record key, or else from the payload's {@code orderId}; a rejection or cancellation reason from
 * the payload's {@code reason.code}. Only terminal events are deserialized.
 */
public final class TerminalEventParser {

    /** The header the application's Kafka bridge writes with the event's simple class name. */
    public static final String EVENT_TYPE_HEADER = "event-type";
    /** The header the Axon Kafka extension writes with the payload type. */
    public static final String AXON_MESSAGE_TYPE_HEADER = "axon-message-type";

    private static final Map<String, OrderStatus> TERMINAL_EVENTS = Map.of(
            OrderCompletedEvent.class.getSimpleName(), OrderStatus.COMPLETED,
            OrderRejectedEvent.class.getSimpleName(), OrderStatus.REJECTED,
            OrderCancelledEvent.class.getSimpleName(), OrderStatus.CANCELLED);

    private final ObjectMapper json;

    public TerminalEventParser(ObjectMapper json) {
        this.json = json;
    }

    /** The simple name of a record's event type, or empty when neither header is present. */
    public static Optional<String> eventType(Headers headers) {
        String type = header(headers, EVENT_TYPE_HEADER);
        if (type == null) {
            type = header(headers, AXON_MESSAGE_TYPE_HEADER);
        }
        if (type == null || type.isBlank()) {
            return Optional.empty();
        }
        int cut = Math.max(type.lastIndexOf('.'), type.lastIndexOf('$'));
        return Optional.of(type.substring(cut + 1).trim());
    }

    /**
     * The terminal observation a record carries.
     *
     * @return empty when the record is not a terminal order event or names no order
     */
    public Optional<Observation> parse(String key, Headers headers, byte[] value) {
        Optional<OrderStatus> status = eventType(headers).map(TERMINAL_EVENTS::get);
        if (status.isEmpty()) {
            return Optional.empty();
        }
        JsonNode payload = readPayload(value);
        String orderId = key != null && !key.isBlank() ? key : orderIdFrom(payload);
        if (orderId == null) {
            return Optional.empty();
        }
        String reason = status.get() == OrderStatus.COMPLETED ? null : reasonFrom(payload);
        return Optional.of(new Observation(orderId, new Outcome(status.get(), reason)));
    }

    private JsonNode readPayload(byte[] value) {
        if (value == null || value.length == 0) {
            return null;
        }
        try {
            return json.readTree(value);
        } catch (IOException e) {
            return null; // not JSON: the outcome is still known from the type, the reason is not
        }
    }

    private static String orderIdFrom(JsonNode payload) {
        if (payload == null) {
            return null;
        }
        JsonNode id = payload.path("orderId");
        if (id.isObject()) {
            id = id.path("value");
        }
        return id.isTextual() ? id.asText() : null;
    }

    private static String reasonFrom(JsonNode payload) {
        if (payload == null) {
            return null;
        }
        JsonNode reason = payload.path("reason");
        JsonNode code = reason.isObject() ? reason.path("code") : reason;
        return code.isTextual() ? code.asText() : null;
    }

    private static String header(Headers headers, String name) {
        if (headers == null) {
            return null;
        }
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * A terminal event of one order.
     *
     * @param orderId the order
     * @param outcome how it ended
     */
    public record Observation(String orderId, Outcome outcome) {
    }
}
