package io.orderflow.bench.probe;

import java.util.Objects;
import java.util.Optional;

/**
 * Reads the application's heap from its metrics: {@code jvm.memory.used} over the heap pools, and
 * {@code jvm.gc.live.data.size}, the old generation after the last major or concurrent collection,
 * which is the figure that shows a leak.
 */
public final class HeapProbe {

    private final ActuatorMetrics metrics;

    public HeapProbe(ActuatorMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** The heap now; fields are {@code -1} when the application does not report them. */
    public Reading read() {
        return new Reading(
                bytes(metrics.read("jvm.memory.used", "area:heap")),
                bytes(metrics.read("jvm.gc.live.data.size")));
    }

    private static long bytes(Optional<ActuatorMetrics.Metric> metric) {
        return metric.map(value -> (long) value.value()).orElse(-1L);
    }

    /**
     * One heap reading.
     *
     * @param usedBytes     heap in use, garbage included
     * @param liveDataBytes old generation after the last collection that examined it
     */
    public record Reading(long usedBytes, long liveDataBytes) {

        /** No reading. */
        public static Reading unknown() {
            return new Reading(-1, -1);
        }
    }
}
