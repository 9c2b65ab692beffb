package io.orderflow.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SummaryLineTest {

    @Test
    void statesTheHeadlineFiguresOnOneLine() {
        String line = SummaryLine.of(SampleResults.openLoop("x"));

        assertThat(line).doesNotContain("\n");
        assertThat(line).startsWith("orderflow-bench open rate=100.0/s 60s (+15s warm-up) observe=kafka");
        assertThat(line).contains("sagas/s=100.0", "completed/s=90.0");
        assertThat(line).contains("p50=40.5", "p95=80.3", "p99=120.1", "max=310.5", "from intended p99=130.0");
        assertThat(line).contains("CANCELLED:PAYMENT_DECLINED=600(10.0%)", "COMPLETED=5400(90.0%)");
        assertThat(line).contains("errors=2", "backlog stable slope=+0.05/s", "unfinished=0");
        assertThat(line).contains("db-commits/saga=11.00", "kafka-records/saga=14.00", "cpu-s/1k-sagas=25.00");
        assertThat(line).contains("heap MB 200->260 peak 700 live 90->95");
    }

    @Test
    void namesTheWarmUpRateWhenItDiffers() {
        BenchmarkResult result = SampleResults.openLoop("x");
        BenchmarkResult.Settings open = result.settings();
        BenchmarkResult.Settings warmedUpSlowly = new BenchmarkResult.Settings(open.mode(), open.offeredRatePerSecond(),
                60.0, open.concurrency(), open.warmupSeconds(), open.durationSeconds(), open.observer(), open.baseUrl(),
                open.seed(), open.skuCount(), open.skuDistribution(), open.lineCounts(), open.maxQuantity(),
                open.soldOutShare(), open.paymentDeclineRate(), open.simulationOverrides());

        String line = SummaryLine.of(new BenchmarkResult(result.runId(), result.label(), result.startedAt(),
                result.finishedAt(), warmedUpSlowly, result.throughput(), result.latency(), result.outcomes(),
                result.errors(), result.backlog(), result.efficiency(), result.heap(), result.generator()));

        assertThat(line).startsWith("orderflow-bench open rate=100.0/s 60s (+15s warm-up at 60.0/s) observe=kafka");
    }

    @Test
    void saysWhatWasNotMeasured() {
        String line = SummaryLine.of(SampleResults.withoutProbes());

        assertThat(line).contains("db-commits/saga=n/a", "heap MB n/a->n/a");
    }
}
