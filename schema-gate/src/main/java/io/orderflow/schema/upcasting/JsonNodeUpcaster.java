package io.orderflow.schema.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Base of every event upcaster of the project: carries the JSON payload of one event type from one revision to the
 * next as a Jackson tree. A subclass names the type and the revisions and implements {@link #upcast(ObjectNode)};
 * matching, the revision bump and the conversion to and from the stored form are done here, and the payload a
 * subclass receives is its own copy.
 *
 * <p>One upcaster per revision step, each with golden JSON tests of the old and the new revision; register it in
 * {@link OrderflowUpcasters#all()}. Message identifier, aggregate identity, timestamp and metadata of the stored
 * event are kept.
 *
 * <p>The payload travels through the event serializer's {@code ObjectMapper}; configure it with
 * {@link ExactDecimals#enable} so that amounts keep their exact digits and scale across an upcast.
 */
public abstract class JsonNodeUpcaster extends SingleEventUpcaster {

    private final SerializedType source;
    private final SerializedType target;

    /**
     * An upcaster of {@code eventType}'s payload from {@code fromRevision} to {@code toRevision}.
     *
     * @throws IllegalArgumentException unless {@code 1 <= fromRevision < toRevision}
     */
    protected JsonNodeUpcaster(Class<?> eventType, int fromRevision, int toRevision) {
        this(eventType.getName(), fromRevision, eventType.getName(), toRevision);
    }

    /**
     * An upcaster of the payload stored as {@code payloadType} (the fully qualified class name Axon stored) at
     * {@code fromRevision}, to {@code targetPayloadType} at {@code toRevision}. Use the class names as strings when
     * an event type was renamed or moved: the old class no longer exists.
     *
     * @throws IllegalArgumentException if a revision is below 1, or the type stays the same and the revision does
     *                                  not increase
     */
    protected JsonNodeUpcaster(String payloadType, int fromRevision, String targetPayloadType, int toRevision) {
        Objects.requireNonNull(payloadType, "payloadType");
        Objects.requireNonNull(targetPayloadType, "targetPayloadType");
        if (fromRevision < 1 || toRevision < 1) {
            throw new IllegalArgumentException("revisions are 1, 2, 3, ...: " + fromRevision + " -> " + toRevision);
        }
        if (payloadType.equals(targetPayloadType) && toRevision <= fromRevision) {
            throw new IllegalArgumentException("an upcaster must raise the revision of " + payloadType + ": "
                    + fromRevision + " -> " + toRevision);
        }
        this.source = new SimpleSerializedType(payloadType, Integer.toString(fromRevision));
        this.target = new SimpleSerializedType(targetPayloadType, Integer.toString(toRevision));
    }

    /** The payload type and revision this upcaster reads. */
    public final SerializedType sourceType() {
        return source;
    }

    /** The payload type and revision this upcaster writes. */
    public final SerializedType targetType() {
        return target;
    }

    /**
     * Turns a payload of the source revision into one of the target revision.
     *
     * @param payload a private copy of the stored payload, free to change and return
     * @return the payload of the target revision, never {@code null}
     */
    protected abstract ObjectNode upcast(ObjectNode payload);

    @Override
    protected final boolean canUpcast(IntermediateEventRepresentation representation) {
        SerializedType type = representation.getType();
        return source.getName().equals(type.getName()) && source.getRevision().equals(type.getRevision());
    }

    @Override
    protected final IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(target, JsonNode.class, this::upcastTree);
    }

    private JsonNode upcastTree(JsonNode payload) {
        if (!payload.isObject()) {
            throw new IllegalStateException(this + " expects a JSON object payload, got " + payload.getNodeType());
        }
        return Objects.requireNonNull(upcast(((ObjectNode) payload).deepCopy()), () -> this + " returned no payload");
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + describe(source) + " -> " + describe(target) + "]";
    }

    static String describe(SerializedType type) {
        return type.getName() + " revision " + type.getRevision();
    }
}
