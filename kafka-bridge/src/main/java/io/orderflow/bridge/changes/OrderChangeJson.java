package io.orderflow.bridge.changes;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON form of an {@link OrderChange}, the value of every record of the order-change topic:
 *
 * <pre>{@code
 * {"before":{"orderId":"3f0c…","customerId":"customer-42","status":"PENDING","reason":null,
 *            "total":{"amount":25.00,"currency":"EUR"},
 *            "lines":[{"sku":"BOOK-1","quantity":2,"unitPrice":12.50}],
 *            "placedAt":"2025-11-26T10:15:30.123Z","updatedAt":"2025-11-26T10:15:30.123Z","version":0},
 *  "after":{… "status":"STOCK_RESERVED", … "version":1},
 *  "op":"u",
 *  "source":{"system":"orderflow","aggregateType":"Order","eventId":"…","eventType":"OrderStockReservedEvent",
 *            "sequence":1,"occurredAt":"2025-11-26T10:15:30.456Z"}}
 * }</pre>
 *
 * <p>Instants are ISO-8601 strings, amounts plain JSON numbers with their scale; {@code null}s are
 * written. Its own mapper: neither Spring MVC's nor the event serializer's settings change this format.
 */
public final class OrderChangeJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private OrderChangeJson() {
    }

    /**
     * Writes a change as UTF-8 JSON.
     *
     * @param change the change
     * @return the record value
     */
    public static byte[] write(OrderChange change) {
        try {
            return MAPPER.writeValueAsBytes(change);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the change of order " + change.after().orderId(), e);
        }
    }

    /**
     * Reads a record value of the order-change topic.
     *
     * @param value the record value
     * @return the change
     * @throws UncheckedIOException if the value is not a change record
     */
    public static OrderChange read(byte[] value) {
        try {
            return MAPPER.readValue(value, OrderChange.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Not an order-change record", e);
        }
    }
}
