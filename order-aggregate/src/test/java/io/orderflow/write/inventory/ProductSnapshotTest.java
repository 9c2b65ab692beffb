package io.orderflow.write.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.api.inventory.CommitStockCommand;
import io.orderflow.api.inventory.RegisterProductCommand;
import io.orderflow.api.inventory.ReleaseStockCommand;
import io.orderflow.api.inventory.ReserveStockCommand;
import io.orderflow.api.inventory.Sku;
import io.orderflow.api.inventory.StockCommittedEvent;
import io.orderflow.api.inventory.StockReservationRejectedEvent;
import io.orderflow.api.order.OrderId;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/**
 * A product snapshot survives Jackson, the serializer of stored messages: a product restored from
 * a serialized snapshot alone decides exactly as the original would. A snapshot of the shape before
 * revision 2 is ignored, so the product is rebuilt from its events.
 */
class ProductSnapshotTest {

    /** Product handlers need the {@link OrderMemory}; in the application Spring provides it. */
    private static final ParameterResolverFactory PARAMETERS = MultiParameterResolverFactory.ordered(
            ClasspathParameterResolverFactory.forClass(Product.class),
            new SimpleResourceParameterResolverFactory(Set.of(OrderMemory.DEFAULT)));

    private static final Sku SKU = new Sku("WIDGET-1");
    private static final OrderId RELEASED = OrderId.of("00000000-0000-4000-8000-000000000001");
    private static final OrderId HELD = OrderId.of("00000000-0000-4000-8000-000000000002");
    private static final OrderId SHIPPED = OrderId.of("00000000-0000-4000-8000-000000000003");
    private static final OrderId NEW = OrderId.of("00000000-0000-4000-8000-000000000004");

    /** An event store with the product aggregate behind a command bus. */
    private static final class WriteSide {

        final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
        final EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(storage).build();
        final CommandGateway commands;

        WriteSide() {
            EventSourcingRepository<Product> repository = EventSourcingRepository.builder(Product.class)
                    .eventStore(eventStore)
                    .parameterResolverFactory(PARAMETERS)
                    .build();
            SimpleCommandBus commandBus = SimpleCommandBus.builder().build();
            AggregateAnnotationCommandHandler.<Product>builder()
                    .aggregateType(Product.class)
                    .repository(repository)
                    .parameterResolverFactory(PARAMETERS)
                    .build()
                    .subscribe(commandBus);
            commands = DefaultCommandGateway.builder().commandBus(commandBus).build();
        }

        List<Object> eventsAfter(long sequence) {
            return storage.readEvents(SKU.toString(), sequence + 1).asStream()
                    .map(DomainEventMessage::getPayload)
                    .map(Object.class::cast)
                    .toList();
        }
    }

    @Test
    void productRestoredFromJacksonSnapshotKeepsStockReservationsTombstonesAndCommits() {
        WriteSide original = new WriteSide();
        original.commands.sendAndWait(new RegisterProductCommand(SKU, "Widget", 10));
        original.commands.sendAndWait(new ReserveStockCommand(SKU, RELEASED, 1));
        original.commands.sendAndWait(new ReleaseStockCommand(SKU, RELEASED));
        original.commands.sendAndWait(new ReserveStockCommand(SKU, HELD, 2));
        original.commands.sendAndWait(new ReserveStockCommand(SKU, SHIPPED, 3));
        original.commands.sendAndWait(new CommitStockCommand(SKU, SHIPPED));
        AggregateSnapshotter.builder()
                .eventStore(original.eventStore)
                .aggregateFactories(new GenericAggregateFactory<>(Product.class))
                .parameterResolverFactory(PARAMETERS)
                .build()
                .scheduleSnapshot(Product.class, SKU.toString());
        DomainEventMessage<?> snapshot = original.storage.readSnapshot(SKU.toString()).orElseThrow();

        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        SerializedObject<byte[]> serialized = serializer.serialize(snapshot.getPayload(), byte[].class);
        assertThat(serialized.getType().getRevision()).isEqualTo("2");
        Product restored = serializer.deserialize(serialized);
        WriteSide fromSnapshot = new WriteSide();
        fromSnapshot.storage.storeSnapshot(new GenericDomainEventMessage<>(snapshot.getType(),
                snapshot.getAggregateIdentifier(), snapshot.getSequenceNumber(), restored));

        fromSnapshot.commands.sendAndWait(new ReserveStockCommand(SKU, RELEASED, 1));
        fromSnapshot.commands.sendAndWait(new ReserveStockCommand(SKU, HELD, 2));
        fromSnapshot.commands.sendAndWait(new ReserveStockCommand(SKU, SHIPPED, 3));
        fromSnapshot.commands.sendAndWait(new ReserveStockCommand(SKU, NEW, 6));
        fromSnapshot.commands.sendAndWait(new CommitStockCommand(SKU, HELD));

        assertThat(fromSnapshot.eventsAfter(snapshot.getSequenceNumber())).containsExactly(
                new StockReservationRejectedEvent(SKU, RELEASED, 1, 5, Product.RELEASED_REASON),
                new StockReservationRejectedEvent(SKU, NEW, 6, 5, "insufficient stock: requested 6, available 5"),
                new StockCommittedEvent(SKU, HELD, 2, 5, 0));
    }

    @Test
    void ignoresASnapshotOfTheShapeBeforeRevisionTwoSoTheProductIsRebuiltFromItsEvents() {
        Configuration configuration = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(Product.class)
                .buildConfiguration();
        SnapshotFilter filter = configuration.snapshotFilter();

        assertThat(filter.allow(productSnapshot(null,
                "{\"sku\":\"WIDGET-1\",\"onHand\":5,\"reserved\":2,\"reservations\":{},"
                        + "\"released\":[\"" + RELEASED + "\"],\"committed\":[]}")))
                .as("snapshot of the earlier shape, which has no revision")
                .isFalse();
        assertThat(filter.allow(productSnapshot("2",
                "{\"sku\":\"WIDGET-1\",\"onHand\":5,\"reserved\":2,\"reservations\":{},"
                        + "\"released\":{\"" + RELEASED + "\":\"2025-03-01T10:00:00Z\"},\"committed\":{}}")))
                .as("snapshot of revision 2")
                .isTrue();
    }

    /** A stored product snapshot as the event store reads it, before deserialization. */
    private static GenericDomainEventEntry<String> productSnapshot(String revision, String json) {
        return new GenericDomainEventEntry<>("Product", SKU.toString(), 5, "snapshot-" + revision,
                Instant.parse("2025-03-01T10:00:00Z"), Product.class.getName(), revision, json, "{}");
    }
}
