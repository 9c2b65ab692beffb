package io.orderflow.schema.upcasting;

import java.util.List;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;

/**
 * The registration list of the project's event upcasters. The application installs {@link #chain()} as its
 * {@code EventUpcasterChain} (one bean: Axon applies it when the event store, the tracking processors and the
 * Kafka message converter read stored events).
 *
 * <p>Empty today: every event is at revision 1, so no stored event has changed shape. When an event type gets a
 * new revision whose stored events need carrying over, add its {@link JsonNodeUpcaster} to {@link #all()}, oldest
 * step first (see {@code core-api/src/main/resources/schemas/README.md}).
 */
public final class OrderflowUpcasters {

    private OrderflowUpcasters() {
    }

    /** Every upcaster, in the order they run: per event type, the oldest revision step first. */
    public static List<JsonNodeUpcaster> all() {
        return List.of();
    }

    /**
     * The upcaster chain of {@link #all()}, checked.
     *
     * @throws IllegalStateException naming the problems if the list is not a valid chain (see {@link UpcasterChains})
     */
    public static EventUpcasterChain chain() {
        return UpcasterChains.checked(all());
    }
}
