package io.orderflow.bridge.publishing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * The broker acknowledgements a Kafka-writing event processor's batch still waits for: the one
 * mechanism behind {@link AckWait#BATCH} for the event publisher
 * ({@link BatchAcknowledgingKafkaPublisher}) and the order-change feed.
 *
 * <p>One instance lives in the root unit of work of a batch (see {@link #of}); records are handed to
 * the producer without waiting and their futures {@link #add added}. The handler calls
 * {@link #awaitAtEndOfBatch} after each event, which waits once the batch's last event was handled; the
 * unit of work's prepare-commit waits for whatever is still pending (any other kind of unit of work).
 * Either way this is before the batch's transaction commits, so a refused or late acknowledgement
 * throws, the batch rolls back and the processor's token does not move. Waiting before prepare-commit
 * matters where the processor stores its token in prepare-commit without a transaction (an in-memory
 * token store). Used by the processor's thread only.
 *
 * <p>Each handler keeps its acknowledgements under its own key. When two handlers share a processor (the
 * event publisher and the order-change feed, {@code orderflow.kafka.changes.processor=shared}), the
 * processor calls both for each event it batched, one after the other, and both see
 * {@link BatchingUnitOfWork#isLastMessage()} while the batch's last event is handled; each waits for its
 * own records then. That holds only for a handler the processor calls for the last event, which is why
 * both take every event (a processor batches an event when any of its handlers accepts it, and calls each
 * handler only for the events that handler accepts). The first failure throws, and the whole batch, with
 * the other handler's acknowledged records, rolls back and is sent again.
 */
public final class PendingAcknowledgements {

    /** Why an acknowledgement is missing. */
    public enum Outcome {
        /** The broker (or the producer) refused the record. */
        REFUSED,
        /** No acknowledgement within the timeout. */
        TIMED_OUT,
        /** The waiting thread was interrupted. */
        INTERRUPTED
    }

    /** Turns a missing acknowledgement into the caller's exception. */
    @FunctionalInterface
    public interface Failure {

        /**
         * @param outcome why the acknowledgement is missing
         * @param cause   the producer's error ({@link Outcome#REFUSED}) or the waiting's exception
         * @return the exception to throw
         */
        RuntimeException of(Outcome outcome, Throwable cause);
    }

    private final Duration timeout;
    private final List<Future<?>> acknowledgements = new ArrayList<>();
    private final List<Failure> failures = new ArrayList<>();

    private PendingAcknowledgements(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * The pending acknowledgements of the root of {@code unitOfWork} kept under {@code key}; created with
     * the first record, and then awaited in the root's prepare-commit.
     *
     * @param unitOfWork the current unit of work
     * @param key        the resource key of the caller (one per publisher instance)
     * @param timeout    how long to wait for all acknowledgements together
     * @return the pending acknowledgements of the batch
     */
    public static PendingAcknowledgements of(UnitOfWork<?> unitOfWork, String key, Duration timeout) {
        UnitOfWork<?> root = unitOfWork.root();
        return root.getOrComputeResource(key, absent -> {
            PendingAcknowledgements pending = new PendingAcknowledgements(timeout);
            root.onPrepareCommit(committing -> pending.awaitAll());
            return pending;
        });
    }

    /**
     * Waits for the pending acknowledgements under {@code key} when {@code unitOfWork} is handling the
     * last event of its batch; otherwise does nothing.
     *
     * @throws RuntimeException the {@link Failure} of the first missing acknowledgement
     */
    public static void awaitAtEndOfBatch(UnitOfWork<?> unitOfWork, String key) {
        if (unitOfWork instanceof BatchingUnitOfWork<?> batch && batch.isLastMessage()) {
            PendingAcknowledgements pending = unitOfWork.root().getResource(key);
            if (pending != null) {
                pending.awaitAll();
            }
        }
    }

    /**
     * Waits, at most {@code timeout}, for one acknowledgement.
     *
     * @throws RuntimeException the {@code failure} if it does not come
     */
    public static void await(Future<?> acknowledgement, Duration timeout, Failure failure) {
        await(acknowledgement, System.nanoTime() + timeout.toNanos(), failure);
    }

    /** A record was handed to the producer; {@code failure} describes it if its acknowledgement does not come. */
    public void add(Future<?> acknowledgement, Failure failure) {
        acknowledgements.add(Objects.requireNonNull(acknowledgement, "acknowledgement"));
        failures.add(Objects.requireNonNull(failure, "failure"));
    }

    /**
     * Waits for every pending acknowledgement, {@code timeout} for all together, and forgets them.
     *
     * @throws RuntimeException the {@link Failure} of the first missing acknowledgement
     */
    public void awaitAll() {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (int i = 0; i < acknowledgements.size(); i++) {
                await(acknowledgements.get(i), deadline, failures.get(i));
            }
        } finally {
            acknowledgements.clear();
            failures.clear();
        }
    }

    private static void await(Future<?> acknowledgement, long deadline, Failure failure) {
        try {
            acknowledgement.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure.of(Outcome.INTERRUPTED, e);
        } catch (ExecutionException e) {
            throw failure.of(Outcome.REFUSED, e.getCause());
        } catch (TimeoutException e) {
            throw failure.of(Outcome.TIMED_OUT, e);
        }
    }
}
