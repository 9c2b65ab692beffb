package io.orderflow.projections.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes processed-event marks older than {@code orderflow.projections.processed-events.retention}
 * (default 37 days), so that the ledger stops growing with every event ever applied: every
 * {@code cleanup.interval} (1 h), one chunk of {@code cleanup.chunk-size} (10,000) marks per transaction
 * until none older is left. Runs on its own single daemon thread (the application does not enable
 * Spring's {@code @Scheduled}); several instances may run it at once, deleting is idempotent.
 *
 * <p><b>Why a mark older than the retention is no longer needed.</b> A mark only matters when the same
 * event is delivered again. The ways that happens, and how old the event can be then:
 * <ul>
 *   <li>Kafka feed, crash or rebalance: offsets are committed after each poll's database transaction,
 *       so only the records of the last poll are delivered again, seconds later.</li>
 *   <li>Kafka feed, dead-letter replay ({@code DeadLetterReplay}): the replayed record carries the
 *       original event id and reaches <em>every</em> consumer group, also the one that applied the event
 *       when it was first published and skips it by its mark. A dead letter can be replayed as long as its
 *       topic keeps it: {@code kafka-feed.dead-letters.retention} (30 days) plus, on a quiet topic, up to
 *       one segment roll ({@code segment.ms}, 7 days by default). Hence the default of 37 days; keep the
 *       retention above the dead-letter retention when changing either.</li>
 *   <li>Kafka feed, rewind: nothing in the application rewinds a consumer group. A manual offset reset,
 *       or committed offsets that expired while every instance was down, re-read what the event topic
 *       still holds: {@code orderflow.kafka.topics.events-retention} (7 days) plus a segment roll.</li>
 *   <li>Axon feed: a processor re-delivers events only after a token reset, and its reset handler
 *       empties the read model and forgets its marks first ({@link ProcessedEvents#forget}).</li>
 * </ul>
 * Even a redelivery beyond the retention is not applied twice: the order view refuses a second history
 * row for the same event id (unique key), so the record fails and goes to the dead-letter topic, and
 * the stock view keeps its levels because the event's aggregate sequence is not newer than the one
 * shown. The retention decides whether such a redelivery is skipped quietly or shows up as a dead
 * letter.
 *
 * <p>Needs the index on {@code processed_at} (migration V303), otherwise each chunk scans the ledger.
 * {@code cleanup.enabled=false} keeps every mark, as before this class existed.
 */
public class ProcessedEventsCleanup implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessedEventsCleanup.class);

    private final ProcessedEvents processedEvents;
    private final TransactionTemplate transaction;
    private final ProcessedEventsProperties properties;
    private final Clock clock;
    private ScheduledExecutorService executor;

    /**
     * @param processedEvents    the ledger
     * @param transactionManager each chunk is deleted in a transaction of its own
     * @param properties         retention and schedule
     * @param clock              the clock the ledger's marks are stamped with
     */
    public ProcessedEventsCleanup(ProcessedEvents processedEvents, PlatformTransactionManager transactionManager,
            ProcessedEventsProperties properties, Clock clock) {
        this.processedEvents = Objects.requireNonNull(processedEvents, "processedEvents");
        this.transaction = new TransactionTemplate(Objects.requireNonNull(transactionManager, "transactionManager"));
        this.properties = Objects.requireNonNull(properties, "properties");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Deletes every mark older than the retention, one chunk per transaction.
     *
     * @return how many marks were deleted
     */
    public long purge() {
        Instant cutoff = clock.instant().minus(properties.retention());
        int chunkSize = properties.cleanup().chunkSize();
        long total = 0;
        int deleted;
        do {
            deleted = Objects.requireNonNull(
                    transaction.execute(status -> processedEvents.forgetOlderThan(cutoff, chunkSize)));
            total += deleted;
        } while (deleted >= chunkSize && !Thread.currentThread().isInterrupted());
        if (total > 0) {
            LOG.info("Processed-event ledger: {} marks older than {} ({} retention) deleted", total, cutoff,
                    properties.retention());
        }
        return total;
    }

    private void purgeAndCarryOn() {
        try {
            purge();
        } catch (RuntimeException e) {
            // the next run tries again; a failure must not end the schedule
            LOG.warn("Processed-event ledger clean-up failed; next attempt in {}", properties.cleanup().interval(), e);
        }
    }

    @Override
    public synchronized void start() {
        if (executor != null || !properties.cleanup().enabled()) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "orderflow-processed-event-cleanup");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::purgeAndCarryOn, properties.cleanup().initialDelay().toMillis(),
                properties.cleanup().interval().toMillis(), TimeUnit.MILLISECONDS);
        LOG.debug("Processed-event ledger clean-up every {} (retention {})", properties.cleanup().interval(),
                properties.retention());
    }

    @Override
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Processed-event ledger clean-up did not stop within 10s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
