package io.orderflow.projections.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.orderflow.api.inventory.Sku;
import io.orderflow.api.order.OrderLine;
import java.math.BigDecimal;
import java.util.List;

/**
 * The JSON form of an order's lines in the {@code order_view.lines_json} column:
 * {@code [{"sku":"SKU-1","quantity":2,"unitPrice":10.00}]}. A private, flat shape owned by this
 * read model, so a change to the {@link OrderLine} record does not silently change stored rows.
 */
final class OrderLinesJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private static final TypeReference<List<LineJson>> LINES = new TypeReference<>() {
    };

    private OrderLinesJson() {
    }

    static String write(List<OrderLine> lines) {
        List<LineJson> json = lines.stream()
                .map(line -> new LineJson(line.sku().value(), line.quantity(), line.unitPrice()))
                .toList();
        try {
            return MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write order lines as JSON", e);
        }
    }

    static List<OrderLine> read(String json) {
        try {
            return MAPPER.readValue(json, LINES).stream()
                    .map(line -> new OrderLine(new Sku(line.sku()), line.quantity(), line.unitPrice()))
                    .toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read order lines from JSON: " + json, e);
        }
    }

    /** One line as stored. */
    record LineJson(String sku, int quantity, BigDecimal unitPrice) {
    }
}
