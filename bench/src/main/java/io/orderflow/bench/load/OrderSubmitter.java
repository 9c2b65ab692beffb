package io.orderflow.bench.load;

import java.util.concurrent.CompletableFuture;

/** Where a driver sends its orders: places them and tells when each was accepted and ended. */
public interface OrderSubmitter {

    /**
     * Places order number {@code index}.
     *
     * @param index         the order's number in the run, starting at 0
     * @param intendedNanos when the driver meant to send it ({@link System#nanoTime()}); latency is
     *                      measured from here so that a late send is not hidden
     * @return completes when the HTTP exchange ends, never exceptionally
     */
    CompletableFuture<Submission> submit(long index, long intendedNanos);

    /**
     * Order number {@code index} was due but not sent because too many requests were outstanding:
     * the generator, not the application, is the limit, and the run reports it as an error.
     */
    void dropped(long index, long intendedNanos);

    /**
     * The result of one placement.
     *
     * @param accepted whether the application answered 202
     * @param terminal completes when the order's terminal state is observed; already complete when not accepted
     */
    record Submission(boolean accepted, CompletableFuture<Void> terminal) {

        /** A placement that was refused or failed. */
        public static Submission failed() {
            return new Submission(false, CompletableFuture.completedFuture(null));
        }
    }
}
