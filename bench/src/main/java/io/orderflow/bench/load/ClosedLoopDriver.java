package io.orderflow.bench.load;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps a fixed number of orders in flight: a closed loop. Each of {@code concurrency} slots places
 * an order, waits until its terminal state is observed (or {@code orderTimeout} passes) and places
 * the next. Throughput is then what the application sustains at that concurrency, and latency
 * cannot show queueing beyond it.
 */
public final class ClosedLoopDriver {

    private static final Duration BACK_OFF_AFTER_FAILURE = Duration.ofMillis(100);

    private final int concurrency;
    private final OrderSubmitter submitter;
    private final Duration orderTimeout;
    private final AtomicLong nextIndex = new AtomicLong();
    private volatile boolean stopped;

    /**
     * @param concurrency  orders in flight at once
     * @param submitter    where orders go
     * @param orderTimeout how long a slot waits for an order's terminal state before it moves on
     */
    public ClosedLoopDriver(int concurrency, OrderSubmitter submitter, Duration orderTimeout) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
        }
        this.concurrency = concurrency;
        this.submitter = Objects.requireNonNull(submitter, "submitter");
        this.orderTimeout = Objects.requireNonNull(orderTimeout, "orderTimeout");
    }

    /**
     * Runs the slots until {@code endNanos} ({@link System#nanoTime()}); orders still in flight then
     * are left to finish on their own.
     *
     * @return how many orders were submitted
     * @throws InterruptedException when the calling thread is interrupted while waiting
     */
    public long run(long endNanos) throws InterruptedException {
        CountDownLatch slotsDone = new CountDownLatch(concurrency);
        for (int slot = 0; slot < concurrency; slot++) {
            next(endNanos, slotsDone);
        }
        long remaining = endNanos - System.nanoTime();
        if (remaining > 0) {
            slotsDone.await(remaining, TimeUnit.NANOSECONDS);
        }
        stopped = true;
        return nextIndex.get();
    }

    /** Stops placing new orders. */
    public void stop() {
        stopped = true;
    }

    private void next(long endNanos, CountDownLatch slotsDone) {
        long now = System.nanoTime();
        if (stopped || now - endNanos >= 0) {
            slotsDone.countDown();
            return;
        }
        long index = nextIndex.getAndIncrement();
        submitter.submit(index, now).thenCompose(submission -> {
            if (!submission.accepted()) {
                Executor later = CompletableFuture.delayedExecutor(
                        BACK_OFF_AFTER_FAILURE.toNanos(), TimeUnit.NANOSECONDS);
                return CompletableFuture.runAsync(() -> { }, later);
            }
            return submission.terminal().copy()
                    .completeOnTimeout(null, orderTimeout.toNanos(), TimeUnit.NANOSECONDS);
        }).whenComplete((ignored, failure) -> next(endNanos, slotsDone));
    }
}
