package io.orderflow.app.metrics;

import io.micrometer.core.instrument.Tag;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.TagsUtil;

/**
 * Meters resolved once per payload type: the first message of a type registers them (tag
 * {@code payloadType} = the class's simple name, as Axon's monitors tag it), every later one finds
 * them with one map read keyed by the class, without building tags or asking the registry.
 *
 * @param <T> what is kept per payload type
 */
final class PerPayloadType<T> {

    private final ConcurrentHashMap<Class<?>, T> byType = new ConcurrentHashMap<>();
    private final Function<Tag, T> create;

    /**
     * @param create registers the meters of one payload type, given its {@code payloadType} tag
     */
    PerPayloadType(Function<Tag, T> create) {
        this.create = create;
    }

    /**
     * @param message a message
     * @return the meters of its payload type
     */
    T of(Message<?> message) {
        Class<?> type = message.getPayloadType();
        Class<?> key = type == null ? Void.class : type;
        T found = byType.get(key);
        return found != null ? found
                : byType.computeIfAbsent(key, k -> create.apply(Tag.of(TagsUtil.PAYLOAD_TYPE_TAG, k.getSimpleName())));
    }
}
