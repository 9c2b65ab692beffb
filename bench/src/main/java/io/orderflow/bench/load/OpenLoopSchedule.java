package io.orderflow.bench.load;

/**
 * The fixed-rate schedule of an open loop: send number {@code i} is due at
 * {@code start + i / rate}, computed from the index rather than by adding intervals, so the schedule
 * does not drift over a long run and a late sender catches up instead of shifting every later send.
 * Times are {@link System#nanoTime()} values.
 *
 * <p>Optionally the warm-up has a rate of its own: sends are due at {@code start + i / warmupRate} until
 * {@code start + warmup}, then at the main rate from that instant on.
 */
public final class OpenLoopSchedule {

    private static final double NANOS_PER_SECOND = 1_000_000_000.0;

    private final long startNanos;
    private final double warmupRatePerSecond;
    private final long warmupNanos;
    /** How many sends fall in the warm-up: the indexes {@code i} with {@code i / warmupRate < warmup}. */
    private final long warmupSends;
    private final double ratePerSecond;

    /**
     * @param startNanos    when send number 0 is due
     * @param ratePerSecond sends per second, positive
     */
    public OpenLoopSchedule(long startNanos, double ratePerSecond) {
        this(startNanos, ratePerSecond, 0, ratePerSecond);
    }

    /**
     * @param startNanos          when send number 0 is due
     * @param warmupRatePerSecond sends per second during the warm-up, positive
     * @param warmupNanos         how long the warm-up lasts, not negative
     * @param ratePerSecond       sends per second after it, positive
     */
    public OpenLoopSchedule(long startNanos, double warmupRatePerSecond, long warmupNanos, double ratePerSecond) {
        requirePositive(warmupRatePerSecond);
        requirePositive(ratePerSecond);
        if (warmupNanos < 0) {
            throw new IllegalArgumentException("warm-up must not be negative: " + warmupNanos);
        }
        this.startNanos = startNanos;
        this.warmupRatePerSecond = warmupRatePerSecond;
        this.warmupNanos = warmupNanos;
        this.warmupSends = (long) Math.ceil(warmupNanos * warmupRatePerSecond / NANOS_PER_SECOND);
        this.ratePerSecond = ratePerSecond;
    }

    private static void requirePositive(double rate) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate must be a positive number: " + rate);
        }
    }

    /** When send number {@code index} is due: its intended send time. */
    public long intendedNanos(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative: " + index);
        }
        if (index < warmupSends) {
            return startNanos + (long) Math.ceil(index * NANOS_PER_SECOND / warmupRatePerSecond);
        }
        return startNanos + warmupNanos + (long) Math.ceil((index - warmupSends) * NANOS_PER_SECOND / ratePerSecond);
    }

    /** How many sends are due at {@code nowNanos}: the number of indexes whose intended time is not after it. */
    public long dueCount(long nowNanos) {
        if (nowNanos - startNanos < 0) {
            return 0;
        }
        long elapsed = nowNanos - startNanos;
        long estimate = elapsed < warmupNanos
                ? (long) Math.floor(elapsed * warmupRatePerSecond / NANOS_PER_SECOND) + 1
                : warmupSends + (long) Math.floor((elapsed - warmupNanos) * ratePerSecond / NANOS_PER_SECOND) + 1;
        // Floating-point rounding can put the estimate one off: settle it against intendedNanos itself.
        while (estimate > 0 && intendedNanos(estimate - 1) - nowNanos > 0) {
            estimate--;
        }
        while (intendedNanos(estimate) - nowNanos <= 0) {
            estimate++;
        }
        return estimate;
    }

    /** Sends per second after the warm-up. */
    public double ratePerSecond() {
        return ratePerSecond;
    }

    /** Sends per second during the warm-up. */
    public double warmupRatePerSecond() {
        return warmupRatePerSecond;
    }

    /** When send number 0 is due. */
    public long startNanos() {
        return startNanos;
    }
}
