package io.orderflow.app.messaging;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Back-pressure for the command bus pool: when the queue is full, the sending thread waits (up to a
 * timeout) for room in the queue instead of running the command itself.
 *
 * <p>Why not {@link ThreadPoolExecutor.CallerRunsPolicy}: the typical sender is a saga handler
 * inside its own unit of work and transaction. A command run on that thread would start a
 * <em>nested</em> unit of work and join the saga's transaction, so a failing command could roll
 * back the saga, which is exactly what the asynchronous bus is there to prevent. Waiting keeps the
 * command in its own thread, unit of work and transaction, and still slows the senders down.
 */
public final class BlockingHandOffPolicy implements RejectedExecutionHandler {

    private final Duration timeout;

    /**
     * @param timeout how long a sender waits for room in the queue before the command is refused
     */
    public BlockingHandOffPolicy(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public void rejectedExecution(Runnable task, ThreadPoolExecutor executor) {
        if (executor.isShutdown()) {
            throw new RejectedExecutionException("The command bus is shut down; command refused");
        }
        offer(executor.getQueue(), task, timeout);
        if (executor.isShutdown() && executor.remove(task)) {
            throw new RejectedExecutionException("The command bus shut down while the command waited; command refused");
        }
    }

    /**
     * Puts the element into the queue, waiting up to the timeout for room.
     *
     * @param queue   a command queue
     * @param element the command
     * @param timeout how long the sender waits for room
     * @param <E>     the queue's element type
     * @throws RejectedExecutionException when the queue stays full that long, or the sender is interrupted
     */
    static <E> void offer(BlockingQueue<E> queue, E element, Duration timeout) {
        boolean queued;
        try {
            queued = queue.offer(element, timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RejectedExecutionException("Interrupted while waiting for room in the command queue", e);
        }
        if (!queued) {
            throw new RejectedExecutionException(
                    "The command queue stayed full for " + timeout + "; command refused");
        }
    }
}
