package io.orderflow.projections.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.order.OrderStockReservedEvent;
import io.orderflow.projections.support.EventMeta;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.junit.jupiter.api.Test;

class KafkaEventReaderTest {

    private static final String TOPIC = "orderflow.events";
    private static final String STOCK_RESERVED = OrderStockReservedEvent.class.getName();

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule()))
            .build();
    private final BridgeRecords bridge = new BridgeRecords(serializer, TOPIC, Instant.parse("2025-03-01T10:00:00.123456Z"));
    private final KafkaEventReader reader = new KafkaEventReader(serializer, EventUpcasterChain::new);
    private final OrderId orderId = OrderId.random();

    @Test
    void readsThePayloadAndTheEventIdTimeAndSequenceOfABridgeRecord() {
        bridge.next("Order", orderId, new OrderStockReservedEvent(orderId));
        DomainEventMessage<?> event = bridge.next("Order", orderId, new OrderStockReservedEvent(orderId));

        List<KafkaEvent> read = reader.read(consumed(bridge.record(event)));

        assertThat(read).singleElement().satisfies(kafkaEvent -> {
            assertThat(kafkaEvent.payload()).isEqualTo(new OrderStockReservedEvent(orderId));
            assertThat(kafkaEvent.meta()).isEqualTo(new EventMeta(event.getIdentifier(), event.getTimestamp(), 1L));
        });
    }

    @Test
    void fallsBackToAxonsOwnHeadersWithoutTheEnvelope() {
        DomainEventMessage<?> event = bridge.next("Order", orderId, new OrderStockReservedEvent(orderId));
        ProducerRecord<String, byte[]> axonOnly =
                DefaultKafkaMessageConverter.builder().serializer(serializer).build().createKafkaMessage(event, TOPIC);

        EventMeta meta = reader.read(consumed(axonOnly)).get(0).meta();

        assertThat(meta.eventId()).isEqualTo(event.getIdentifier());
        assertThat(meta.occurredAt()).isEqualTo(Instant.ofEpochMilli(event.getTimestamp().toEpochMilli()));
        assertThat(meta.aggregateSequence()).isZero();
    }

    @Test
    void eventOutsideAnAggregateHasNoSequence() {
        var event = GenericEventMessage.asEventMessage(new OrderStockReservedEvent(orderId));

        assertThat(reader.read(consumed(bridge.record(event)))).singleElement()
                .satisfies(kafkaEvent -> assertThat(kafkaEvent.meta().aggregateSequence()).isNull());
    }

    @Test
    void upcastsAnOlderRevisionBeforeDeserializing() {
        KafkaEventReader upcasting = new KafkaEventReader(serializer, () -> new EventUpcasterChain(new RenameOrderField()));
        ProducerRecord<String, byte[]> current = bridge.record(bridge.next("Order", orderId, new OrderStockReservedEvent(orderId)));
        String currentJson = new String(current.value(), StandardCharsets.UTF_8);
        assertThat(currentJson).contains("\"orderId\"");
        ProducerRecord<String, byte[]> revisionZero = withHeader(
                withValue(current, currentJson.replace("\"orderId\"", "\"order\"").getBytes(StandardCharsets.UTF_8)),
                "axon-message-revision", "0");

        assertThat(upcasting.read(consumed(revisionZero))).singleElement()
                .satisfies(kafkaEvent -> assertThat(kafkaEvent.payload()).isEqualTo(new OrderStockReservedEvent(orderId)));
        assertThatThrownBy(() -> reader.read(consumed(revisionZero))).isInstanceOf(UnreadableEventException.class);
    }

    @Test
    void eventDroppedByAnUpcasterLeavesNothingToApply() {
        KafkaEventReader dropping = new KafkaEventReader(serializer,
                () -> new EventUpcasterChain(events -> events.filter(Predicate.not(ir -> ir.getType().getName().equals(STOCK_RESERVED)))));

        assertThat(dropping.read(consumed(bridge.record(bridge.next("Order", orderId, new OrderStockReservedEvent(orderId))))))
                .isEmpty();
    }

    @Test
    void refusesAnUnknownPayloadType() {
        ProducerRecord<String, byte[]> record = withHeader(
                bridge.record(bridge.next("Order", orderId, new OrderStockReservedEvent(orderId))),
                "axon-message-type", "io.orderflow.api.order.OrderTeleportedEvent");

        assertThatThrownBy(() -> reader.read(consumed(record)))
                .isInstanceOf(UnreadableEventException.class)
                .hasMessageContaining("io.orderflow.api.order.OrderTeleportedEvent revision 1 is unknown to this application");
    }

    @Test
    void refusesAPayloadThatDoesNotDeserialize() {
        ProducerRecord<String, byte[]> record = withValue(
                bridge.record(bridge.next("Order", orderId, new OrderStockReservedEvent(orderId))),
                "{not json".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> reader.read(consumed(record)))
                .isInstanceOf(UnreadableEventException.class)
                .hasMessageContaining("does not deserialize as " + STOCK_RESERVED);
    }

    @Test
    void refusesARecordThatIsNotAnAxonEvent() {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, "key", "{}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> reader.read(consumed(record)))
                .isInstanceOf(UnreadableEventException.class)
                .hasMessageContaining("axon-message-type");
    }

    @Test
    void refusesMalformedTimeAndSequenceHeaders() {
        ProducerRecord<String, byte[]> record = bridge.record(bridge.next("Order", orderId, new OrderStockReservedEvent(orderId)));

        assertThatThrownBy(() -> reader.read(consumed(withHeader(record, "occurred-at", "yesterday"))))
                .isInstanceOf(UnreadableEventException.class)
                .hasMessageContaining("occurred-at");
        assertThatThrownBy(() -> reader.read(consumed(withHeader(record, "axon-message-aggregate-seq", "7"))))
                .isInstanceOf(UnreadableEventException.class)
                .hasMessageContaining("axon-message-aggregate-seq");
    }

    private static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> record) {
        return new ConsumerRecord<>(record.topic(), 0, 42L, 0L, TimestampType.CREATE_TIME, -1, -1,
                record.key(), record.value(), record.headers(), Optional.empty());
    }

    private static ProducerRecord<String, byte[]> withValue(ProducerRecord<String, byte[]> record, byte[] value) {
        return new ProducerRecord<>(record.topic(), null, record.key(), value, record.headers());
    }

    private static ProducerRecord<String, byte[]> withHeader(ProducerRecord<String, byte[]> record, String name, String value) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(record.topic(), null, record.key(), record.value(), headers);
    }

    /** Revision 0 of OrderStockReservedEvent called its order id {@code order}. */
    private static final class RenameOrderField extends SingleEventUpcaster {

        @Override
        protected boolean canUpcast(IntermediateEventRepresentation representation) {
            return representation.getType().equals(new SimpleSerializedType(STOCK_RESERVED, "0"));
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
            return representation.upcastPayload(new SimpleSerializedType(STOCK_RESERVED, "1"), JsonNode.class, node -> {
                ObjectNode object = (ObjectNode) node;
                object.set("orderId", object.remove("order"));
                return object;
            });
        }
    }
}
