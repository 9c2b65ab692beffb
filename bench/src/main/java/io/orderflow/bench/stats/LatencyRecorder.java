package io.orderflow.bench.stats;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * A thread-safe HdrHistogram of latencies, stored in microseconds with three significant digits,
 * from 1 µs to one hour; larger values are clamped to one hour and counted as such.
 */
public final class LatencyRecorder {

    private static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

    private final Histogram histogram = new SynchronizedHistogram(1, HIGHEST_MICROS, 3);

    /** Records one latency; negative values (clock skew between two observations) count as zero. */
    public void recordNanos(long nanos) {
        long micros = Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos));
        histogram.recordValue(Math.min(Math.max(micros, 1), HIGHEST_MICROS));
    }

    /** The percentiles recorded so far. */
    public LatencySummary summary() {
        return LatencySummary.ofMicros(histogram.copy());
    }

    /** Writes HdrHistogram's percentile distribution, in milliseconds, for plotting. */
    public void printPercentiles(PrintStream out) {
        histogram.copy().outputPercentileDistribution(out, 1000.0);
    }
}
