package io.orderflow.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencySummaryTest {

    @Test
    void reportsPercentilesInMilliseconds() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (int millis = 1; millis <= 1000; millis++) {
            recorder.recordNanos(millis * 1_000_000L);
        }

        LatencySummary summary = recorder.summary();

        assertThat(summary.count()).isEqualTo(1000);
        assertThat(summary.p50()).isCloseTo(500, within(1.0));
        assertThat(summary.p95()).isCloseTo(950, within(1.0));
        assertThat(summary.p99()).isCloseTo(990, within(1.0));
        assertThat(summary.max()).isCloseTo(1000, within(1.0));
        assertThat(summary.mean()).isCloseTo(500.5, within(1.0));
    }

    @Test
    void countsANegativeLatencyAsZeroAndAnEnormousOneAsAnHour() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.recordNanos(-5_000_000L);
        recorder.recordNanos(10L * 3_600_000_000_000L);

        LatencySummary summary = recorder.summary();

        assertThat(summary.count()).isEqualTo(2);
        assertThat(summary.p50()).isLessThan(0.01);
        assertThat(summary.max()).isCloseTo(3_600_000, within(3_600.0));
    }

    @Test
    void summarisesAnEmptyHistogramAsZeros() {
        assertThat(new LatencyRecorder().summary()).isEqualTo(new LatencySummary(0, 0, 0, 0, 0, 0, 0));
    }
}
