package io.orderflow.schema.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;

/**
 * Test harness: an event as the JPA event store holds it (payload bytes with type and revision, metadata bytes),
 * run through an upcaster chain the way Axon's event store and tracking processors do.
 */
public final class StoredEvents {

    /** Identity of the stored event in every test. */
    public static final String EVENT_ID = "6a1f0c2e-7d3b-4e5a-8f9c-0b1d2e3f4a5b";
    public static final String AGGREGATE_ID = "0b6f3c8e-2d4a-4f1b-9e7c-5a8d2b1c3e4f";
    public static final long SEQUENCE = 4L;
    public static final Instant TIMESTAMP = Instant.parse("2024-05-06T07:08:09.010Z");
    public static final MetaData META_DATA = MetaData.with("correlationId", "corr-42").and("traceId", "trace-7");

    private StoredEvents() {
    }

    /** The event serializer's mapper as the application must configure it (wire format plus exact decimals). */
    public static ObjectMapper applicationMapper() {
        return ExactDecimals.enable(JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build());
    }

    /** A Jackson serializer on {@code mapper}, like the application's. */
    public static Serializer serializer(ObjectMapper mapper) {
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }

    /** The text of a golden JSON file under {@code src/test/resources}. */
    public static String golden(String resource) {
        try (InputStream in = StoredEvents.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden file " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stored event with {@code payloadJson} as payload of {@code payloadType} at {@code revision}. */
    public static TrackedDomainEventData<byte[]> stored(Serializer serializer, String payloadType, String revision,
                                                        String payloadJson) {
        byte[] metaData = serializer.serialize(META_DATA, byte[].class).getData();
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("Shipment", AGGREGATE_ID, SEQUENCE, EVENT_ID,
                TIMESTAMP, payloadType, revision, payloadJson.getBytes(StandardCharsets.UTF_8), metaData);
        return new TrackedDomainEventData<>(new GlobalSequenceTrackingToken(17L), entry);
    }

    /** The representations {@code chain} makes of a stored event (more than one if an upcaster splits it). */
    public static List<IntermediateEventRepresentation> upcast(EventUpcaster chain, Serializer serializer,
                                                               TrackedDomainEventData<byte[]> stored) {
        return chain.upcast(Stream.of(new InitialEventRepresentation(stored, serializer))).collect(Collectors.toList());
    }

    /** The payload of a representation as a JSON tree. */
    public static JsonNode payload(IntermediateEventRepresentation representation) {
        return representation.getData(JsonNode.class).getData();
    }

    /** The stored event read the way a tracking event processor reads it: upcast, then deserialized. */
    public static List<TrackedEventMessage<?>> read(EventUpcaster chain, Serializer serializer,
                                                    TrackedDomainEventData<byte[]> stored) {
        return EventUtils.upcastAndDeserializeTrackedEvents(Stream.of(stored), serializer, chain)
                .collect(Collectors.toList());
    }
}
