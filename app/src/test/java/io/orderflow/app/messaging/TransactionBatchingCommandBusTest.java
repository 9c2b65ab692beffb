package io.orderflow.app.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.distributed.AnnotationRoutingStrategy;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * The batching command bus on a real event store (Axon's JDBC engine on H2, Spring transactions):
 * the commands that wait together share one commit, and each caller still gets exactly the result
 * its command has on its own.
 *
 * <p>Each test holds the single lane with a command that waits for a latch, queues the commands
 * under test behind it, and releases the latch: the queued commands then form one batch.
 */
class TransactionBatchingCommandBusTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final JdbcDataSource dataSource = dataSource();
    private final CountingTransactionManager springTransactions = new CountingTransactionManager(dataSource);
    private final SpringTransactionManager transactionManager = new SpringTransactionManager(springTransactions);
    private final JdbcEventStorageEngine eventStore = JdbcEventStorageEngine.builder()
            .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
            .transactionManager(transactionManager)
            .snapshotSerializer(JacksonSerializer.defaultSerializer())
            .eventSerializer(JacksonSerializer.defaultSerializer())
            .build();
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final Map<String, List<String>> handledOn = new ConcurrentHashMap<>();
    private final CountDownLatch holding = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private TransactionBatchingCommandBus bus;
    private Configuration axon;

    @AfterEach
    void stop() {
        release.countDown();
        if (axon != null) {
            axon.shutdown();
        }
        if (bus != null) {
            bus.shutdown();
        }
    }

    @Test
    void runsTheCommandsThatWaitTogetherInOneTransaction() throws Exception {
        start(command -> true, Duration.ofSeconds(5));
        create("a", "b");
        holdTheLane();
        int commitsBefore = springTransactions.commits.get();

        List<CompletableFuture<Long>> results = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            results.add(sendAndCountStoredEvents(new Add("a", i), "a"));
            results.add(sendAndCountStoredEvents(new Add("b", i), "b"));
        }
        releaseTheLane();

        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(springTransactions.commits.get() - commitsBefore)
                .as("one commit for the holding command, one for the ten queued behind it").isEqualTo(2);
        assertThat(results).as("every caller is answered after its events are committed, all of the batch's: 1 + 5")
                           .allSatisfy(result -> assertThat(result).isCompletedWithValue(6L));
        assertThat(added("a")).containsExactly(1, 2, 3, 4, 5);
        assertThat(added("b")).containsExactly(1, 2, 3, 4, 5);
        assertThat(meters.get("orderflow.command.batch.size").summary().max()).isEqualTo(10);
    }

    @Test
    void aFailingCommandFailsAloneWhileTheOthersOfItsBatchAreStoredOnce() throws Exception {
        start(command -> true, Duration.ofSeconds(5));
        create("a", "b", "c");
        holdTheLane();
        int commitsBefore = springTransactions.commits.get();

        CompletableFuture<Object> first = send(new Add("a", 1));
        CompletableFuture<Object> second = send(new Add("b", 1));
        CompletableFuture<Object> refused = send(new Add("c", -1));
        CompletableFuture<Object> fourth = send(new Add("a", 2));
        CompletableFuture<Object> fifth = send(new Add("c", 2));
        releaseTheLane();

        CompletableFuture.allOf(first, second, fourth, fifth).get(10, TimeUnit.SECONDS);
        await().atMost(TIMEOUT).until(refused::isDone);
        assertThat(refused).isCompletedExceptionally();
        assertThat(refused.handle((ok, failure) -> failure.getMessage()).get()).contains("negative: -1");
        assertThat(springTransactions.commits.get() - commitsBefore)
                .as("the holding command; the two before the failure, again; the two after it"
                            + " (the failed batch and the failure alone roll back)")
                .isEqualTo(3);
        assertThat(added("a")).containsExactly(1, 2);
        assertThat(added("b")).containsExactly(1);
        assertThat(added("c")).as("the command after the failed one still ran, after it").containsExactly(2);
        assertThat(meters.counter("orderflow.command.batch.rollbacks").count()).isEqualTo(1);
    }

    @Test
    void whenTheCommitFailsEveryCommandOfTheBatchIsHandledAloneAndGetsItsOwnResult() throws Exception {
        start(command -> true, Duration.ofSeconds(5));
        create("a");
        storeBehindTheBusesBack("taken");
        holdTheLane();

        CompletableFuture<Object> duplicate = send(new Create("taken"));
        CompletableFuture<Object> fresh = send(new Create("fresh"));
        CompletableFuture<Object> add = send(new Add("a", 7));
        releaseTheLane();

        CompletableFuture.allOf(fresh, add).get(10, TimeUnit.SECONDS);
        await().atMost(TIMEOUT).until(duplicate::isDone);
        assertThat(duplicate).as("its sequence number 0 is taken in the event store").isCompletedExceptionally();
        assertThat(storedPayloads("fresh")).containsExactly(new Created("fresh"));
        assertThat(added("a")).containsExactly(7);
        assertThat(storedPayloads("taken")).hasSize(1);
        assertThat(meters.counter("orderflow.command.batch.rollbacks").count()).isEqualTo(1);
    }

    @Test
    void commandsThatAreNotBatchableRunOnThePoolInTheirOwnTransaction() throws Exception {
        start(command -> !command.getPayloadType().equals(Add.class), Duration.ofSeconds(5));
        create("a");

        send(new Add("a", 1)).get(10, TimeUnit.SECONDS);

        assertThat(handledOn.get("a")).singleElement().asString().startsWith("pool-");
    }

    @Test
    void closingDrainsTheQueuedCommandsAndThenRefusesNewOnes() throws Exception {
        CompletableFuture<Object> queued = queueOneBehindTheHeldLane(Duration.ofSeconds(5));

        CompletableFuture<Void> closing = CompletableFuture.runAsync(bus::shutdown);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(sendRefused(new Add("a", 2))).isTrue());
        assertThat(closing).isNotDone();
        releaseTheLane();
        closing.get(10, TimeUnit.SECONDS);

        assertThat(queued).isCompleted();
        assertThat(added("a")).containsExactly(1);
    }

    @Test
    void closingFailsTheCommandsThatOutlastTheDrainTime() throws Exception {
        CompletableFuture<Object> queued = queueOneBehindTheHeldLane(Duration.ofMillis(200));

        bus.shutdown();

        await().atMost(TIMEOUT).until(queued::isDone);
        assertThat(queued).isCompletedExceptionally();
        assertThat(added("a")).isEmpty();
    }

    private void start(Predicate<CommandMessage<?>> batchable, Duration drainTimeout) {
        eventStore.createSchema(PostgresEventTableFactory.INSTANCE);
        bus = new TransactionBatchingCommandBus(
                new TransactionBatchingCommandBus.Settings(1, 64, 100, Duration.ofSeconds(1), drainTimeout),
                SimpleCommandBus.builder(), transactionManager, pool, batchable,
                AnnotationRoutingStrategy.defaultStrategy(), meters);
        axon = DefaultConfigurer.defaultConfiguration()
                                .configureEmbeddedEventStore(c -> eventStore)
                                .configureTransactionManager(c -> transactionManager)
                                .configureCommandBus(c -> bus)
                                .configureAggregate(Counter.class)
                                .buildConfiguration();
        axon.start();
        bus.subscribe(Hold.class.getName(), message -> {
            holding.countDown();
            release.await();
            return null;
        });
        Counter.handledOn = handledOn;
    }

    /** Starts a bus with the drain time, holds its lane and queues {@code Add("a", 1)} behind the holding command. */
    private CompletableFuture<Object> queueOneBehindTheHeldLane(Duration drainTimeout) throws Exception {
        start(command -> true, drainTimeout);
        create("a");
        holdTheLane();
        return send(new Add("a", 1));
    }

    private void create(String... ids) throws Exception {
        for (String id : ids) {
            send(new Create(id)).get(10, TimeUnit.SECONDS);
        }
    }

    private void holdTheLane() throws InterruptedException {
        bus.dispatch(GenericCommandMessage.asCommandMessage(new Hold("hold")));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
    }

    private void releaseTheLane() {
        release.countDown();
    }

    private CompletableFuture<Object> send(Object payload) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        bus.dispatch(GenericCommandMessage.asCommandMessage(payload), (command, message) -> complete(result, message));
        return result;
    }

    private boolean sendRefused(Object payload) {
        try {
            send(payload);
            return false;
        } catch (RejectedExecutionException e) {
            return true;
        }
    }

    /** Sends the command; its result is how many events the aggregate has in the store when the caller is told. */
    private CompletableFuture<Long> sendAndCountStoredEvents(Object payload, String aggregateId) {
        CompletableFuture<Long> result = new CompletableFuture<>();
        bus.dispatch(GenericCommandMessage.asCommandMessage(payload), (command, message) -> {
            if (message.isExceptional()) {
                result.completeExceptionally(message.exceptionResult());
            } else {
                result.complete(countCommittedEvents(aggregateId));
            }
        });
        return result;
    }

    private static void complete(CompletableFuture<Object> result, CommandResultMessage<?> message) {
        if (message.isExceptional()) {
            result.completeExceptionally(message.exceptionResult());
        } else {
            result.complete(message.getPayload());
        }
    }

    /** Reads on a connection of its own, outside any transaction of the bus: sees committed rows only. */
    private long countCommittedEvents(String aggregateId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement(
                     "select count(*) from DomainEventEntry where aggregateIdentifier = ?")) {
            count.setString(1, aggregateId);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Appends the aggregate's first event directly, so the bus's repository does not know it. */
    private void storeBehindTheBusesBack(String aggregateId) {
        transactionManager.executeInTransaction(() -> eventStore.appendEvents(
                new GenericDomainEventMessage<>("Counter", aggregateId, 0, new Created(aggregateId))));
    }

    private List<Object> storedPayloads(String aggregateId) {
        return eventStore.readEvents(aggregateId).asStream().map(EventMessage::getPayload).map(Object.class::cast)
                         .toList();
    }

    private List<Integer> added(String aggregateId) {
        return storedPayloads(aggregateId).stream().filter(Added.class::isInstance)
                                          .map(payload -> ((Added) payload).value()).toList();
    }

    private static JdbcDataSource dataSource() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:batching-" + System.nanoTime() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1");
        return dataSource;
    }

    /** Counts the transactions that really commit (not the ones that join another). */
    static final class CountingTransactionManager extends DataSourceTransactionManager {

        final AtomicInteger commits = new AtomicInteger();

        CountingTransactionManager(JdbcDataSource dataSource) {
            super(dataSource);
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
            super.doCommit(status);
            commits.incrementAndGet();
        }
    }

    record Create(@TargetAggregateIdentifier String id) {
    }

    record Add(@TargetAggregateIdentifier String id, int value) {
    }

    record Hold(@TargetAggregateIdentifier String id) {
    }

    record Created(String id) {
    }

    record Added(String id, int value) {
    }

    /** Counts; refuses to add a negative number. */
    static class Counter {

        static Map<String, List<String>> handledOn;

        @AggregateIdentifier
        private String id;

        Counter() {
        }

        @CommandHandler
        Counter(Create command) {
            apply(new Created(command.id()));
        }

        @CommandHandler
        void handle(Add command) {
            handledOn.computeIfAbsent(id, key -> new ArrayList<>()).add(Thread.currentThread().getName());
            if (command.value() < 0) {
                throw new IllegalArgumentException("negative: " + command.value());
            }
            apply(new Added(id, command.value()));
        }

        @EventSourcingHandler
        void on(Created event) {
            id = event.id();
        }
    }
}
