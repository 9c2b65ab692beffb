package io.orderflow.bridge.tracing;

import java.util.Optional;
import org.axonframework.messaging.Message;

/**
 * The metadata keys that trace a chain of messages, and how to read them.
 *
 * <ul>
 *   <li>{@value #CORRELATION_ID}: the identifier of the request that started the chain. The web tier
 *       sets it on the first command (from {@code X-Correlation-Id}, or a new one); every message
 *       created while handling a message inherits it.</li>
 *   <li>{@value #CAUSATION_ID}: the identifier of the message whose handling created this one.</li>
 * </ul>
 */
public final class TraceMetadata {

    /** Metadata key of the correlation identifier. */
    public static final String CORRELATION_ID = "correlationId";

    /** Metadata key of the causation identifier. */
    public static final String CAUSATION_ID = "causationId";

    private TraceMetadata() {
    }

    /**
     * The correlation identifier of a message: its {@value #CORRELATION_ID} metadata, or, for the
     * first message of a chain, its own identifier.
     *
     * @param message any message
     * @return the correlation identifier, never {@code null}
     */
    public static String correlationIdOf(Message<?> message) {
        return text(message.getMetaData().get(CORRELATION_ID)).orElse(message.getIdentifier());
    }

    /**
     * The causation identifier of a message: its {@value #CAUSATION_ID} metadata.
     *
     * @param message any message
     * @return the causation identifier, empty for the first message of a chain
     */
    public static Optional<String> causationIdOf(Message<?> message) {
        return text(message.getMetaData().get(CAUSATION_ID));
    }

    private static Optional<String> text(Object value) {
        if (value == null) {
            return Optional.empty();
        }
        String text = value.toString();
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }
}
