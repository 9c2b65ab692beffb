package io.orderflow.write.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.api.inventory.Sku;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;

/** A product is known once its inventory aggregate has events; a known product costs the event store one query. */
class EventStoreKnownProductsTest {

    private static final Sku WIDGET = new Sku("WIDGET-1");

    private final CountingStorageEngine storage = new CountingStorageEngine();
    private final EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(storage).build();
    private final EventStoreKnownProducts products = new EventStoreKnownProducts(eventStore);

    @Test
    void anUnregisteredProductIsUnknownUntilItsFirstEventIsStored() {
        assertThat(products.exists(WIDGET)).isFalse();

        register(WIDGET);

        assertThat(products.exists(WIDGET)).as("a negative answer is not remembered").isTrue();
        assertThat(storage.lookups).hasValue(2);
    }

    @Test
    void aKnownProductIsRememberedAndNotLookedUpAgain() {
        register(WIDGET);

        assertThat(products.exists(WIDGET)).isTrue();
        assertThat(products.exists(WIDGET)).isTrue();
        assertThat(products.exists(WIDGET)).isTrue();

        assertThat(storage.lookups).as("event store queries").hasValue(1);
    }

    @Test
    void anAnswerFoundInAUnitOfWorkIsRememberedOnlyWhenItCommits() {
        register(WIDGET);

        UnitOfWork<?> rolledBack = DefaultUnitOfWork.startAndGet(null);
        assertThat(products.exists(WIDGET)).isTrue();
        rolledBack.rollback();
        UnitOfWork<?> committed = DefaultUnitOfWork.startAndGet(null);
        assertThat(products.exists(WIDGET)).as("asked again after the rollback").isTrue();
        committed.commit();
        assertThat(products.exists(WIDGET)).isTrue();
        assertThat(products.exists(WIDGET)).isTrue();

        assertThat(storage.lookups).as("one query per unit of work, none after the commit").hasValue(2);
    }

    private void register(Sku sku) {
        eventStore.publish(new GenericDomainEventMessage<>("Product", sku.toString(), 0, "registered"));
    }

    /** The in-memory engine, counting the look-ups of an aggregate's last sequence number. */
    private static final class CountingStorageEngine extends InMemoryEventStorageEngine {

        private final AtomicInteger lookups = new AtomicInteger();

        @Override
        public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
            lookups.incrementAndGet();
            return super.lastSequenceNumberFor(aggregateIdentifier);
        }
    }
}
