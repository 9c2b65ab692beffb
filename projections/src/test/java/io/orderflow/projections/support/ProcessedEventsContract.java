package io.orderflow.projections.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The processed-event ledger against a real database (H2 in {@code ProcessedEventsTest}, PostgreSQL in
 * {@code ProcessedEventsOnPostgresIT}, whose driver rewrites batched inserts as the application's does): a batch
 * that claims its events at once (one statement on PostgreSQL, one JDBC batch on H2) skips exactly the events
 * processed before or earlier in the batch, its marks are written with the transaction or not at all, a
 * concurrent delivery waits for the first and the event is applied once, and the retention clean-up deletes old
 * marks only. The context's own scheduled clean-up is switched off; each test runs it itself.
 */
abstract class ProcessedEventsContract {

    static final String PROPERTIES_CHUNK_OF_TWO = "orderflow.projections.processed-events.cleanup.chunk-size=2";
    static final String PROPERTIES_NO_SCHEDULE = "orderflow.projections.processed-events.cleanup.enabled=false";

    private static final String PROCESSOR = "contract";

    @Autowired
    private ProcessedEvents processedEvents;

    @Autowired
    private ProcessedEventsCleanup cleanup;

    @Autowired
    private ProcessedEventsProperties properties;

    @Autowired
    private PlatformTransactionManager transactionManager;

    @Autowired
    private JdbcTemplate jdbc;

    private TransactionTemplate transaction;

    @BeforeEach
    void emptyLedger() {
        transaction = new TransactionTemplate(transactionManager);
        jdbc.update("delete from processed_event");
    }

    @Test
    void batchAppliesNewEventsOnceAndSkipsEventsProcessedBefore() {
        String before = id();
        String fresh = id();
        String other = id();
        String notClaimedFirst = id();
        assertThat(deliverInBatch(before)).isTrue();

        List<Boolean> answers = transaction.execute(status -> {
            ProcessedEvents.Marks marks = processedEvents.claim(PROCESSOR, List.of(before, fresh, other, fresh));
            List<Boolean> marked = List.of(
                    marks.markProcessed(before),
                    marks.markProcessed(fresh),
                    marks.markProcessed(fresh),
                    marks.markProcessed(notClaimedFirst),
                    marks.markProcessed(notClaimedFirst),
                    marks.markProcessed(other));
            assertThat(processedEvents.isProcessed(PROCESSOR, fresh)).as("claimed inside the transaction").isTrue();
            marks.write();
            return marked;
        });

        assertThat(answers).containsExactly(false, true, false, true, false, true);
        assertThat(List.of(before, fresh, other, notClaimedFirst)).allSatisfy(eventId ->
                assertThat(processedEvents.isProcessed(PROCESSOR, eventId)).isTrue());
        assertThat(processedEvents.isProcessed("another-read-model", fresh)).isFalse();
    }

    @Test
    void aLargeBatchSkipsExactlyTheEventProcessedBefore() {
        List<String> eventIds = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            eventIds.add(id());
        }
        deliverInBatch(eventIds.get(650));

        Integer applied = transaction.execute(status -> {
            ProcessedEvents.Marks marks = processedEvents.claim(PROCESSOR, eventIds);
            int count = (int) eventIds.stream().filter(marks::markProcessed).count();
            marks.write();
            return count;
        });

        assertThat(applied).as("one of the 700 was processed before").isEqualTo(699);
        assertThat(jdbc.queryForObject("select count(*) from processed_event where processor = ?", Integer.class, PROCESSOR))
                .isEqualTo(700);
    }

    @Test
    void rolledBackBatchLeavesNoMarkAndItsRedeliveryIsApplied() {
        String eventId = id();

        transaction.executeWithoutResult(status -> {
            ProcessedEvents.Marks marks = processedEvents.claim(PROCESSOR, List.of(eventId));
            assertThat(marks.markProcessed(eventId)).isTrue();
            marks.write();
            assertThat(processedEvents.isProcessed(PROCESSOR, eventId)).as("seen inside the transaction").isTrue();
            status.setRollbackOnly();
        });

        assertThat(processedEvents.isProcessed(PROCESSOR, eventId)).isFalse();
        assertThat(deliverInBatch(eventId)).isTrue();
    }

    @Test
    void aConcurrentDeliveryWaitsForTheFirstAndSkipsTheEventItCommitted() throws Exception {
        String eventId = id();

        Deliveries deliveries = deliverTwiceAtOnce(eventId, false);

        assertThat(deliveries.first()).as("the first delivery applies it").isTrue();
        assertThat(deliveries.second()).as("the second, having waited for the first, skips it").isFalse();
        assertThat(processedEvents.isProcessed(PROCESSOR, eventId)).isTrue();
    }

    @Test
    void aConcurrentDeliveryAppliesTheEventWhenTheFirstRollsBack() throws Exception {
        String eventId = id();

        Deliveries deliveries = deliverTwiceAtOnce(eventId, true);

        assertThat(deliveries.first()).as("the first delivery would have applied it").isTrue();
        assertThat(deliveries.second()).as("the second applies it instead").isTrue();
        assertThat(processedEvents.isProcessed(PROCESSOR, eventId)).isTrue();
    }

    @Test
    void anEventClaimedButNeverHandedOutIsReleasedForALaterDelivery() {
        String applied = id();
        String leftOver = id();

        transaction.executeWithoutResult(status -> {
            ProcessedEvents.Marks marks = processedEvents.claim(PROCESSOR, List.of(applied, leftOver));
            assertThat(marks.markProcessed(applied)).isTrue();
            marks.write();
        });

        assertThat(processedEvents.isProcessed(PROCESSOR, applied)).isTrue();
        assertThat(processedEvents.isProcessed(PROCESSOR, leftOver)).isFalse();
        assertThat(deliverInBatch(leftOver)).isTrue();
    }

    /**
     * Delivers {@code eventId} in two transactions on two threads: the first claims it and holds its
     * transaction open while the second claims it too, then commits or rolls back.
     */
    private Deliveries deliverTwiceAtOnce(String eventId, boolean firstRollsBack) throws Exception {
        CountDownLatch firstClaimed = new CountDownLatch(1);
        CountDownLatch firstMayEnd = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Boolean> first = threads.submit(() -> transaction.execute(status -> {
                ProcessedEvents.Marks marks = processedEvents.claim(PROCESSOR, List.of(eventId));
                boolean marked = marks.markProcessed(eventId);
                firstClaimed.countDown();
                awaitQuietly(firstMayEnd);
                marks.write();
                if (firstRollsBack) {
                    status.setRollbackOnly();
                }
                return marked;
            }));
            assertThat(firstClaimed.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Boolean> second = threads.submit(() -> deliverInBatch(eventId));
            // the second claim meets the first's uncommitted mark and waits for its transaction
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> !second.isDone());
            firstMayEnd.countDown();
            return new Deliveries(first.get(10, TimeUnit.SECONDS), second.get(10, TimeUnit.SECONDS));
        } finally {
            firstMayEnd.countDown();
            threads.shutdownNow();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Deliveries(boolean first, boolean second) {
    }

    @Test
    void marksAreWrittenInATransactionOnly() {
        assertThatThrownBy(() -> processedEvents.claim(PROCESSOR, List.of(id())))
                .isInstanceOf(IllegalTransactionStateException.class);
        ProcessedEvents.Marks marks = transaction.execute(status -> processedEvents.claim(PROCESSOR, List.of(id())));

        assertThatThrownBy(marks::write).isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void cleanUpDeletesMarksOlderThanTheRetentionInChunksAndKeepsRecentOnes() {
        Instant now = Instant.now();
        Duration retention = properties.retention();
        List<String> old = List.of(id(), id(), id(), id(), id());
        old.forEach(eventId -> mark(eventId, now.minus(retention).minus(1, ChronoUnit.HOURS)));
        String recent = id();
        String justInside = id();
        mark(recent, now.minus(1, ChronoUnit.DAYS));
        mark(justInside, now.minus(retention).plus(1, ChronoUnit.HOURS));

        long deleted = cleanup.purge();

        assertThat(deleted).isEqualTo(5);
        assertThat(old).noneSatisfy(eventId -> assertThat(processedEvents.isProcessed(PROCESSOR, eventId)).isTrue());
        assertThat(processedEvents.isProcessed(PROCESSOR, recent)).isTrue();
        assertThat(processedEvents.isProcessed(PROCESSOR, justInside)).isTrue();
        assertThat(cleanup.purge()).isZero();
    }

    @Test
    void scheduledCleanUpRunsUntilStopped() {
        String old = id();
        String recent = id();
        mark(old, Instant.now().minus(properties.retention()).minus(1, ChronoUnit.DAYS));
        mark(recent, Instant.now());
        ProcessedEventsCleanup scheduled = new ProcessedEventsCleanup(processedEvents, transactionManager,
                new ProcessedEventsProperties(properties.retention(),
                        new ProcessedEventsProperties.Cleanup(true, Duration.ZERO, Duration.ofMillis(100), 10)),
                Clock.systemUTC());

        scheduled.start();
        try {
            assertThat(scheduled.isRunning()).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> !processedEvents.isProcessed(PROCESSOR, old));
        } finally {
            scheduled.stop();
        }

        assertThat(scheduled.isRunning()).isFalse();
        assertThat(processedEvents.isProcessed(PROCESSOR, recent)).isTrue();
    }

    private boolean deliverInBatch(String eventId) {
        Boolean applied = transaction.execute(status -> {
            ProcessedEvents.Marks marks = processedEvents.claim(PROCESSOR, List.of(eventId));
            boolean marked = marks.markProcessed(eventId);
            marks.write();
            return marked;
        });
        return Boolean.TRUE.equals(applied);
    }

    private void mark(String eventId, Instant processedAt) {
        jdbc.update("insert into processed_event (processor, event_id, processed_at) values (?, ?, ?)",
                PROCESSOR, eventId, Timestamp.from(processedAt));
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
