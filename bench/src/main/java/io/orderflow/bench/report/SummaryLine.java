package io.orderflow.bench.report;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The one-line summary the benchmark prints on standard output. */
public final class SummaryLine {

    private SummaryLine() {
    }

    /** Formats a result as one line, for example for a terminal or a CI log. */
    public static String of(BenchmarkResult result) {
        BenchmarkResult.Settings settings = result.settings();
        BenchmarkResult.Latency latency = result.latency();
        BenchmarkResult.Efficiency efficiency = result.efficiency();
        BenchmarkResult.Heap heap = result.heap();
        String load = "open".equals(settings.mode())
                ? String.format(Locale.ROOT, "open rate=%.1f/s", settings.offeredRatePerSecond())
                : "closed concurrency=" + settings.concurrency();
        String warmupRate = settings.warmupRatePerSecond() == null ? ""
                : String.format(Locale.ROOT, " at %.1f/s", settings.warmupRatePerSecond());
        return String.format(Locale.ROOT,
                "orderflow-bench %s %.0fs (+%.0fs warm-up%s) observe=%s | sagas/s=%.1f completed/s=%.1f"
                        + " | e2e ms p50=%.1f p95=%.1f p99=%.1f max=%.1f (from intended p99=%.1f max=%.1f)"
                        + " | outcomes %s | errors=%d | backlog %s slope=%+.2f/s unfinished=%d drain=%.1fs"
                        + " | db-commits/saga=%s kafka-records/saga=%s cpu-s/1k-sagas=%s | heap MB %s->%s peak %s live %s->%s",
                load, settings.durationSeconds(), settings.warmupSeconds(), warmupRate, settings.observer(),
                result.throughput().sagasPerSecond(), result.throughput().completedPerSecond(),
                latency.endToEnd().p50(), latency.endToEnd().p95(), latency.endToEnd().p99(), latency.endToEnd().max(),
                latency.endToEndFromIntended().p99(), latency.endToEndFromIntended().max(),
                outcomes(result.outcomes()), result.errors().count(),
                result.backlog().trend().growing() ? "GROWING" : "stable", result.backlog().trend().slopePerSecond(),
                result.backlog().unfinished(), result.backlog().drainSeconds(),
                number(efficiency.dbCommitsPerSaga()), number(efficiency.kafkaRecordsPerSaga()),
                number(efficiency.appCpuSecondsPer1000Sagas()),
                megabytes(heap.usedBeforeBytes()), megabytes(heap.usedAfterBytes()), megabytes(heap.peakUsedBytes()),
                megabytes(heap.liveDataBeforeBytes()), megabytes(heap.liveDataAfterBytes()));
    }

    private static String outcomes(Map<String, Long> outcomes) {
        if (outcomes.isEmpty()) {
            return "none";
        }
        long total = outcomes.values().stream().mapToLong(Long::longValue).sum();
        return outcomes.entrySet().stream()
                .map(entry -> String.format(Locale.ROOT, "%s=%d(%.1f%%)", entry.getKey(), entry.getValue(),
                        100.0 * entry.getValue() / total))
                .collect(Collectors.joining(" "));
    }

    private static String number(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String megabytes(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f", bytes / (1024.0 * 1024.0));
    }
}
