package io.orderflow.saga.parking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.api.inventory.Sku;
import io.orderflow.api.inventory.StockReservedEvent;
import io.orderflow.api.operations.ParkedSagaEvents;
import io.orderflow.api.order.OrderId;
import io.orderflow.saga.OrderFulfilmentSaga;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.annotation.NoMoreInterceptors;
import org.axonframework.modelling.saga.AnnotatedSaga;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.metamodel.AnnotationSagaMetaModelFactory;
import org.junit.jupiter.api.Test;

/** The retry-then-park rule, with an in-memory store instead of the database. */
class SagaEventParkingTest {

    private static final OrderId ORDER_ID = OrderId.of("0b0e7a3c-1f5e-4c1e-9a55-3f1d2c4b5a69");
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final Function<Object, String> PAYLOAD_AS_JSON = payload -> "{\"json\":\"" + payload + "\"}";

    private final InMemoryStore store = new InMemoryStore();
    private final SagaEventParking parking =
            new SagaEventParking(store, 3, PAYLOAD_AS_JSON, Clock.fixed(NOW, ZoneOffset.UTC));
    private final AnnotatedSaga<OrderFulfilmentSaga> saga = new AnnotatedSaga<>("saga-1",
            Set.of(new AssociationValue("orderId", ORDER_ID.toString())), new OrderFulfilmentSaga(),
            new AnnotationSagaMetaModelFactory().modelOf(OrderFulfilmentSaga.class), NoMoreInterceptors.instance());

    @Test
    void rethrowsTheFailureWhileTheEventHasFailedFewerThanMaxAttemptsTimes() {
        EventMessage<?> event = stockReserved();
        IllegalStateException failure = new IllegalStateException("database unavailable");

        assertThatThrownBy(() -> parking.onError(failure, event, saga)).isSameAs(failure);
        assertThatThrownBy(() -> parking.onError(failure, event, saga)).isSameAs(failure);

        assertThat(store.parked).isEmpty();
        assertThat(parking.attemptsSoFar(event.getIdentifier())).isEqualTo(2);
    }

    @Test
    void parksTheEventAndReturnsNormallyOnTheMaxAttemptsFailure() throws Exception {
        EventMessage<?> event = stockReserved();
        failTwice(event);

        parking.onError(new IllegalStateException("database unavailable"), event, saga);

        assertThat(store.parked).containsExactly(new FailedSagaEvent(
                OrderFulfilmentSaga.class.getName(),
                ORDER_ID.toString(),
                event.getIdentifier(),
                StockReservedEvent.class.getName(),
                PAYLOAD_AS_JSON.apply(event.getPayload()),
                "java.lang.IllegalStateException: database unavailable",
                3,
                NOW));
        assertThat(parking.attemptsSoFar(event.getIdentifier())).isZero();
    }

    @Test
    void parksOnTheFirstFailureWhenOneAttemptIsAllowed() throws Exception {
        SagaEventParking parkImmediately = new SagaEventParking(store, 1, PAYLOAD_AS_JSON, Clock.systemUTC());

        parkImmediately.onError(new IllegalStateException("boom"), stockReserved(), saga);

        assertThat(store.parked).singleElement().extracting(FailedSagaEvent::attempts).isEqualTo(1);
    }

    @Test
    void countsAttemptsPerEventIdentifier() throws Exception {
        EventMessage<?> first = stockReserved();
        EventMessage<?> second = stockReserved();
        failTwice(first);

        assertThatThrownBy(() -> parking.onError(new IllegalStateException("boom"), second, saga))
                .isInstanceOf(IllegalStateException.class);
        parking.onError(new IllegalStateException("boom"), first, saga);

        assertThat(store.parked).extracting(FailedSagaEvent::eventId).containsExactly(first.getIdentifier());
        assertThat(parking.attemptsSoFar(second.getIdentifier())).isEqualTo(1);
    }

    @Test
    void rethrowsAndTriesAgainWhenTheEventCannotBeParked() throws Exception {
        EventMessage<?> event = stockReserved();
        failTwice(event);
        store.unavailable = true;
        IllegalStateException failure = new IllegalStateException("handler bug");

        assertThatThrownBy(() -> parking.onError(failure, event, saga))
                .isSameAs(failure)
                .satisfies(thrown -> assertThat(thrown.getSuppressed()).hasSize(1));
        store.unavailable = false;
        parking.onError(new IllegalStateException("handler bug"), event, saga);

        assertThat(store.parked).singleElement().extracting(FailedSagaEvent::attempts).isEqualTo(4);
    }

    @Test
    void recordsTheRootCauseOfAWrappedFailure() throws Exception {
        EventMessage<?> event = stockReserved();
        failTwice(event);

        parking.onError(new RuntimeException("saga handler failed", new ArithmeticException("/ by zero")), event,
                saga);

        assertThat(store.parked).singleElement().extracting(FailedSagaEvent::error).isEqualTo(
                "java.lang.RuntimeException: saga handler failed"
                        + " (root cause java.lang.ArithmeticException: / by zero)");
    }

    @Test
    void storesThePayloadAsTextWhenItCannotBeSerialized() throws Exception {
        SagaEventParking withBrokenSerializer = new SagaEventParking(store, 1, payload -> {
            throw new IllegalArgumentException("no serializer");
        }, Clock.systemUTC());
        EventMessage<?> event = stockReserved();

        withBrokenSerializer.onError(new IllegalStateException("boom"), event, saga);

        assertThat(store.parked).singleElement().extracting(FailedSagaEvent::payload)
                .isEqualTo(event.getPayload().toString());
    }

    private void failTwice(EventMessage<?> event) {
        for (int attempt = 1; attempt <= 2; attempt++) {
            assertThatThrownBy(() -> parking.onError(new IllegalStateException("boom"), event, saga))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    private static EventMessage<?> stockReserved() {
        return GenericEventMessage.asEventMessage(new StockReservedEvent(new Sku("APPLE"), ORDER_ID, 2, 10, 2));
    }

    /** Keeps parked events in a list; can be made to fail like an unreachable database. */
    private static final class InMemoryStore implements ParkedSagaEventStore {

        private final List<FailedSagaEvent> parked = new ArrayList<>();
        private boolean unavailable;

        @Override
        public void park(FailedSagaEvent event) {
            if (unavailable) {
                throw new IllegalStateException("store unavailable");
            }
            parked.add(event);
        }

        @Override
        public List<ParkedSagaEvents.Entry> findNewest(int limit) {
            throw new UnsupportedOperationException("not read in these tests");
        }
    }
}
