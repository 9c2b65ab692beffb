package io.orderflow.bridge.publishing;

import io.orderflow.bridge.tracing.TraceMetadata;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;

/**
 * Turns events into Kafka records and back. The value is the payload serialized by the event
 * serializer (JSON with Jackson); the key comes from {@link EventRecordKeyPolicy} (the order id, else
 * the aggregate id); the headers are Axon's own ({@code axon-message-*}, {@code axon-metadata-*},
 * written and read by the extension's {@link DefaultKafkaMessageConverter}) plus the readable
 * {@link EnvelopeHeaders envelope}:
 *
 * <table>
 *   <caption>Envelope headers</caption>
 *   <tr><th>header</th><th>value</th></tr>
 *   <tr><td>{@code event-type}</td><td>payload simple class name</td></tr>
 *   <tr><td>{@code event-id}</td><td>event identifier</td></tr>
 *   <tr><td>{@code occurred-at}</td><td>event timestamp, ISO-8601 UTC</td></tr>
 *   <tr><td>{@code aggregate-id}</td><td>aggregate identifier (domain events only)</td></tr>
 *   <tr><td>{@code schema-version}</td><td>the payload's {@code @Revision} (when annotated)</td></tr>
 *   <tr><td>{@code correlation-id}</td><td>metadata {@code correlationId}, else the event identifier</td></tr>
 *   <tr><td>{@code causation-id}</td><td>metadata {@code causationId} (when present)</td></tr>
 *   <tr><td>{@code source}</td><td>{@code orderflow/<aggregate type>}, or {@code orderflow}</td></tr>
 * </table>
 *
 * <p>{@link #readKafkaMessage} restores the event from Axon's headers (identifier, timestamp,
 * aggregate, metadata) and ignores the envelope, so Axon consumers see exactly the stored event.
 */
public class EnvelopeKafkaMessageConverter implements KafkaMessageConverter<String, byte[]> {

    private static final String SOURCE_ROOT = "orderflow";

    private final Serializer serializer;
    private final EventRecordKeyPolicy keyPolicy;
    private final Supplier<EventUpcasterChain> upcasterChain;
    private volatile DefaultKafkaMessageConverter axonConverter;

    /**
     * A converter without upcasters.
     *
     * @param serializer the event serializer
     * @param keyPolicy  decides the record key
     */
    public EnvelopeKafkaMessageConverter(Serializer serializer, EventRecordKeyPolicy keyPolicy) {
        this(serializer, keyPolicy, EventUpcasterChain::new);
    }

    /**
     * A converter that upcasts records it reads.
     *
     * @param serializer    the event serializer
     * @param keyPolicy     decides the record key
     * @param upcasterChain the application's event upcasters, asked for on first use (it lives in the
     *                      Axon configuration, which is not complete while beans are created)
     */
    public EnvelopeKafkaMessageConverter(Serializer serializer, EventRecordKeyPolicy keyPolicy,
                                         Supplier<EventUpcasterChain> upcasterChain) {
        this.serializer = Objects.requireNonNull(serializer, "serializer");
        this.keyPolicy = Objects.requireNonNull(keyPolicy, "keyPolicy");
        this.upcasterChain = Objects.requireNonNull(upcasterChain, "upcasterChain");
    }

    @Override
    public ProducerRecord<String, byte[]> createKafkaMessage(EventMessage<?> eventMessage, String topic) {
        ProducerRecord<String, byte[]> record = axonConverter().createKafkaMessage(eventMessage, topic);
        Headers headers = record.headers();
        put(headers, EnvelopeHeaders.EVENT_TYPE, eventMessage.getPayloadType().getSimpleName());
        put(headers, EnvelopeHeaders.EVENT_ID, eventMessage.getIdentifier());
        put(headers, EnvelopeHeaders.OCCURRED_AT, eventMessage.getTimestamp().toString());
        String source = SOURCE_ROOT;
        if (eventMessage instanceof DomainEventMessage<?> domainEvent) {
            put(headers, EnvelopeHeaders.AGGREGATE_ID, domainEvent.getAggregateIdentifier());
            if (domainEvent.getType() != null) {
                source = SOURCE_ROOT + "/" + domainEvent.getType();
            }
        }
        Revision revision = eventMessage.getPayloadType().getAnnotation(Revision.class);
        if (revision != null) {
            put(headers, EnvelopeHeaders.SCHEMA_VERSION, revision.value());
        }
        put(headers, EnvelopeHeaders.CORRELATION_ID, TraceMetadata.correlationIdOf(eventMessage));
        TraceMetadata.causationIdOf(eventMessage)
                     .ifPresent(causationId -> put(headers, EnvelopeHeaders.CAUSATION_ID, causationId));
        put(headers, EnvelopeHeaders.SOURCE, source);
        return record;
    }

    @Override
    public Optional<EventMessage<?>> readKafkaMessage(ConsumerRecord<String, byte[]> consumerRecord) {
        return axonConverter().readKafkaMessage(consumerRecord);
    }

    /** The key policy this converter keys records with. */
    public EventRecordKeyPolicy keyPolicy() {
        return keyPolicy;
    }

    private DefaultKafkaMessageConverter axonConverter() {
        DefaultKafkaMessageConverter converter = axonConverter;
        if (converter == null) {
            synchronized (this) {
                converter = axonConverter;
                if (converter == null) {
                    EventUpcasterChain upcasters = upcasterChain.get();
                    converter = DefaultKafkaMessageConverter.builder()
                            .serializer(serializer)
                            .sequencingPolicy(keyPolicy)
                            .upcasterChain(upcasters != null ? upcasters : new EventUpcasterChain())
                            .build();
                    axonConverter = converter;
                }
            }
        }
        return converter;
    }

    private static void put(Headers headers, String name, String value) {
        EnvelopeHeaders.write(headers, name, value);
    }
}
