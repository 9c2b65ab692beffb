package io.orderflow.bench.report;

import io.orderflow.bench.stats.BacklogTrend;
import io.orderflow.bench.stats.LatencySummary;
import java.util.Map;
import java.util.TreeMap;

/** Results with known figures, for the report tests. */
final class SampleResults {

    private SampleResults() {
    }

    static BenchmarkResult openLoop(String label) {
        Map<String, Long> outcomes = new TreeMap<>(Map.of("COMPLETED", 5400L, "CANCELLED:PAYMENT_DECLINED", 600L));
        return new BenchmarkResult(
                "bench-1234abcd",
                label,
                "2025-01-01T10:00:00Z",
                "2025-01-01T10:01:20Z",
                new BenchmarkResult.Settings("open", 100.0, null, null, 15, 60, "kafka", "http://127.0.0.1:8080", 42, 50,
                        "UNIFORM", "1:0.5000,2:0.5000", 3, 0, 0.1, Map.of()),
                new BenchmarkResult.Throughput(60, 6000, 100.0, 90.0, 100.0),
                new BenchmarkResult.Latency(
                        new LatencySummary(6000, 40.5, 80.25, 120.125, 200, 310.5, 45),
                        new LatencySummary(6000, 45, 90, 130, 210, 320, 50),
                        new LatencySummary(6000, 5, 9, 12, 20, 30, 6), 0),
                outcomes,
                new BenchmarkResult.Errors(2, Map.of("HTTP 503", 2L), 0),
                new BenchmarkResult.Backlog(new BacklogTrend(60, 0.05, 4, 5, 12, 4.6, 1.0, false), 6002, 6000, 0, 0.4,
                        true),
                new BenchmarkResult.Efficiency(66000L, 12L, 11.0, 0.002, 84000L, 14.0, 150.0, 25.0,
                        "actuator:process.cpu.time"),
                new BenchmarkResult.Heap(200L << 20, 260L << 20, 700L << 20, 90L << 20, 95L << 20, true),
                new BenchmarkResult.Generator(12.5, "kafka", 84000, 0));
    }

    static BenchmarkResult withoutProbes() {
        BenchmarkResult full = openLoop("no probes");
        return new BenchmarkResult(full.runId(), full.label(), full.startedAt(), full.finishedAt(), full.settings(),
                full.throughput(), full.latency(), full.outcomes(), full.errors(), full.backlog(),
                new BenchmarkResult.Efficiency(null, null, null, null, null, null, null, null, "none"),
                new BenchmarkResult.Heap(-1, -1, -1, -1, -1, false), full.generator());
    }
}
