package io.orderflow.bridge.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.api.common.Money;
import io.orderflow.api.inventory.ProductRegisteredEvent;
import io.orderflow.api.inventory.Sku;
import io.orderflow.api.inventory.StockReservedEvent;
import io.orderflow.api.order.CustomerId;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.order.OrderLine;
import io.orderflow.api.order.OrderPlacedEvent;
import io.orderflow.api.order.ShippingAddress;
import io.orderflow.bridge.TestSerializers;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.TimestampType;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;

class EnvelopeKafkaMessageConverterTest {

    private static final String TOPIC = "orderflow.events";
    private static final Instant OCCURRED_AT = Instant.parse("2025-03-01T10:15:30.123Z");

    private final EnvelopeKafkaMessageConverter converter =
            new EnvelopeKafkaMessageConverter(TestSerializers.jackson(), new EventRecordKeyPolicy());

    @Test
    void keysAnOrderEventByOrderIdAndWritesEveryEnvelopeHeader() {
        OrderId orderId = OrderId.random();
        DomainEventMessage<OrderPlacedEvent> event = new GenericDomainEventMessage<>(
                "Order", orderId.toString(), 0L, orderPlaced(orderId),
                Map.of("correlationId", "request-42", "causationId", "command-7"), "event-1", OCCURRED_AT);

        ProducerRecord<String, byte[]> record = converter.createKafkaMessage(event, TOPIC);

        assertThat(record.topic()).isEqualTo(TOPIC);
        assertThat(record.key()).isEqualTo(orderId.toString());
        Headers headers = record.headers();
        assertThat(EnvelopeHeaders.read(headers, "event-type")).contains("OrderPlacedEvent");
        assertThat(EnvelopeHeaders.read(headers, "event-id")).contains("event-1");
        assertThat(EnvelopeHeaders.read(headers, "occurred-at")).contains("2025-03-01T10:15:30.123Z");
        assertThat(EnvelopeHeaders.read(headers, "aggregate-id")).contains(orderId.toString());
        assertThat(EnvelopeHeaders.read(headers, "schema-version")).contains("1");
        assertThat(EnvelopeHeaders.read(headers, "correlation-id")).contains("request-42");
        assertThat(EnvelopeHeaders.read(headers, "causation-id")).contains("command-7");
        assertThat(EnvelopeHeaders.read(headers, "source")).contains("orderflow/Order");
        assertThat(headers.headers("event-type")).hasSize(1);
        assertThat(EnvelopeHeaders.read(headers, "axon-message-id")).contains("event-1");
        assertThat(EnvelopeHeaders.read(headers, "axon-metadata-correlationId")).contains("request-42");
        assertThat(new String(record.value())).startsWith("{").contains(orderId.toString());
    }

    @Test
    void keysAProductEventBySkuAndCorrelatesItWithItselfWhenItHasNoTrace() {
        DomainEventMessage<ProductRegisteredEvent> event = new GenericDomainEventMessage<>(
                "Product", "SKU-RED-MUG", 0L, new ProductRegisteredEvent(new Sku("SKU-RED-MUG"), "Red mug", 12),
                Map.of(), "event-2", OCCURRED_AT);

        ProducerRecord<String, byte[]> record = converter.createKafkaMessage(event, TOPIC);

        assertThat(record.key()).isEqualTo("SKU-RED-MUG");
        Headers headers = record.headers();
        assertThat(EnvelopeHeaders.read(headers, "event-type")).contains("ProductRegisteredEvent");
        assertThat(EnvelopeHeaders.read(headers, "event-id")).contains("event-2");
        assertThat(EnvelopeHeaders.read(headers, "occurred-at")).contains("2025-03-01T10:15:30.123Z");
        assertThat(EnvelopeHeaders.read(headers, "aggregate-id")).contains("SKU-RED-MUG");
        assertThat(EnvelopeHeaders.read(headers, "schema-version")).contains("1");
        assertThat(EnvelopeHeaders.read(headers, "correlation-id")).contains("event-2");
        assertThat(EnvelopeHeaders.read(headers, "causation-id")).isEmpty();
        assertThat(EnvelopeHeaders.read(headers, "source")).contains("orderflow/Product");
    }

    @Test
    void keysAStockReservationByTheOrderItIsForRatherThanByTheProduct() {
        OrderId orderId = OrderId.random();
        DomainEventMessage<StockReservedEvent> event = new GenericDomainEventMessage<>(
                "Product", "SKU-RED-MUG", 3L, new StockReservedEvent(new Sku("SKU-RED-MUG"), orderId, 2, 10, 2));

        ProducerRecord<String, byte[]> record = converter.createKafkaMessage(event, TOPIC);

        assertThat(record.key()).isEqualTo(orderId.toString());
        assertThat(EnvelopeHeaders.read(record.headers(), "aggregate-id")).contains("SKU-RED-MUG");
        assertThat(EnvelopeHeaders.read(record.headers(), "source")).contains("orderflow/Product");
    }

    @Test
    void readsTheRecordItWroteBackIntoTheSameDomainEvent() {
        OrderId orderId = OrderId.random();
        OrderPlacedEvent payload = orderPlaced(orderId);
        DomainEventMessage<OrderPlacedEvent> event = new GenericDomainEventMessage<>(
                "Order", orderId.toString(), 4L, payload,
                Map.of("correlationId", "request-42", "causationId", "command-7"), "event-3", OCCURRED_AT);
        ProducerRecord<String, byte[]> written = converter.createKafkaMessage(event, TOPIC);

        Optional<EventMessage<?>> read = converter.readKafkaMessage(asConsumed(written));

        assertThat(read).isPresent();
        assertThat(read.get()).isInstanceOf(DomainEventMessage.class);
        DomainEventMessage<?> domainEvent = (DomainEventMessage<?>) read.get();
        assertThat(domainEvent.getPayload()).isEqualTo(payload);
        assertThat(domainEvent.getIdentifier()).isEqualTo("event-3");
        assertThat(domainEvent.getTimestamp()).isEqualTo(OCCURRED_AT);
        assertThat(domainEvent.getAggregateIdentifier()).isEqualTo(orderId.toString());
        assertThat(domainEvent.getSequenceNumber()).isEqualTo(4L);
        assertThat(domainEvent.getType()).isEqualTo("Order");
        assertThat(domainEvent.getMetaData())
                .containsEntry("correlationId", "request-42")
                .containsEntry("causationId", "command-7")
                .doesNotContainKeys("event-type", "correlation-id", "source");
    }

    private static ConsumerRecord<String, byte[]> asConsumed(ProducerRecord<String, byte[]> record) {
        return new ConsumerRecord<>(record.topic(), 0, 17L, OCCURRED_AT.toEpochMilli(), TimestampType.CREATE_TIME,
                record.key().length(), record.value().length, record.key(), record.value(), record.headers(),
                Optional.empty());
    }

    private static OrderPlacedEvent orderPlaced(OrderId orderId) {
        return new OrderPlacedEvent(
                orderId,
                new CustomerId("customer-1"),
                List.of(new OrderLine(new Sku("SKU-RED-MUG"), 2, new BigDecimal("9.50"))),
                Money.of("19.00", "EUR"),
                new ShippingAddress("Ada Lovelace", "1 Main Street", "London", "N1 9GU", "GB"),
                OCCURRED_AT);
    }
}
