package io.orderflow.projections.kafka;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.Serializer;

/**
 * Writes records the way the kafka-bridge does: Axon's own converter for the value (the payload
 * serialized by the event serializer) and the {@code axon-*} headers, the envelope headers as UTF-8
 * strings, and the order id (else the aggregate id) as the key. Also hands out domain events with a
 * sequence per aggregate and a clock that moves one second per event, as the event store would.
 */
final class BridgeRecords {

    private final DefaultKafkaMessageConverter converter;
    private final String topic;
    private final Map<String, Long> sequences = new HashMap<>();
    private Instant clock;

    BridgeRecords(Serializer serializer, String topic, Instant start) {
        this.converter = DefaultKafkaMessageConverter.builder()
                .serializer(serializer)
                .sequencingPolicy(BridgeRecords::keyOf)
                .build();
        this.topic = topic;
        this.clock = start;
    }

    /** The next event of an aggregate: the next sequence number, one second later, a fresh id. */
    DomainEventMessage<?> next(String aggregateType, Object aggregateId, Object payload) {
        clock = clock.plusSeconds(1);
        long sequence = sequences.merge(aggregateId.toString(), 0L, (previous, ignored) -> previous + 1);
        return new GenericDomainEventMessage<>(aggregateType, aggregateId.toString(), sequence, payload,
                Map.of("correlationId", "test-" + UUID.randomUUID()), UUID.randomUUID().toString(), clock);
    }

    /** The record the bridge writes for an event. */
    ProducerRecord<String, byte[]> record(EventMessage<?> event) {
        ProducerRecord<String, byte[]> record = converter.createKafkaMessage(event, topic);
        Headers headers = record.headers();
        put(headers, "event-type", event.getPayloadType().getSimpleName());
        put(headers, "event-id", event.getIdentifier());
        put(headers, "occurred-at", event.getTimestamp().toString());
        String source = "orderflow";
        if (event instanceof DomainEventMessage<?> domainEvent) {
            put(headers, "aggregate-id", domainEvent.getAggregateIdentifier());
            source = "orderflow/" + domainEvent.getType();
        }
        Revision revision = event.getPayloadType().getAnnotation(Revision.class);
        if (revision != null) {
            put(headers, "schema-version", revision.value());
        }
        put(headers, "correlation-id", String.valueOf(event.getMetaData().getOrDefault("correlationId", event.getIdentifier())));
        put(headers, "source", source);
        return record;
    }

    /** The record key of the bridge: the payload's {@code orderId()}, else the aggregate id. */
    static String keyOf(EventMessage<?> event) {
        try {
            Method orderId = event.getPayloadType().getMethod("orderId");
            Object value = orderId.invoke(event.getPayload());
            if (value != null) {
                return value.toString();
            }
        } catch (NoSuchMethodException noOrder) {
            // keyed by aggregate
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return event instanceof DomainEventMessage<?> domainEvent ? domainEvent.getAggregateIdentifier() : null;
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
