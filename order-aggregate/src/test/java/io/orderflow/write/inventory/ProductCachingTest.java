package io.orderflow.write.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.orderflow.api.inventory.ProductRegisteredEvent;
import io.orderflow.api.inventory.RegisterProductCommand;
import io.orderflow.api.inventory.ReserveStockCommand;
import io.orderflow.api.inventory.Sku;
import io.orderflow.api.inventory.StockReservationRejectedEvent;
import io.orderflow.api.inventory.StockReservedEvent;
import io.orderflow.api.order.OrderId;
import io.orderflow.write.support.AggregateCacheProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The product repository with the aggregate cache of {@code AggregateCacheProperties}, assembled with
 * Axon's own configuration API (no Spring) on an in-memory event store: a product used recently is
 * not read from the event store again, a failed command leaves nothing of itself in the cache, a node
 * whose cached product is behind fails its append and decides again on the current state, and
 * snapshots are still taken.
 */
class ProductCachingTest {

    private static final Sku SKU = new Sku("WIDGET-1");
    private static final String FAIL_AFTER_HANDLING = "fail-after-handling";

    private final RecordingStorageEngine storage = new RecordingStorageEngine();
    private final List<Node> nodes = new ArrayList<>();

    @AfterEach
    void shutDownNodes() {
        nodes.forEach(node -> node.configuration.shutdown());
    }

    private Node node(Cache cache) {
        return node(cache, Integer.MAX_VALUE);
    }

    private Node node(Cache cache, int snapshotThreshold) {
        Node node = new Node(storage, cache, snapshotThreshold);
        nodes.add(node);
        return node;
    }

    private static Cache enabledCache() {
        return new AggregateCacheProperties(true, 10_000).newCache();
    }

    private static ReserveStockCommand reserve(OrderId order, int quantity) {
        return new ReserveStockCommand(SKU, order, quantity);
    }

    @Test
    void aCommandOnARecentlyUsedProductDoesNotReadTheEventStore() {
        Node node = node(enabledCache());
        OrderId first = OrderId.random();
        OrderId second = OrderId.random();

        node.commands.sendAndWait(new RegisterProductCommand(SKU, "Widget", 10));
        int loadsToRegister = storage.loadsOf(SKU);
        node.commands.sendAndWait(reserve(first, 3));
        node.commands.sendAndWait(reserve(second, 4));

        assertThat(loadsToRegister).isEqualTo(1);
        assertThat(storage.loadsOf(SKU)).isEqualTo(1);
        assertThat(storage.payloadsOf(SKU)).containsExactly(
                new ProductRegisteredEvent(SKU, "Widget", 10),
                new StockReservedEvent(SKU, first, 3, 10, 3),
                new StockReservedEvent(SKU, second, 4, 10, 7));
    }

    @Test
    void withTheCacheDisabledEveryCommandReadsTheEventStore() {
        Node node = node(new AggregateCacheProperties(false, 10_000).newCache());

        node.commands.sendAndWait(new RegisterProductCommand(SKU, "Widget", 10));
        node.commands.sendAndWait(reserve(OrderId.random(), 3));
        node.commands.sendAndWait(reserve(OrderId.random(), 4));

        assertThat(storage.loadsOf(SKU)).isEqualTo(3);
    }

    @Test
    void aCommandThatFailsAfterChangingTheProductLeavesNoChangeBehind() {
        Node node = node(enabledCache());
        node.failCommandsMarkedToFailAfterHandling();
        OrderId failed = OrderId.random();
        OrderId next = OrderId.random();
        node.commands.sendAndWait(new RegisterProductCommand(SKU, "Widget", 10));

        // the handler reserves 8 units on the cached product, then the unit of work fails
        // (as when the database refuses the commit)
        Throwable failure = catchThrowable(() -> node.commands.sendAndWait(GenericCommandMessage
                .asCommandMessage(reserve(failed, 8))
                .andMetaData(Map.of(FAIL_AFTER_HANDLING, true))));
        int loadsBeforeTheNextCommand = storage.loadsOf(SKU);
        node.commands.sendAndWait(reserve(next, 10));
        node.commands.sendAndWait(reserve(failed, 1));

        assertThat(failure).hasMessageContaining("failed after handling");
        assertThat(storage.loadsOf(SKU)).as("the failed command's product was evicted and is read again")
                .isEqualTo(loadsBeforeTheNextCommand + 1);
        assertThat(storage.payloadsOf(SKU)).containsExactly(
                new ProductRegisteredEvent(SKU, "Widget", 10),
                new StockReservedEvent(SKU, next, 10, 10, 10),
                new StockReservationRejectedEvent(SKU, failed, 1, 0, "insufficient stock: requested 1, available 0"));
    }

    @Test
    void aNodeWhoseCachedProductIsBehindFailsItsAppendAndDecidesAgainOnTheCurrentState() {
        Node nodeA = node(enabledCache());
        Node nodeB = node(enabledCache());
        OrderId onA = OrderId.random();
        OrderId onB = OrderId.random();
        OrderId late = OrderId.random();
        nodeA.commands.sendAndWait(new RegisterProductCommand(SKU, "Widget", 10));
        nodeA.commands.sendAndWait(reserve(onA, 3));
        nodeB.commands.sendAndWait(reserve(onB, 4));

        // node A still believes 7 units are available; the event store says 3
        Throwable stale = catchThrowable(() -> nodeA.commands.sendAndWait(reserve(late, 5)));
        // the command gateway of the application retries a ConcurrencyException; here the test does
        nodeA.commands.sendAndWait(reserve(late, 5));

        assertThat(stale).isInstanceOf(ConcurrencyException.class);
        assertThat(storage.payloadsOf(SKU)).containsExactly(
                new ProductRegisteredEvent(SKU, "Widget", 10),
                new StockReservedEvent(SKU, onA, 3, 10, 3),
                new StockReservedEvent(SKU, onB, 4, 10, 7),
                new StockReservationRejectedEvent(SKU, late, 5, 3, "insufficient stock: requested 5, available 3"));
    }

    @Test
    void snapshotsAreStillTakenWhileTheProductIsCached() {
        Node node = node(enabledCache(), 3);
        node.commands.sendAndWait(new RegisterProductCommand(SKU, "Widget", 10));
        for (int i = 0; i < 4; i++) {
            node.commands.sendAndWait(reserve(OrderId.random(), 2));
        }

        assertThat(storage.readSnapshot(SKU.toString())).hasValueSatisfying(snapshot -> {
            assertThat(snapshot.getSequenceNumber()).isGreaterThanOrEqualTo(2);
            assertThat(snapshot.getPayload()).isInstanceOf(Product.class);
        });

        // a node that starts empty loads the snapshot and the events after it
        OrderId late = OrderId.random();
        node(enabledCache()).commands.sendAndWait(reserve(late, 3));
        assertThat(storage.payloadsOf(SKU)).last().isEqualTo(
                new StockReservationRejectedEvent(SKU, late, 3, 2, "insufficient stock: requested 3, available 2"));
    }

    /** One application node: Axon's configuration with the product aggregate and its cache. */
    private static final class Node {

        final Configuration configuration;
        final CommandGateway commands;

        Node(RecordingStorageEngine storage, Cache cache, int snapshotThreshold) {
            configuration = DefaultConfigurer.defaultConfiguration()
                    .configureSerializer(c -> JacksonSerializer.defaultSerializer())
                    .configureEmbeddedEventStore(c -> storage)
                    .registerComponent(OrderMemory.class, c -> OrderMemory.DEFAULT)
                    .configureAggregate(AggregateConfigurer.defaultConfiguration(Product.class)
                            .configureCache(c -> cache)
                            .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(
                                    c.snapshotter(), snapshotThreshold)))
                    .buildConfiguration();
            configuration.start();
            commands = configuration.commandGateway();
        }

        /** Lets the handler run, then fails the unit of work of a command marked to fail. */
        void failCommandsMarkedToFailAfterHandling() {
            MessageHandlerInterceptor<CommandMessage<?>> failAfterHandling = (unitOfWork, chain) -> {
                Object result = chain.proceed();
                if (unitOfWork.getMessage().getMetaData().containsKey(FAIL_AFTER_HANDLING)) {
                    throw new IllegalStateException("failed after handling");
                }
                return result;
            };
            configuration.commandBus().registerHandlerInterceptor(failAfterHandling);
        }
    }

    /**
     * Axon's in-memory storage engine that counts how often each aggregate's events are read and,
     * like the unique key of the database's event table, refuses an event whose sequence number
     * another node has taken.
     */
    private static final class RecordingStorageEngine extends InMemoryEventStorageEngine {

        private final Map<String, AtomicInteger> loads = new ConcurrentHashMap<>();

        @Override
        public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
            loads.computeIfAbsent(aggregateIdentifier, id -> new AtomicInteger()).incrementAndGet();
            return super.readEvents(aggregateIdentifier, firstSequenceNumber);
        }

        @Override
        public synchronized void appendEvents(List<? extends EventMessage<?>> events) {
            for (EventMessage<?> event : events) {
                if (event instanceof DomainEventMessage<?> domainEvent) {
                    long last = super.readEvents(domainEvent.getAggregateIdentifier(), 0).asStream()
                            .mapToLong(DomainEventMessage::getSequenceNumber)
                            .max().orElse(-1);
                    if (domainEvent.getSequenceNumber() <= last) {
                        throw new ConcurrencyException("sequence number " + domainEvent.getSequenceNumber()
                                + " of " + domainEvent.getAggregateIdentifier() + " is taken");
                    }
                }
            }
            super.appendEvents(events);
        }

        int loadsOf(Object aggregateId) {
            AtomicInteger count = loads.get(aggregateId.toString());
            return count == null ? 0 : count.get();
        }

        List<Object> payloadsOf(Object aggregateId) {
            return super.readEvents(aggregateId.toString(), 0).asStream()
                    .map(DomainEventMessage::getPayload)
                    .map(Object.class::cast)
                    .toList();
        }
    }
}
