package io.orderflow.app.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.api.common.Money;
import io.orderflow.api.inventory.Sku;
import io.orderflow.api.order.CustomerId;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.order.OrderLine;
import io.orderflow.api.order.OrderPlacedEvent;
import io.orderflow.api.order.ShippingAddress;
import io.orderflow.app.messaging.AxonSerializationConfiguration;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/**
 * An event read from the event store or from a Kafka record passes through a JSON tree whenever an
 * upcaster might apply. With the application's event serializer, its amounts come out exactly as they
 * went in: {@code 12.50} stays {@code 12.50} (not the double {@code 12.5}, which as a {@code BigDecimal}
 * is a different value).
 */
class UpcastPayloadsKeepExactDecimalsTest {

    private final JacksonSerializer serializer =
            AxonSerializationConfiguration.jacksonSerializer(new AnnotationRevisionResolver());

    @Test
    void keepsAmountsAndTheirScaleWhenAPayloadPassesThroughAJsonTree() {
        OrderPlacedEvent event = new OrderPlacedEvent(OrderId.of("0b5f4a8e-8f0e-4b8f-9a57-0d6c8a1c2f11"),
                new CustomerId("customer-7"),
                List.of(new OrderLine(new Sku("SKU-1001"), 2, new BigDecimal("12.50")),
                        new OrderLine(new Sku("SKU-1002"), 1, new BigDecimal("0.1000000000000000055511151231257827"))),
                Money.of("25.10", "EUR"),
                new ShippingAddress("Ada", "1 Main St", "Springfield", "12345", "NL"),
                Instant.parse("2025-03-01T10:15:30.123Z"));
        SerializedObject<byte[]> stored = serializer.serialize(event, byte[].class);

        JsonNode tree = serializer.getConverter().convert(stored.getData(), byte[].class, JsonNode.class);
        OrderPlacedEvent read = serializer.deserialize(new SimpleSerializedObject<>(tree, JsonNode.class, stored.getType()));

        assertThat(read).isEqualTo(event);
        assertThat(read.lines().get(0).unitPrice()).hasToString("12.50");
        assertThat(read.total().amount()).hasToString("25.10");
    }
}
