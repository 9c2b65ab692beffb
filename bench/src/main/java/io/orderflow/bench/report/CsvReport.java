package io.orderflow.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Appends one row per run to a CSV file (RFC 4180), writing the header when the file is new, so
 * that runs with different set-ups can be compared in a spreadsheet. Refuses to append to a file
 * whose header differs, rather than mixing columns.
 */
public final class CsvReport {

    private static final Map<String, Function<BenchmarkResult, Object>> COLUMNS = columns();

    /** The header line. */
    public static String header() {
        return String.join(",", COLUMNS.keySet());
    }

    /** The row of one result, without line terminator. */
    public static String row(BenchmarkResult result) {
        return COLUMNS.values().stream()
                .map(column -> cell(column.apply(result)))
                .collect(Collectors.joining(","));
    }

    /**
     * Appends {@code result} to {@code file}.
     *
     * @throws IllegalStateException when the file exists with a different header
     */
    public void append(BenchmarkResult result, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        List<String> lines = new ArrayList<>();
        if (!Files.exists(file) || Files.size(file) == 0) {
            lines.add(header());
        } else {
            String existing;
            try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                existing = reader.readLine();
            }
            if (!header().equals(existing)) {
                throw new IllegalStateException(file + " has other columns than this version writes;"
                        + " use another --csv file. Expected header: " + header());
            }
        }
        lines.add(row(result));
        Files.write(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof Double number ? format(number) : value.toString();
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    private static String format(double number) {
        if (Double.isNaN(number) || Double.isInfinite(number)) {
            return "";
        }
        return String.format(Locale.ROOT, "%.3f", number);
    }

    private static String counts(Map<String, Long> counts) {
        return counts.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(";"));
    }

    private static Long megabytes(long bytes) {
        return bytes < 0 ? null : Math.round(bytes / (1024.0 * 1024.0));
    }

    private static Map<String, Function<BenchmarkResult, Object>> columns() {
        Map<String, Function<BenchmarkResult, Object>> columns = new LinkedHashMap<>();
        columns.put("started_at", BenchmarkResult::startedAt);
        columns.put("run_id", BenchmarkResult::runId);
        columns.put("label", BenchmarkResult::label);
        columns.put("mode", r -> r.settings().mode());
        columns.put("offered_rate", r -> r.settings().offeredRatePerSecond());
        columns.put("concurrency", r -> r.settings().concurrency());
        columns.put("warmup_s", r -> r.settings().warmupSeconds());
        columns.put("duration_s", r -> r.settings().durationSeconds());
        columns.put("observer", r -> r.settings().observer());
        columns.put("decline_rate", r -> r.settings().paymentDeclineRate());
        columns.put("sold_out_share", r -> r.settings().soldOutShare());
        columns.put("sku_count", r -> r.settings().skuCount());
        columns.put("sku_distribution", r -> r.settings().skuDistribution());
        columns.put("line_counts", r -> r.settings().lineCounts());
        columns.put("seed", r -> r.settings().seed());
        columns.put("sagas_per_s", r -> r.throughput().sagasPerSecond());
        columns.put("completed_per_s", r -> r.throughput().completedPerSecond());
        columns.put("accepted_per_s", r -> r.throughput().acceptedPerSecond());
        columns.put("e2e_count", r -> r.latency().endToEnd().count());
        columns.put("e2e_p50_ms", r -> r.latency().endToEnd().p50());
        columns.put("e2e_p95_ms", r -> r.latency().endToEnd().p95());
        columns.put("e2e_p99_ms", r -> r.latency().endToEnd().p99());
        columns.put("e2e_p999_ms", r -> r.latency().endToEnd().p999());
        columns.put("e2e_max_ms", r -> r.latency().endToEnd().max());
        columns.put("e2e_intended_p50_ms", r -> r.latency().endToEndFromIntended().p50());
        columns.put("e2e_intended_p99_ms", r -> r.latency().endToEndFromIntended().p99());
        columns.put("e2e_intended_max_ms", r -> r.latency().endToEndFromIntended().max());
        columns.put("accept_p50_ms", r -> r.latency().accept().p50());
        columns.put("accept_p99_ms", r -> r.latency().accept().p99());
        columns.put("outcomes", r -> counts(r.outcomes()));
        columns.put("errors", r -> r.errors().count());
        columns.put("errors_by_kind", r -> counts(r.errors().byKind()));
        columns.put("backlog_growing", r -> r.backlog().trend().growing());
        columns.put("backlog_slope_per_s", r -> r.backlog().trend().slopePerSecond());
        columns.put("in_flight_first", r -> r.backlog().trend().first());
        columns.put("in_flight_last", r -> r.backlog().trend().last());
        columns.put("in_flight_max", r -> r.backlog().trend().max());
        columns.put("unfinished", r -> r.backlog().unfinished());
        columns.put("drain_s", r -> r.backlog().drainSeconds());
        columns.put("db_commits_per_saga", r -> r.efficiency().dbCommitsPerSaga());
        columns.put("db_rollbacks_per_saga", r -> r.efficiency().dbRollbacksPerSaga());
        columns.put("kafka_records_per_saga", r -> r.efficiency().kafkaRecordsPerSaga());
        columns.put("app_cpu_s_per_1k_sagas", r -> r.efficiency().appCpuSecondsPer1000Sagas());
        columns.put("heap_used_before_mb", r -> megabytes(r.heap().usedBeforeBytes()));
        columns.put("heap_used_after_mb", r -> megabytes(r.heap().usedAfterBytes()));
        columns.put("heap_used_peak_mb", r -> megabytes(r.heap().peakUsedBytes()));
        columns.put("heap_live_before_mb", r -> megabytes(r.heap().liveDataBeforeBytes()));
        columns.put("heap_live_after_mb", r -> megabytes(r.heap().liveDataAfterBytes()));
        columns.put("app_healthy_after", r -> r.heap().appHealthyAfter());
        columns.put("generator_cpu_s", r -> r.generator().cpuSeconds());
        return columns;
    }
}
