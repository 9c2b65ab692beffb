package io.orderflow.bench.stats;

/**
 * The measured part of a run, in {@link System#nanoTime()} values: everything before
 * {@code startNanos} is warm-up and excluded from the figures.
 *
 * @param runStartNanos when the first order of the run (warm-up included) was due
 * @param startNanos    start of the measured window, the end of the warm-up
 * @param endNanos      end of the measured window; no order is sent from here on
 */
public record MeasurementWindow(long runStartNanos, long startNanos, long endNanos) {

    public MeasurementWindow {
        if (startNanos - runStartNanos < 0 || endNanos - startNanos <= 0) {
            throw new IllegalArgumentException("expected runStart <= start < end");
        }
    }

    /** A window that starts {@code warmupNanos} after {@code runStartNanos} and lasts {@code durationNanos}. */
    public static MeasurementWindow of(long runStartNanos, long warmupNanos, long durationNanos) {
        return new MeasurementWindow(runStartNanos, runStartNanos + warmupNanos, runStartNanos + warmupNanos + durationNanos);
    }

    /** Whether an instant lies in the window (start inclusive, end exclusive). */
    public boolean contains(long nanos) {
        return nanos - startNanos >= 0 && nanos - endNanos < 0;
    }

    /** The window's length in seconds. */
    public double seconds() {
        return (endNanos - startNanos) / 1e9;
    }

    /** Seconds from the start of the run to {@code nanos}. */
    public double secondsSinceRunStart(long nanos) {
        return (nanos - runStartNanos) / 1e9;
    }
}
