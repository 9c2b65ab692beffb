package io.orderflow.projections.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderflow.api.inventory.FindProductQuery;
import io.orderflow.api.inventory.ProductRegisteredEvent;
import io.orderflow.api.inventory.ProductStock;
import io.orderflow.api.inventory.Sku;
import io.orderflow.api.inventory.StockReservedEvent;
import io.orderflow.api.order.OrderId;
import io.orderflow.projections.support.DeliveredEvent;
import io.orderflow.projections.support.EventMeta;
import io.orderflow.projections.support.ReadModelBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two consumers of the product-stock group change one product at the same time (its stock events are keyed
 * by order, not by SKU): whatever the interleaving, the row ends with the levels of the newest event, none
 * is lost, and no batch fails. Run on H2 ({@code ProductStockConcurrencyTest}) and on PostgreSQL
 * ({@code ProductStockConcurrencyOnPostgresIT}).
 */
abstract class ProductStockConcurrencyContract {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Instant START = Instant.parse("2025-03-01T10:00:00Z");

    @Autowired
    private ProductStockUpdater updater;

    @Autowired
    private ProductQueryHandler queries;

    @Autowired
    private PlatformTransactionManager transactionManager;

    @Autowired
    protected JdbcTemplate jdbc;

    private final Sku widget = new Sku("WIDGET-" + UUID.randomUUID().toString().toUpperCase());
    private ExecutorService consumers;

    /** How many sessions wait for a lock another session holds. */
    protected abstract int sessionsWaitingForALock();

    @BeforeEach
    void registerTheProduct() {
        consumers = Executors.newFixedThreadPool(4);
        assertThat(updater.apply(new ProductRegisteredEvent(widget, "Widget", 100), meta(0))).isTrue();
    }

    @AfterEach
    void stopConsumers() {
        consumers.shutdownNow();
    }

    @Test
    void olderLevelsDoNotOverwriteNewerOnesAnotherTransactionCommittedSinceTheLookUp() {
        TransactionTemplate other = new TransactionTemplate(transactionManager);
        other.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            DeliveredEvent older = reservation(1, 10);
            ReadModelBatch batch = updater.begin(List.of(older));
            other.executeWithoutResult(inner -> assertThat(updater.apply(reservation(2, 20).payload(), meta(2))).isTrue());
            // the batch still sees the levels of its look-up (sequence 0) and applies sequence 1 in memory
            assertThat(batch.apply(older.payload(), older.meta())).isTrue();
            batch.write();
        });

        assertThat(stock()).isEqualTo(new ProductStock(widget, "Widget", 100, 20, 80));
        assertThat(lastSequence()).isEqualTo(2L);
    }

    @Test
    void newerLevelsOverwriteOlderOnesAnotherTransactionCommittedSinceTheLookUp() {
        TransactionTemplate other = new TransactionTemplate(transactionManager);
        other.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            DeliveredEvent newer = reservation(2, 20);
            ReadModelBatch batch = updater.begin(List.of(newer));
            other.executeWithoutResult(inner -> updater.apply(reservation(1, 10).payload(), meta(1)));
            batch.apply(newer.payload(), newer.meta());
            batch.write();
        });

        assertThat(stock()).isEqualTo(new ProductStock(widget, "Widget", 100, 20, 80));
        assertThat(lastSequence()).isEqualTo(2L);
    }

    @Test
    void aWriterBlockedByANewerUncommittedWriteKeepsTheNewerLevels() throws Exception {
        assertThat(blockedWriterOutcome(3, 2)).isEqualTo(new ProductStock(widget, "Widget", 100, 3, 97));
        assertThat(lastSequence()).isEqualTo(3L);
    }

    @Test
    void aWriterBlockedByAnOlderUncommittedWriteWritesItsNewerLevels() throws Exception {
        assertThat(blockedWriterOutcome(2, 3)).isEqualTo(new ProductStock(widget, "Widget", 100, 3, 97));
        assertThat(lastSequence()).isEqualTo(3L);
    }

    @Test
    void manyConcurrentTransactionsEndWithTheLevelsOfTheNewestEvent() {
        List<Integer> sequences = new ArrayList<>();
        for (int sequence = 1; sequence <= 60; sequence++) {
            sequences.add(sequence);
        }
        Collections.shuffle(sequences, new Random(42));

        List<CompletableFuture<Boolean>> deliveries = sequences.stream()
                .map(sequence -> CompletableFuture.supplyAsync(() -> {
                    DeliveredEvent event = reservation(sequence, sequence);
                    return updater.apply(event.payload(), event.meta());
                }, consumers))
                .toList();
        CompletableFuture.allOf(deliveries.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS).join();

        assertThat(stock()).isEqualTo(new ProductStock(widget, "Widget", 100, 60, 40));
        assertThat(lastSequence()).isEqualTo(60L);
        assertThat(jdbc.queryForObject("select count(*) from processed_event where processor = ?", Integer.class,
                ProductStockUpdater.PROCESSOR)).as("every event applied once, none failed").isGreaterThanOrEqualTo(61);
    }

    /**
     * The first transaction writes the levels of {@code firstSequence} and holds its row lock; the second
     * writes those of {@code secondSequence} and has to wait for it; then the first commits.
     */
    private ProductStock blockedWriterOutcome(int firstSequence, int secondSequence) throws Exception {
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() ->
                new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
                    DeliveredEvent event = reservation(firstSequence, firstSequence);
                    ReadModelBatch batch = updater.begin(List.of(event));
                    batch.apply(event.payload(), event.meta());
                    batch.write();
                    written.countDown();
                    try {
                        assertThat(commit.await(30, TimeUnit.SECONDS)).isTrue();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }), consumers);
        assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();
        int waitingBefore = sessionsWaitingForALock();
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> {
            DeliveredEvent event = reservation(secondSequence, secondSequence);
            return updater.apply(event.payload(), event.meta());
        }, consumers);

        await().atMost(PATIENCE).until(() -> sessionsWaitingForALock() > waitingBefore);
        commit.countDown();
        first.get(30, TimeUnit.SECONDS);
        assertThat(second.get(30, TimeUnit.SECONDS)).as("applied in memory; the database decides").isTrue();
        return stock();
    }

    private DeliveredEvent reservation(int sequence, int reserved) {
        return new DeliveredEvent(new StockReservedEvent(widget, OrderId.random(), 1, 100, reserved), meta(sequence));
    }

    private static EventMeta meta(long sequence) {
        return new EventMeta(UUID.randomUUID().toString(), START.plusSeconds(sequence), sequence);
    }

    private ProductStock stock() {
        return queries.handle(new FindProductQuery(widget)).orElseThrow();
    }

    private Long lastSequence() {
        return jdbc.queryForObject("select last_event_sequence from product_stock where sku = ?", Long.class, widget.value());
    }
}
