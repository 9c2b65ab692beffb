package io.orderflow.saga.parking;

import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.axonframework.modelling.saga.AnnotatedSaga;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retry-then-park error handler for a saga processing group. Axon's default logs and swallows a
 * failing saga handler, so the saga step silently vanishes; this handler instead
 * <ol>
 *   <li>rethrows while the event has failed fewer than {@code maxAttempts} times, so the tracking
 *       processor rolls the batch back and retries it with its back-off;</li>
 *   <li>on the {@code maxAttempts}-th failure stores the event in the {@link ParkedSagaEventStore}
 *       (in a transaction of its own) and returns normally, so the processor moves on.</li>
 * </ol>
 * If parking itself fails, the original exception is rethrown: an event is never dropped without
 * a record. Attempts are counted per event identifier in memory (bounded, least recently failed
 * entries are forgotten first), so a restart or a segment moving to another node starts counting
 * again: the limit is a lower bound on the number of attempts.
 */
public class SagaEventParking implements ListenerInvocationErrorHandler {

    /** How many failing events are remembered at most. */
    static final int MAX_TRACKED_EVENTS = 10_000;

    private static final Logger log = LoggerFactory.getLogger(SagaEventParking.class);
    private static final String ORDER_ID = "orderId";

    private final ParkedSagaEventStore store;
    private final int maxAttempts;
    private final Function<Object, String> payloadSerializer;
    private final Clock clock;
    private final Map<String, Integer> attemptsByEventId = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
                    return size() > MAX_TRACKED_EVENTS;
                }
            });

    /**
     * @param store             where parked events go
     * @param maxAttempts       the attempt on which an event is parked, at least 1
     * @param payloadSerializer turns a payload into the text stored with it (falls back to
     *                          {@code toString()} if it throws)
     * @param clock             the time stamp of parked events
     */
    public SagaEventParking(ParkedSagaEventStore store, int maxAttempts, Function<Object, String> payloadSerializer,
                            Clock clock) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        this.store = Objects.requireNonNull(store, "store");
        this.maxAttempts = maxAttempts;
        this.payloadSerializer = Objects.requireNonNull(payloadSerializer, "payloadSerializer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void onError(Exception exception, EventMessage<?> event, EventMessageHandler eventHandler) throws Exception {
        String eventId = event.getIdentifier();
        int attempts = attemptsByEventId.merge(eventId, 1, Integer::sum);
        String association = associationValue(eventHandler);
        if (attempts < maxAttempts) {
            log.warn("Saga event {} ({}) for {} failed on attempt {} of {}, retrying: {}", eventId,
                    event.getPayloadType().getSimpleName(), association, attempts, maxAttempts, exception.toString());
            throw exception;
        }
        FailedSagaEvent failed = new FailedSagaEvent(sagaType(eventHandler), association, eventId,
                event.getPayloadType().getName(), payload(event), describe(exception), attempts, clock.instant());
        try {
            store.park(failed);
        } catch (RuntimeException parkingFailure) {
            exception.addSuppressed(parkingFailure);
            log.error("Saga event {} for {} could not be parked after {} attempts, retrying", eventId, association,
                    attempts, parkingFailure);
            throw exception;
        }
        attemptsByEventId.remove(eventId);
        log.error("Saga event {} ({}) for {} parked after {} attempts; the saga did not process it", eventId,
                event.getPayloadType().getSimpleName(), association, attempts, exception);
    }

    /** How often the event with the given identifier has failed so far (0 if not known). */
    int attemptsSoFar(String eventId) {
        return attemptsByEventId.getOrDefault(eventId, 0);
    }

    private String payload(EventMessage<?> event) {
        try {
            return payloadSerializer.apply(event.getPayload());
        } catch (RuntimeException e) {
            log.debug("Payload of {} not serializable, storing toString()", event.getIdentifier(), e);
            return String.valueOf(event.getPayload());
        }
    }

    private static String sagaType(EventMessageHandler handler) {
        if (handler instanceof AnnotatedSaga<?> saga && saga.root() != null) {
            return saga.root().getClass().getName();
        }
        return handler.getTargetType().getName();
    }

    /** The saga's {@code orderId} association, or its first association, or {@code null}. */
    private static String associationValue(EventMessageHandler handler) {
        if (!(handler instanceof Saga<?> saga)) {
            return null;
        }
        return saga.getAssociationValues().asSet().stream()
                .filter(value -> ORDER_ID.equals(value.getKey()))
                .findFirst()
                .or(() -> saga.getAssociationValues().asSet().stream().findFirst())
                .map(AssociationValue::getValue)
                .orElse(null);
    }

    private static String describe(Exception exception) {
        StringBuilder text = new StringBuilder(exception.getClass().getName()).append(": ")
                .append(exception.getMessage());
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != exception) {
            text.append(" (root cause ").append(root.getClass().getName()).append(": ").append(root.getMessage())
                    .append(')');
        }
        return text.toString();
    }
}
