package io.orderflow.app.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.api.common.Money;
import io.orderflow.api.inventory.FindProductsQuery;
import io.orderflow.api.inventory.ProductRegisteredEvent;
import io.orderflow.api.inventory.Sku;
import io.orderflow.api.order.CustomerId;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.order.OrderLine;
import io.orderflow.api.order.OrderPlacedEvent;
import io.orderflow.api.order.ShippingAddress;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.MergedTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.modelling.saga.SagaScopeDescriptor;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;

class AxonSerializationTest {

    private final Serializer serializer =
            AxonSerializationConfiguration.jacksonSerializer(new AnnotationRevisionResolver());

    @Test
    void storesEventsAsPlainJsonWithTheirRevisionAndWithoutClassNames() {
        ProductRegisteredEvent event = new ProductRegisteredEvent(new Sku("SKU-1001"), "Espresso beans", 500);

        SerializedObject<String> serialized = serializer.serialize(event, String.class);

        assertThat(serialized.getData())
                .isEqualTo("{\"sku\":{\"value\":\"SKU-1001\"},\"name\":\"Espresso beans\",\"initialStock\":500}");
        assertThat(serialized.getType().getName()).isEqualTo(ProductRegisteredEvent.class.getName());
        assertThat(serialized.getType().getRevision()).isEqualTo("1");
        assertThat((Object) serializer.deserialize(serialized)).isEqualTo(event);
    }

    @Test
    void roundTripsNestedRecordsIdentifiersMoneyAndInstants() {
        OrderPlacedEvent event = new OrderPlacedEvent(
                OrderId.of("0b5f4a8e-8f0e-4b8f-9a57-0d6c8a1c2f11"),
                new CustomerId("customer-7"),
                List.of(new OrderLine(new Sku("SKU-1001"), 2, new BigDecimal("12.50"))),
                Money.of("25.00", "EUR"),
                new ShippingAddress("Ada", "1 Main St", "Springfield", "12345", "NL"),
                Instant.parse("2025-03-01T10:15:30.123Z"));

        SerializedObject<String> serialized = serializer.serialize(event, String.class);

        assertThat(serialized.getData())
                .contains("\"orderId\":{\"value\":\"0b5f4a8e-8f0e-4b8f-9a57-0d6c8a1c2f11\"}")
                .contains("\"placedAt\":\"2025-03-01T10:15:30.123Z\"")
                .contains("\"amount\":25.00");
        assertThat((Object) serializer.deserialize(serialized)).isEqualTo(event);
    }

    @Test
    void serializesMessagesWithoutFields() {
        SerializedObject<String> serialized = serializer.serialize(new FindProductsQuery(), String.class);

        assertThat(serialized.getData()).isEqualTo("{}");
        assertThat((Object) serializer.deserialize(serialized)).isEqualTo(new FindProductsQuery());
    }

    @Test
    void ignoresPropertiesThatTheReadingClassNoLongerHas() {
        SerializedObject<String> written = serializer.serialize(
                new ProductRegisteredEvent(new Sku("SKU-1002"), "Grinder", 5), String.class);
        String withRemovedField = written.getData().replace("}", ",\"discontinued\":true}");

        Object read = serializer.deserialize(new org.axonframework.serialization.SimpleSerializedObject<>(
                withRemovedField, String.class, written.getType()));

        assertThat(read).isEqualTo(new ProductRegisteredEvent(new Sku("SKU-1002"), "Grinder", 5));
    }

    @Test
    void restoresSagaStateFromPrivateFieldsWithoutGettersOrSetters() {
        SagaLikeState saga = new SagaLikeState(OrderId.of("8d1f1d5e-7f8a-4a57-9f3e-55a5c0a7d9b2"), "PAYMENT");
        saga.reserved.add(new Sku("SKU-1003"));

        SerializedObject<byte[]> serialized = serializer.serialize(saga, byte[].class);
        SagaLikeState restored = serializer.deserialize(serialized);

        assertThat(restored.orderId).isEqualTo(saga.orderId);
        assertThat(restored.step).isEqualTo("PAYMENT");
        assertThat(restored.reserved).containsExactly(new Sku("SKU-1003"));
        assertThat(restored.deadlineId).isNull();
    }

    @Test
    void roundTripsTheTrackingTokensOfStreamingProcessors() {
        TrackingToken gapAware = GapAwareTrackingToken.newInstance(42, Set.of(40L, 41L));
        TrackingToken global = new GlobalSequenceTrackingToken(7);
        TrackingToken replay = ReplayToken.createReplayToken(gapAware, GapAwareTrackingToken.newInstance(3, Set.of()));
        TrackingToken merged = new MergedTrackingToken(GapAwareTrackingToken.newInstance(30, Set.of()), gapAware);

        for (TrackingToken token : List.of(gapAware, global, replay, merged)) {
            SerializedObject<byte[]> serialized = serializer.serialize(token, byte[].class);
            assertThat((Object) serializer.deserialize(serialized)).as(token.toString()).isEqualTo(token);
        }
    }

    @Test
    void keepsTheLazilyComputedIdentifierOfAnAggregateDeadlineScope() {
        AggregateScopeDescriptor scope = new AggregateScopeDescriptor("Product", () -> "SKU-1004");

        AggregateScopeDescriptor restored = serializer.deserialize(serializer.serialize(scope, String.class));

        assertThat(restored.getType()).isEqualTo("Product");
        assertThat(restored.getIdentifier()).isEqualTo("SKU-1004");
    }

    @Test
    void roundTripsSagaDeadlineScopesAndMetaData() {
        SagaScopeDescriptor scope = new SagaScopeDescriptor("OrderFulfilmentSaga", "saga-1");
        MetaData metaData = MetaData.from(Map.of("correlationId", "c-1", "traceId", "t-1"));

        assertThat((Object) serializer.deserialize(serializer.serialize(scope, String.class))).isEqualTo(scope);
        assertThat((Object) serializer.deserialize(serializer.serialize(metaData, byte[].class))).isEqualTo(metaData);
    }

    /** Shaped like an Axon saga: private fields, a no-argument constructor, no accessors. */
    static final class SagaLikeState {
        private OrderId orderId;
        private String step;
        private final List<Sku> reserved = new ArrayList<>();
        private String deadlineId;

        private SagaLikeState() {
        }

        SagaLikeState(OrderId orderId, String step) {
            this.orderId = orderId;
            this.step = step;
        }
    }
}
