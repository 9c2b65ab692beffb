package io.orderflow.bridge.tracing;

import java.util.Map;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

/**
 * Gives every message created while another is handled (events applied by a command, commands sent
 * by a saga, deadlines, …) the metadata
 * {@code correlationId} = the handled message's {@code correlationId}, or its identifier if it has
 * none, and {@code causationId} = the handled message's identifier.
 *
 * <p>It replaces Axon's {@code MessageOriginProvider} (whose {@code correlationId} is the parent's
 * identifier and whose {@code traceId} is the root's): as a {@code CorrelationDataProvider} bean it
 * switches off the auto-configured one, so the identifier the web tier puts on a command is the
 * {@code correlationId} of every message down the chain.
 */
public class TraceCorrelationDataProvider implements CorrelationDataProvider {

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        return Map.of(
                TraceMetadata.CORRELATION_ID, TraceMetadata.correlationIdOf(message),
                TraceMetadata.CAUSATION_ID, message.getIdentifier());
    }
}
