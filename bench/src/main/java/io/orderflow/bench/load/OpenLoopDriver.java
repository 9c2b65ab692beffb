package io.orderflow.bench.load;

import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;

/**
 * Offers orders at a fixed rate, whatever the application does: an open loop. Sends are issued
 * asynchronously from one pacing thread; a send that is due while the thread was held up (GC, a
 * slow submit) goes out at once and keeps its intended time, so latency figures include that delay
 * (no coordinated omission).
 */
public final class OpenLoopDriver {

    private final OpenLoopSchedule schedule;
    private final OrderSubmitter submitter;
    private final Semaphore outstanding;
    private volatile boolean stopped;

    /**
     * @param schedule       when each send is due
     * @param submitter      where orders go
     * @param maxOutstanding the most HTTP requests in flight at once; a due send beyond it is dropped
     *                       and reported, instead of queueing in the generator
     */
    public OpenLoopDriver(OpenLoopSchedule schedule, OrderSubmitter submitter, int maxOutstanding) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.submitter = Objects.requireNonNull(submitter, "submitter");
        if (maxOutstanding < 1) {
            throw new IllegalArgumentException("maxOutstanding must be at least 1: " + maxOutstanding);
        }
        this.outstanding = new Semaphore(maxOutstanding);
    }

    /**
     * Issues every send whose intended time is before {@code endNanos}, on the calling thread's pace.
     *
     * @return how many sends were due (issued or dropped)
     */
    public long run(long endNanos) {
        long lastIndex = schedule.dueCount(endNanos - 1);
        long next = 0;
        while (!stopped && next < lastIndex) {
            long due = Math.min(schedule.dueCount(System.nanoTime()), lastIndex);
            for (; next < due && !stopped; next++) {
                issue(next, schedule.intendedNanos(next));
            }
            if (next < lastIndex) {
                long wait = schedule.intendedNanos(next) - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(this, wait);
                }
            }
        }
        return next;
    }

    /** Stops issuing sends; {@link #run(long)} returns soon after. */
    public void stop() {
        stopped = true;
    }

    private void issue(long index, long intendedNanos) {
        if (!outstanding.tryAcquire()) {
            submitter.dropped(index, intendedNanos);
            return;
        }
        try {
            submitter.submit(index, intendedNanos).whenComplete((submission, failure) -> outstanding.release());
        } catch (RuntimeException e) {
            outstanding.release();
            throw e;
        }
    }
}
