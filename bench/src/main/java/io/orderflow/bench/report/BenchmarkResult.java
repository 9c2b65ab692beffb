package io.orderflow.bench.report;

import io.orderflow.bench.stats.BacklogTrend;
import io.orderflow.bench.stats.LatencySummary;
import java.util.Map;

/**
 * Everything one run measured; written as JSON as it stands, and flattened into one CSV row.
 * Figures are over the measured window unless a field says otherwise. A {@code null} figure could
 * not be measured (for example no database URL given).
 *
 * @param runId      unique id of the run, also the prefix of its idempotency keys
 * @param label      free text describing the set-up, for comparisons
 * @param startedAt  ISO-8601 wall-clock start of the run (warm-up included)
 * @param finishedAt ISO-8601 wall-clock end of the drain
 * @param settings   what was offered
 * @param throughput sagas ended per second
 * @param latency    end-to-end and accept latency of the measured orders
 * @param outcomes   measured orders by outcome, for example {@code CANCELLED:PAYMENT_DECLINED}
 * @param errors     placements that failed
 * @param backlog    whether the application kept up
 * @param efficiency cost per saga
 * @param heap       the application's heap
 * @param generator  the generator's own cost and observation source
 */
public record BenchmarkResult(
        String runId,
        String label,
        String startedAt,
        String finishedAt,
        Settings settings,
        Throughput throughput,
        Latency latency,
        Map<String, Long> outcomes,
        Errors errors,
        Backlog backlog,
        Efficiency efficiency,
        Heap heap,
        Generator generator) {

    /**
     * What the run offered.
     *
     * @param mode                 {@code open} (fixed rate) or {@code closed} (fixed concurrency)
     * @param offeredRatePerSecond orders per second offered in open mode, {@code null} in closed mode
     * @param warmupRatePerSecond  orders per second offered during the warm-up when it differs, else {@code null}
     * @param concurrency          orders in flight in closed mode, {@code null} in open mode
     * @param warmupSeconds        excluded from the figures
     * @param durationSeconds      length of the measured window
     * @param observer             how terminal states were observed: {@code kafka} or {@code api}
     * @param baseUrl              the application
     * @param seed                 seed of the order mix
     * @param skuCount             distinct in-stock SKUs
     * @param skuDistribution      {@code UNIFORM} or {@code ZIPF}
     * @param lineCounts           lines-per-order distribution
     * @param maxQuantity          largest quantity of a line
     * @param soldOutShare         fraction of orders meant to be rejected for lack of stock
     * @param paymentDeclineRate   the decline rate set on the payment simulator, {@code null} if left alone
     * @param simulationOverrides  other fault-injection settings changed for the run
     */
    public record Settings(
            String mode,
            Double offeredRatePerSecond,
            Double warmupRatePerSecond,
            Integer concurrency,
            double warmupSeconds,
            double durationSeconds,
            String observer,
            String baseUrl,
            long seed,
            int skuCount,
            String skuDistribution,
            String lineCounts,
            int maxQuantity,
            double soldOutShare,
            Double paymentDeclineRate,
            Map<String, String> simulationOverrides) {
    }

    /**
     * Throughput over the measured window.
     *
     * @param windowSeconds      length of the window
     * @param sagasEnded         terminal states observed in the window (any outcome)
     * @param sagasPerSecond     {@code sagasEnded / windowSeconds}: the sustained saga rate
     * @param completedPerSecond of those, {@code COMPLETED} per second
     * @param acceptedPerSecond  202 answers per second in the window
     */
    public record Throughput(
            double windowSeconds, long sagasEnded, double sagasPerSecond, double completedPerSecond,
            double acceptedPerSecond) {
    }

    /**
     * Latency of the orders sent in the window, in milliseconds.
     *
     * @param endToEnd             from the 202 arriving to the terminal state being observed
     * @param endToEndFromIntended from the intended send time to the terminal state being observed
     *                             (includes the accept and any delay of the generator: no coordinated omission)
     * @param accept               from the intended send time to the 202
     * @param observedBeforeAccept terminal states observed before their 202 had been processed (recorded as
     *                             zero from the accept; they are rare and show the observation is not late)
     */
    public record Latency(
            LatencySummary endToEnd, LatencySummary endToEndFromIntended, LatencySummary accept,
            long observedBeforeAccept) {
    }

    /**
     * Failed placements.
     *
     * @param count        placements in the window that were not accepted
     * @param byKind       by kind: {@code HTTP 503}, an exception name, or {@code DROPPED} (the generator's
     *                     outstanding-request limit, meaning the generator, not the application, was the limit)
     * @param duringWarmup failed placements during the warm-up, not in {@code count}
     */
    public record Errors(long count, Map<String, Long> byKind, long duringWarmup) {
    }

    /**
     * Whether the application kept up.
     *
     * @param trend              the in-flight count over the window, sampled every second, and its fitted slope
     * @param sentMeasured       orders due in the window
     * @param acceptedMeasured   of those, accepted
     * @param unfinished         accepted measured orders whose terminal state was not observed by the end of the drain
     * @param drainSeconds       time from the end of the window until every accepted order had ended (or the drain timed out)
     * @param drained            whether every accepted order ended within the drain timeout
     */
    public record Backlog(
            BacklogTrend trend, long sentMeasured, long acceptedMeasured, long unfinished,
            double drainSeconds, boolean drained) {
    }

    /**
     * Cost per saga over the window; per-saga figures divide by {@link Throughput#sagasEnded()}.
     *
     * @param dbCommits                 delta of {@code pg_stat_database.xact_commit} of the application's database
     * @param dbRollbacks               delta of {@code xact_rollback}
     * @param dbCommitsPerSaga          commits per saga ended
     * @param dbRollbacksPerSaga        rollbacks per saga ended
     * @param kafkaRecords              records appended to the event topic (delta of the summed end offsets)
     * @param kafkaRecordsPerSaga       records per saga ended
     * @param appCpuSeconds             CPU seconds the application used
     * @param appCpuSecondsPer1000Sagas CPU seconds per 1,000 sagas ended
     * @param cpuSource                 where the CPU time was read
     */
    public record Efficiency(
            Long dbCommits,
            Long dbRollbacks,
            Double dbCommitsPerSaga,
            Double dbRollbacksPerSaga,
            Long kafkaRecords,
            Double kafkaRecordsPerSaga,
            Double appCpuSeconds,
            Double appCpuSecondsPer1000Sagas,
            String cpuSource) {
    }

    /**
     * The application's heap, in bytes; {@code -1} when not reported.
     *
     * @param usedBeforeBytes     heap used at the start of the window
     * @param usedAfterBytes      heap used after the drain
     * @param peakUsedBytes       largest heap use sampled during the run
     * @param liveDataBeforeBytes old generation after the last collection, at the start of the window
     * @param liveDataAfterBytes  the same after the drain: growth here, not in {@code used}, suggests a leak
     * @param appHealthyAfter     whether {@code /actuator/health} answered {@code UP} after the drain
     */
    public record Heap(
            long usedBeforeBytes, long usedAfterBytes, long peakUsedBytes, long liveDataBeforeBytes,
            long liveDataAfterBytes, boolean appHealthyAfter) {
    }

    /**
     * The generator itself.
     *
     * @param cpuSeconds       CPU seconds the generator's JVM used during the run
     * @param observer         how terminal states were observed
     * @param kafkaRecordsSeen records the Kafka observer read, terminal or not ({@code 0} with the API observer)
     * @param apiPolls         order reads of the API observer ({@code 0} with the Kafka observer)
     */
    public record Generator(double cpuSeconds, String observer, long kafkaRecordsSeen, long apiPolls) {
    }
}
