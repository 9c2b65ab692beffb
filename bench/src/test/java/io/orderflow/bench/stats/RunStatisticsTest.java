package io.orderflow.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RunStatisticsTest {

    private static final long MS = 1_000_000L;
    // run starts at 0, warm-up 1 s, window 1 s..3 s
    private final MeasurementWindow window = MeasurementWindow.of(0, 1_000 * MS, 2_000 * MS);
    private final RunStatistics statistics = new RunStatistics(window);

    @Test
    void leavesWarmUpOrdersOutOfLatencyAndOutcomes() {
        statistics.accepted(500 * MS, 510 * MS);
        statistics.terminal(500 * MS, 510 * MS, 900 * MS, "COMPLETED", true);

        RunStatistics.Snapshot snapshot = statistics.snapshot();

        assertThat(snapshot.endToEnd().count()).isZero();
        assertThat(snapshot.outcomes()).isEmpty();
        assertThat(snapshot.sentMeasured()).isZero();
    }

    @Test
    void timesMeasuredOrdersFromAcceptAndFromIntendedSend() {
        statistics.accepted(1_000 * MS, 1_020 * MS);
        statistics.terminal(1_000 * MS, 1_020 * MS, 1_120 * MS, "COMPLETED", true);

        RunStatistics.Snapshot snapshot = statistics.snapshot();

        assertThat(snapshot.endToEnd().max()).isCloseTo(100, within(0.1));
        assertThat(snapshot.endToEndFromIntended().max()).isCloseTo(120, within(0.1));
        assertThat(snapshot.accept().max()).isCloseTo(20, within(0.1));
        assertThat(snapshot.outcomes()).containsExactly(Map.entry("COMPLETED", 1L));
    }

    @Test
    void countsThroughputByWhenTheSagaEndedNotWhenItWasSent() {
        // sent in the warm-up, ended in the window: counts for throughput, not for latency
        statistics.terminal(900 * MS, 910 * MS, 1_100 * MS, "COMPLETED", true);
        // sent in the window, ended after it: counts for latency, not for throughput
        statistics.terminal(2_900 * MS, 2_910 * MS, 3_200 * MS, "CANCELLED:PAYMENT_DECLINED", false);
        statistics.terminal(1_500 * MS, 1_510 * MS, 1_600 * MS, "CANCELLED:PAYMENT_DECLINED", false);

        RunStatistics.Snapshot snapshot = statistics.snapshot();

        assertThat(snapshot.terminalInWindow()).isEqualTo(2);
        assertThat(snapshot.completedInWindow()).isEqualTo(1);
        assertThat(snapshot.endToEnd().count()).isEqualTo(2);
        assertThat(snapshot.outcomes()).containsExactly(Map.entry("CANCELLED:PAYMENT_DECLINED", 2L));
    }

    @Test
    void countsErrorsByKindInTheWindowAndSeparatelyDuringWarmUp() {
        statistics.failed(100 * MS, "HTTP 503");
        statistics.failed(1_100 * MS, "HTTP 503");
        statistics.failed(1_200 * MS, "HTTP 503");
        statistics.failed(1_300 * MS, "DROPPED");

        RunStatistics.Snapshot snapshot = statistics.snapshot();

        assertThat(snapshot.errors()).containsExactly(Map.entry("DROPPED", 1L), Map.entry("HTTP 503", 2L));
        assertThat(snapshot.errorCount()).isEqualTo(3);
        assertThat(snapshot.errorsOutsideWindow()).isEqualTo(1);
        assertThat(snapshot.sentMeasured()).isEqualTo(3);
    }

    @Test
    void countsMeasuredOrdersThatNeverEndedAsUnfinished() {
        statistics.unfinished(1_500 * MS);
        statistics.unfinished(500 * MS);

        assertThat(statistics.snapshot().outcomes()).containsExactly(Map.entry(RunStatistics.UNFINISHED, 1L));
    }

    @Test
    void countsATerminalStateSeenBeforeTheAcceptAsZeroLatency() {
        statistics.terminal(1_000 * MS, 1_050 * MS, 1_040 * MS, "COMPLETED", true);

        RunStatistics.Snapshot snapshot = statistics.snapshot();

        assertThat(snapshot.terminalBeforeAccept()).isEqualTo(1);
        assertThat(snapshot.endToEnd().max()).isLessThan(0.01);
        assertThat(snapshot.endToEndFromIntended().max()).isCloseTo(40, within(0.1));
    }
}
