package io.orderflow.ui.api.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Request bodies for the order endpoints: a valid order, and variants of it with one thing changed. */
final class OrderBodies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OrderBodies() {
    }

    /** A valid order of two lines as a mutable JSON tree. */
    static Map<String, Object> validOrder() {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("name", "Ada Lovelace");
        address.put("street", "12 St James's Square");
        address.put("city", "London");
        address.put("postalCode", "SW1Y 4JH");
        address.put("country", "GB");
        List<Object> lines = new ArrayList<>();
        lines.add(line("BOOK-1", 2, "12.50"));
        lines.add(line("PEN-7", 1, "3"));
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("customerId", "customer-42");
        order.put("currency", "EUR");
        order.put("shippingAddress", address);
        order.put("lines", lines);
        return order;
    }

    static Map<String, Object> line(String sku, Object quantity, Object unitPrice) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("sku", sku);
        line.put("quantity", quantity);
        line.put("unitPrice", unitPrice instanceof String s ? new java.math.BigDecimal(s) : unitPrice);
        return line;
    }

    /** The valid order as JSON. */
    static String validOrderJson() {
        return json(validOrder());
    }

    /** The valid order with one change, as JSON. */
    static String orderJson(Consumer<Map<String, Object>> change) {
        Map<String, Object> order = validOrder();
        change.accept(order);
        return json(order);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> firstLine(Map<String, Object> order) {
        return (Map<String, Object>) ((List<Object>) order.get("lines")).get(0);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> address(Map<String, Object> order) {
        return (Map<String, Object>) order.get("shippingAddress");
    }

    static String json(Object tree) {
        try {
            return JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
