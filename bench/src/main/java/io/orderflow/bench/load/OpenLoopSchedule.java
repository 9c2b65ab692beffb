package io.orderflow.bench.load;

/**
 * The fixed-rate schedule of an open loop: send number {@code i} is due at
 * {@code start + i / rate}, computed from the index rather than by adding intervals, so the schedule
 * does not drift over a long run and a late sender catches up instead of shifting every later send.
 * Times are {@link System#nanoTime()} values.
 */
public final class OpenLoopSchedule {

    private static final double NANOS_PER_SECOND = 1_000_000_000.0;

    private final long startNanos;
    private final double ratePerSecond;

    /**
     * @param startNanos    when send number 0 is due
     * @param ratePerSecond sends per second, positive
     */
    public OpenLoopSchedule(long startNanos, double ratePerSecond) {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be a positive number: " + ratePerSecond);
        }
        this.startNanos = startNanos;
        this.ratePerSecond = ratePerSecond;
    }

    /** When send number {@code index} is due: its intended send time. */
    public long intendedNanos(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative: " + index);
        }
        return startNanos + (long) Math.ceil(index * NANOS_PER_SECOND / ratePerSecond);
    }

    /** How many sends are due at {@code nowNanos}: the number of indexes whose intended time is not after it. */
    public long dueCount(long nowNanos) {
        if (nowNanos - startNanos < 0) {
            return 0;
        }
        long estimate = (long) Math.floor((nowNanos - startNanos) * ratePerSecond / NANOS_PER_SECOND) + 1;
        // Floating-point rounding can put the estimate one off: settle it against intendedNanos itself.
        while (estimate > 0 && intendedNanos(estimate - 1) - nowNanos > 0) {
            estimate--;
        }
        while (intendedNanos(estimate) - nowNanos <= 0) {
            estimate++;
        }
        return estimate;
    }

    /** Sends per second. */
    public double ratePerSecond() {
        return ratePerSecond;
    }

    /** When send number 0 is due. */
    public long startNanos() {
        return startNanos;
    }
}
