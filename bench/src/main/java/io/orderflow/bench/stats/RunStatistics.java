package io.orderflow.bench.stats;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Everything the run counts, thread-safe. An order belongs to the measured figures when its
 * intended send time lies in the {@link MeasurementWindow}; throughput counts terminal states
 * observed inside the window, whichever phase their order was sent in.
 */
public final class RunStatistics {

    /** Outcome label of a measured order whose terminal state was not observed by the end of the drain. */
    public static final String UNFINISHED = "UNFINISHED";

    private final MeasurementWindow window;
    private final LatencyRecorder endToEnd = new LatencyRecorder();
    private final LatencyRecorder endToEndFromIntended = new LatencyRecorder();
    private final LatencyRecorder accept = new LatencyRecorder();
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final LongAdder sentMeasured = new LongAdder();
    private final LongAdder acceptedMeasured = new LongAdder();
    private final LongAdder errorsOutsideWindow = new LongAdder();
    private final LongAdder terminalInWindow = new LongAdder();
    private final LongAdder completedInWindow = new LongAdder();
    private final LongAdder acceptedInWindow = new LongAdder();
    private final LongAdder terminalBeforeAccept = new LongAdder();

    public RunStatistics(MeasurementWindow window) {
        this.window = Objects.requireNonNull(window, "window");
    }

    /** The window these statistics measure. */
    public MeasurementWindow window() {
        return window;
    }

    /** An order was answered with 202. */
    public void accepted(long intendedNanos, long acceptedNanos) {
        if (window.contains(intendedNanos)) {
            sentMeasured.increment();
            acceptedMeasured.increment();
            accept.recordNanos(acceptedNanos - intendedNanos);
        }
        if (window.contains(acceptedNanos)) {
            acceptedInWindow.increment();
        }
    }

    /**
     * An order was not accepted.
     *
     * @param kind what went wrong, for example {@code HTTP 503} or {@code HttpTimeoutException}
     */
    public void failed(long intendedNanos, String kind) {
        if (window.contains(intendedNanos)) {
            sentMeasured.increment();
            errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
        } else {
            errorsOutsideWindow.increment();
        }
    }

    /**
     * An accepted order's terminal state was observed.
     *
     * @param outcome   label of the outcome, for example {@code COMPLETED} or {@code CANCELLED:PAYMENT_DECLINED}
     * @param completed whether the order completed (rather than being rejected or cancelled)
     */
    public void terminal(long intendedNanos, long acceptedNanos, long observedNanos, String outcome, boolean completed) {
        if (observedNanos - acceptedNanos < 0) {
            terminalBeforeAccept.increment();
        }
        if (window.contains(intendedNanos)) {
            endToEnd.recordNanos(observedNanos - acceptedNanos);
            endToEndFromIntended.recordNanos(observedNanos - intendedNanos);
            outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
        }
        if (window.contains(observedNanos)) {
            terminalInWindow.increment();
            if (completed) {
                completedInWindow.increment();
            }
        }
    }

    /** An accepted order's terminal state was never observed. */
    public void unfinished(long intendedNanos) {
        if (window.contains(intendedNanos)) {
            outcomes.computeIfAbsent(UNFINISHED, k -> new LongAdder()).increment();
        }
    }

    /** Sagas that ended (any terminal state) inside the window. */
    public long terminalInWindow() {
        return terminalInWindow.sum();
    }

    /** A consistent-enough copy of the counters for reporting. */
    public Snapshot snapshot() {
        return new Snapshot(
                sentMeasured.sum(),
                acceptedMeasured.sum(),
                acceptedInWindow.sum(),
                terminalInWindow.sum(),
                completedInWindow.sum(),
                terminalBeforeAccept.sum(),
                errorsOutsideWindow.sum(),
                sorted(outcomes),
                sorted(errors),
                endToEnd.summary(),
                endToEndFromIntended.summary(),
                accept.summary());
    }

    /** The end-to-end histogram (accept to terminal), for a percentile dump. */
    public LatencyRecorder endToEndRecorder() {
        return endToEnd;
    }

    /** The end-to-end histogram from the intended send time, for a percentile dump. */
    public LatencyRecorder endToEndFromIntendedRecorder() {
        return endToEndFromIntended;
    }

    private static Map<String, Long> sorted(Map<String, LongAdder> counters) {
        Map<String, Long> copy = new TreeMap<>();
        counters.forEach((key, value) -> copy.put(key, value.sum()));
        return copy;
    }

    /**
     * The counters at one moment.
     *
     * @param sentMeasured         orders whose intended send time lies in the window
     * @param acceptedMeasured     of those, the ones answered with 202
     * @param acceptedInWindow     202 answers received inside the window
     * @param terminalInWindow     terminal states observed inside the window
     * @param completedInWindow    of those, {@code COMPLETED}
     * @param terminalBeforeAccept terminal states observed before their 202 arrived (counted, latency zero)
     * @param errorsOutsideWindow  failed placements during warm-up
     * @param outcomes             measured orders by outcome
     * @param errors               measured placements that failed, by kind
     * @param endToEnd             accept to terminal state observed
     * @param endToEndFromIntended intended send time to terminal state observed
     * @param accept               intended send time to 202
     */
    public record Snapshot(
            long sentMeasured,
            long acceptedMeasured,
            long acceptedInWindow,
            long terminalInWindow,
            long completedInWindow,
            long terminalBeforeAccept,
            long errorsOutsideWindow,
            Map<String, Long> outcomes,
            Map<String, Long> errors,
            LatencySummary endToEnd,
            LatencySummary endToEndFromIntended,
            LatencySummary accept) {

        /** Failed placements in the window. */
        public long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
