package io.orderflow.bridge;

import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.test.context.TestComponent;

/**
 * How far a tracking processor of the bridge has come through the event store. The outage tests take
 * Kafka away (or make a topic refuse records) and then show that nothing was skipped: the processor is
 * failing, its token stays where it was, and once Kafka is back the token reaches the head of the event
 * store. This reads those three facts the same way for every such test, from the processor, the token
 * store and the event store of the test's context.
 *
 * <p>Not picked up by component scanning; a test asks for it with {@code @Import(TrackingProgress.class)}.
 * The processors of the bridge run one segment, so the token read is that of segment 0.
 */
@TestComponent
public final class TrackingProgress {

    private final EventStore eventStore;
    private final TokenStore tokenStore;
    private final EventProcessingConfiguration eventProcessing;

    /**
     * @param eventStore      the event store the processors track
     * @param tokenStore      where the processors store their tokens
     * @param eventProcessing the processors of the context
     */
    public TrackingProgress(EventStore eventStore, TokenStore tokenStore, EventProcessingConfiguration eventProcessing) {
        this.eventStore = eventStore;
        this.tokenStore = tokenStore;
        this.eventProcessing = eventProcessing;
    }

    /**
     * Whether a segment of the tracking processor is in error state, that is: its last batch failed and it
     * is retrying. Fails when there is no tracking processor of that name.
     */
    public boolean isInErrorState(String processorName) {
        return eventProcessing.eventProcessor(processorName, TrackingEventProcessor.class)
                .map(processor -> processor.processingStatus().values().stream()
                        .anyMatch(EventTrackerStatus::isErrorState))
                .orElseThrow();
    }

    /** The position of the processor's stored token; empty while it has stored none. */
    public OptionalLong tokenPosition(String processorName) {
        TrackingToken token = tokenStore.fetchToken(processorName, 0);
        return token == null ? OptionalLong.empty() : token.position();
    }

    /** Whether the processor's stored token is at {@code position}; meant as an Awaitility condition. */
    public boolean tokenIsAt(String processorName, long position) {
        return tokenPosition(processorName).equals(OptionalLong.of(position));
    }

    /** The position of the newest event stored: where a token is once every stored event was handled. */
    public long headOfEventStore() {
        return eventStore.createHeadToken().position().orElseThrow();
    }
}
