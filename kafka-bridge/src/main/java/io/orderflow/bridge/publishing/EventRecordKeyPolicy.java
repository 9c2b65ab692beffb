package io.orderflow.bridge.publishing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka record key of an event, which is also the publishing processor's sequencing policy: the
 * payload's {@code orderId()} when it has one (every order, stock reservation, payment and shipment
 * event), otherwise the aggregate identifier (product registration and restock: the SKU), otherwise
 * {@code null} (no ordering needed).
 *
 * <p>All events of one order therefore land on one partition, in the order the event store holds
 * them, whichever aggregate applied them.
 */
public class EventRecordKeyPolicy implements SequencingPolicy<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(EventRecordKeyPolicy.class);

    private static final ClassValue<Optional<Method>> ORDER_ID_ACCESSOR = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            return orderIdAccessor(type);
        }
    };

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        return keyFor(event);
    }

    /**
     * The record key of an event.
     *
     * @param event the event
     * @return the order id, else the aggregate id, else {@code null}
     */
    public String keyFor(EventMessage<?> event) {
        Object payload = event.getPayload();
        if (payload != null) {
            Optional<String> orderId = orderIdOf(payload);
            if (orderId.isPresent()) {
                return orderId.get();
            }
        }
        if (event instanceof DomainEventMessage<?> domainEvent) {
            return domainEvent.getAggregateIdentifier();
        }
        return null;
    }

    private static Optional<String> orderIdOf(Object payload) {
        Optional<Method> accessor = ORDER_ID_ACCESSOR.get(payload.getClass());
        if (accessor.isEmpty()) {
            return Optional.empty();
        }
        try {
            Object orderId = accessor.get().invoke(payload);
            return orderId == null ? Optional.empty() : Optional.of(orderId.toString());
        } catch (IllegalAccessException | InvocationTargetException e) {
            log.warn("Cannot read orderId() of {}: keying by aggregate id", payload.getClass().getName(), e);
            return Optional.empty();
        }
    }

    private static Optional<Method> orderIdAccessor(Class<?> type) {
        try {
            Method method = type.getMethod("orderId");
            if (Modifier.isStatic(method.getModifiers()) || method.getReturnType() == void.class) {
                return Optional.empty();
            }
            if (!method.trySetAccessible()) {
                return Optional.empty();
            }
            return Optional.of(method);
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        }
    }
}
