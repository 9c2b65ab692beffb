package io.orderflow.bridge.changes;

import static io.orderflow.bridge.changes.OrderEvents.event;
import static io.orderflow.bridge.changes.OrderEvents.placed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.order.OrderStockReservedEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OrderChangeJsonTest {

    private final OrderId orderId = OrderId.of("0b5f4a8e-8f0e-4b8f-9a57-0d6c8a1c2f11");
    private final OrderState placedState = OrderStateFolding.apply(null, event(orderId, 0, placed(orderId)));
    private final OrderChange reserved =
            OrderStateFolding.change(placedState, event(orderId, 1, new OrderStockReservedEvent(orderId)));

    @Test
    void writesIdentifiersAsStringsAmountsWithTheirScaleAndInstantsAsIsoStrings() throws Exception {
        JsonNode json = new ObjectMapper().readTree(OrderChangeJson.write(reserved));

        assertThat(json.path("op").asText()).isEqualTo("u");
        assertThat(json.path("before").path("orderId").asText()).isEqualTo("0b5f4a8e-8f0e-4b8f-9a57-0d6c8a1c2f11");
        assertThat(json.path("before").path("status").asText()).isEqualTo("PENDING");
        assertThat(json.path("after").path("status").asText()).isEqualTo("STOCK_RESERVED");
        assertThat(json.path("after").path("customerId").asText()).isEqualTo("customer-42");
        assertThat(json.path("after").path("version").asLong()).isEqualTo(1);
        assertThat(json.path("after").path("placedAt").asText()).isEqualTo("2025-11-26T10:15:30.123Z");
        assertThat(json.path("after").path("updatedAt").asText()).isEqualTo("2025-11-26T10:15:31.123Z");
        assertThat(json.path("after").path("reason").isNull()).isTrue();
        assertThat(json.path("source").path("eventType").asText()).isEqualTo("OrderStockReservedEvent");
        assertThat(json.path("source").path("aggregateType").asText()).isEqualTo("Order");
        assertThat(json.path("source").path("sequence").asLong()).isEqualTo(1);
        String text = new String(OrderChangeJson.write(reserved), StandardCharsets.UTF_8);
        assertThat(text).contains("\"total\":{\"amount\":25.10,\"currency\":\"EUR\"}")
                .contains("{\"sku\":\"BOOK-1\",\"quantity\":2,\"unitPrice\":12.50}");
    }

    @Test
    void writesNoBeforeForTheChangeThatCreatedTheOrder() throws Exception {
        OrderChange created = OrderStateFolding.change(null, event(orderId, 0, placed(orderId)));

        JsonNode json = new ObjectMapper().readTree(OrderChangeJson.write(created));

        assertThat(json.path("op").asText()).isEqualTo("c");
        assertThat(json.has("before")).isTrue();
        assertThat(json.path("before").isNull()).isTrue();
    }

    @Test
    void readsBackWhatItWrote() {
        assertThat(OrderChangeJson.read(OrderChangeJson.write(reserved))).isEqualTo(reserved);
    }
}
