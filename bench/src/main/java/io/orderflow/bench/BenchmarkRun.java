package io.orderflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DoubleNode;
import io.orderflow.bench.client.CatalogueSetup;
import io.orderflow.bench.client.OrderflowClient;
import io.orderflow.bench.client.SimulationSettingsEditor;
import io.orderflow.bench.load.ClosedLoopDriver;
import io.orderflow.bench.load.OpenLoopDriver;
import io.orderflow.bench.load.OpenLoopSchedule;
import io.orderflow.bench.load.OrderMix;
import io.orderflow.bench.load.OrderSubmitter;
import io.orderflow.bench.observe.ApiPollingObserver;
import io.orderflow.bench.observe.KafkaTerminalObserver;
import io.orderflow.bench.observe.OrderTracker;
import io.orderflow.bench.observe.TerminalEventParser;
import io.orderflow.bench.observe.TerminalObserver;
import io.orderflow.bench.observe.TrackedOrder;
import io.orderflow.bench.probe.ActuatorMetrics;
import io.orderflow.bench.probe.CpuTimeProbe;
import io.orderflow.bench.probe.DatabaseCommitProbe;
import io.orderflow.bench.probe.HeapProbe;
import io.orderflow.bench.probe.KafkaOffsetProbe;
import io.orderflow.bench.probe.ProcStat;
import io.orderflow.bench.report.BenchmarkResult;
import io.orderflow.bench.stats.BacklogSample;
import io.orderflow.bench.stats.BacklogTrend;
import io.orderflow.bench.stats.MeasurementWindow;
import io.orderflow.bench.stats.RunStatistics;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * One benchmark run against a running application, in phases: wait for the application; prepare
 * the catalogue and the fault injection; start observing; offer the load (warm-up, then the
 * measured window) while sampling the backlog; read the probes at the window's start and end; drain;
 * restore the fault injection; build the result.
 */
public final class BenchmarkRun {

    private static final Duration SAMPLE_INTERVAL = Duration.ofSeconds(1);
    private static final Duration HEAP_SAMPLE_INTERVAL = Duration.ofSeconds(5);
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(10);
    private static final Duration EARLY_OBSERVATION_TTL = Duration.ofMinutes(2);
    private static final Duration FIRST_SEND_DELAY = Duration.ofSeconds(2);

    private final BenchmarkConfig config;
    private final PrintStream log;
    private final ObjectMapper json;

    /**
     * @param config the run's settings
     * @param log    where progress goes (standard error for the command)
     * @param json   maps HTTP and Kafka payloads
     */
    public BenchmarkRun(BenchmarkConfig config, PrintStream log, ObjectMapper json) {
        this.config = Objects.requireNonNull(config, "config");
        this.log = Objects.requireNonNull(log, "log");
        this.json = Objects.requireNonNull(json, "json");
    }

    /**
     * Runs the benchmark.
     *
     * @throws Exception when the application, Kafka or the database cannot be used
     */
    public BenchmarkResult execute() throws Exception {
        String runId = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        Instant startedAt = Instant.now();
        double generatorCpuBefore = generatorCpuSeconds();
        ExecutorService httpExecutor = Executors.newFixedThreadPool(
                Math.max(4, Runtime.getRuntime().availableProcessors()), daemon("http"));
        ScheduledExecutorService sampler = Executors.newScheduledThreadPool(1, daemon("sampler"));
        ScheduledExecutorService prober = Executors.newScheduledThreadPool(2, daemon("probe"));
        HttpClient http = OrderflowClient.newHttpClient(httpExecutor);
        OrderflowClient client = new OrderflowClient(config.baseUrl(), http, json, config.requestTimeout());
        ActuatorMetrics metrics = new ActuatorMetrics(client);
        OrderMix mix = new OrderMix(config.mix());
        JsonNode originalSimulation = null;
        TerminalObserver observer = null;
        KafkaOffsetProbe offsets = null;
        DatabaseCommitProbe database = null;
        try {
            awaitHealthy(client);
            if (!config.skipCatalogueSetup()) {
                new CatalogueSetup(client, log).prepare(mix.skus(), config.stockPerSku(),
                        mix.usesSoldOutSku() ? Optional.of(mix.soldOutSku()) : Optional.empty(), config.setupTimeout());
            }
            originalSimulation = applySimulation(client);
            offsets = openOffsetProbe();
            if (offsets == null && config.observe() == BenchmarkConfig.Observe.KAFKA) {
                throw new IllegalStateException("cannot observe through Kafka: topic " + config.topic()
                        + " not reachable on " + config.kafkaBootstrapServers() + " (try --observe api or auto)");
            }
            database = openDatabaseProbe();
            CpuTimeProbe cpu = new CpuTimeProbe(metrics, config.appPid() == null
                    ? OptionalLong.empty() : OptionalLong.of(config.appPid()), ProcStat.clockTicksPerSecond());
            HeapProbe heap = new HeapProbe(metrics);

            // Kafka is known to be reachable now: starting the observer is a seek, well within the delay.
            long runStart = System.nanoTime() + FIRST_SEND_DELAY.toNanos();
            MeasurementWindow window = MeasurementWindow.of(runStart, config.warmup().toNanos(),
                    config.duration().toNanos());
            RunStatistics statistics = new RunStatistics(window);
            OrderTracker tracker = new OrderTracker(statistics);
            observer = offsets != null && config.observe() != BenchmarkConfig.Observe.API
                    ? new KafkaTerminalObserver(config.kafkaBootstrapServers(), config.topic(), tracker,
                            new TerminalEventParser(json), config.setupTimeout())
                    : new ApiPollingObserver(client, tracker, config.pollInterval());
            observer.start();
            if (System.nanoTime() - runStart > 0) {
                log.printf(Locale.ROOT, "warning: the observer took %.1fs to start; the first sends go out late%n",
                        (System.nanoTime() - runStart + FIRST_SEND_DELAY.toNanos()) / 1e9);
            }
            BenchmarkResult result = measure(new Run(runId, startedAt, generatorCpuBefore, client, mix, window,
                    statistics, tracker, observer, offsets, database, cpu, heap, sampler, prober));
            if (config.histogramFile() != null) {
                writeHistograms(statistics, config.histogramFile());
            }
            return result;
        } finally {
            if (observer != null) {
                observer.close();
            }
            if (offsets != null) {
                offsets.close();
            }
            if (database != null) {
                closeQuietly(database);
            }
            if (originalSimulation != null && config.restoreSimulation()) {
                restoreSimulation(client, originalSimulation);
            }
            sampler.shutdownNow();
            prober.shutdownNow();
            httpExecutor.shutdownNow();
        }
    }

    private BenchmarkResult measure(Run run) throws Exception {
        MeasurementWindow window = run.window();
        OrderTracker tracker = run.tracker();
        RunStatistics statistics = run.statistics();
        TerminalObserver observer = run.observer();
        HeapProbe heap = run.heap();
        ScheduledExecutorService sampler = run.sampler();
        ScheduledExecutorService prober = run.prober();
        List<BacklogSample> backlog = Collections.synchronizedList(new ArrayList<>());
        AtomicLong peakHeap = new AtomicLong(-1);
        long now = System.nanoTime();
        sampler.scheduleAtFixedRate(() -> {
            long at = System.nanoTime();
            if (window.contains(at)) {
                backlog.add(new BacklogSample(window.secondsSinceRunStart(at), tracker.inFlight()));
            }
            tracker.expireEarlyObservations(at, EARLY_OBSERVATION_TTL.toNanos());
        }, window.startNanos() - now, SAMPLE_INTERVAL.toNanos(), TimeUnit.NANOSECONDS);
        sampler.scheduleAtFixedRate(() -> log.printf(Locale.ROOT,
                        "t=%.0fs accepted=%d ended=%d in-flight=%d%n", window.secondsSinceRunStart(System.nanoTime()),
                        tracker.acceptedCount(), tracker.finishedCount(), tracker.inFlight()),
                PROGRESS_INTERVAL.toNanos(), PROGRESS_INTERVAL.toNanos(), TimeUnit.NANOSECONDS);
        prober.scheduleAtFixedRate(() -> peakHeap.accumulateAndGet(heap.read().usedBytes(), Math::max),
                0, HEAP_SAMPLE_INTERVAL.toNanos(), TimeUnit.NANOSECONDS);
        CompletableFuture<ProbeReading> atStart = probeAt(run, window.startNanos());
        CompletableFuture<ProbeReading> atEnd = probeAt(run, window.endNanos());

        LongAdder pending = new LongAdder();
        OrderSubmitter submitter = submitter(run, pending);
        log.printf(Locale.ROOT, "%s: %s, warm-up %.1fs, window %.1fs, observing via %s%n", run.runId(),
                config.mode() == BenchmarkConfig.Mode.OPEN
                        ? String.format(Locale.ROOT, "open loop at %.1f orders/s (warm-up at %.1f)",
                                config.ratePerSecond(), config.effectiveWarmupRatePerSecond())
                        : "closed loop at concurrency " + config.concurrency(),
                config.warmup().toMillis() / 1000.0, config.duration().toMillis() / 1000.0, observer.name());
        if (config.mode() == BenchmarkConfig.Mode.OPEN) {
            new OpenLoopDriver(new OpenLoopSchedule(window.runStartNanos(), config.effectiveWarmupRatePerSecond(),
                    config.warmup().toNanos(), config.ratePerSecond()), submitter,
                    config.maxOutstanding()).run(window.endNanos());
        } else {
            LockSupport.parkNanos(window.runStartNanos() - System.nanoTime());
            new ClosedLoopDriver(config.concurrency(), submitter, config.orderTimeout()).run(window.endNanos());
        }
        ProbeReading start = atStart.get(1, TimeUnit.MINUTES);
        ProbeReading end = atEnd.get(1, TimeUnit.MINUTES);

        double drainSeconds = drain(tracker, pending, window);
        boolean drained = tracker.inFlight() == 0 && pending.sum() == 0;
        HeapProbe.Reading heapAfter = heap.read();
        boolean healthyAfter = run.client().healthy();
        List<TrackedOrder> unfinished = tracker.closeUnfinished();
        if (!unfinished.isEmpty()) {
            log.printf("%d accepted orders never reached an observed terminal state, for example %s%n",
                    unfinished.size(), unfinished.get(0).orderId());
        }
        if (observer instanceof KafkaTerminalObserver kafka && kafka.failure() != null) {
            log.println("the Kafka observer failed: " + kafka.failure());
        }

        RunStatistics.Snapshot snapshot = statistics.snapshot();
        BacklogTrend trend;
        synchronized (backlog) {
            trend = BacklogTrend.fit(List.copyOf(backlog), config.backlogSlopeThreshold());
        }
        long ended = snapshot.terminalInWindow();
        double seconds = window.seconds();
        return new BenchmarkResult(
                run.runId(),
                config.label(),
                run.startedAt().toString(),
                Instant.now().toString(),
                settings(observer),
                new BenchmarkResult.Throughput(seconds, ended, ended / seconds, snapshot.completedInWindow() / seconds,
                        snapshot.acceptedInWindow() / seconds),
                new BenchmarkResult.Latency(snapshot.endToEnd(), snapshot.endToEndFromIntended(), snapshot.accept(),
                        snapshot.terminalBeforeAccept()),
                snapshot.outcomes(),
                new BenchmarkResult.Errors(snapshot.errorCount(), snapshot.errors(), snapshot.errorsOutsideWindow()),
                new BenchmarkResult.Backlog(trend, snapshot.sentMeasured(), snapshot.acceptedMeasured(),
                        snapshot.outcomes().getOrDefault(RunStatistics.UNFINISHED, 0L), drainSeconds, drained),
                efficiency(start, end, ended, run.cpu()),
                new BenchmarkResult.Heap(start.heap().usedBytes(), heapAfter.usedBytes(),
                        Math.max(peakHeap.get(), Math.max(start.heap().usedBytes(), heapAfter.usedBytes())),
                        start.heap().liveDataBytes(), heapAfter.liveDataBytes(), healthyAfter),
                new BenchmarkResult.Generator(generatorCpuSeconds() - run.generatorCpuBefore(), observer.name(),
                        observer instanceof KafkaTerminalObserver kafka ? kafka.recordsSeen() : 0,
                        observer instanceof ApiPollingObserver api ? api.polls() : 0));
    }

    private OrderSubmitter submitter(Run run, LongAdder pending) {
        RunStatistics statistics = run.statistics();
        OrderTracker tracker = run.tracker();
        return new OrderSubmitter() {
            @Override
            public CompletableFuture<Submission> submit(long index, long intendedNanos) {
                pending.increment();
                String key = config.idempotencyKeys() ? run.runId() + "-" + index : null;
                return run.client().placeOrder(run.mix().order(index), key).thenApply(result -> {
                    long acceptedNanos = System.nanoTime();
                    if (!result.isAccepted()) {
                        statistics.failed(intendedNanos, result.error());
                        return Submission.failed();
                    }
                    TrackedOrder order = tracker.accepted(result.orderId(), intendedNanos, acceptedNanos);
                    return new Submission(true, order.terminal());
                }).whenComplete((submission, failure) -> pending.decrement());
            }

            @Override
            public void dropped(long index, long intendedNanos) {
                statistics.failed(intendedNanos, "DROPPED");
            }
        };
    }

    private double drain(OrderTracker tracker, LongAdder pending, MeasurementWindow window) {
        long deadline = window.endNanos() + config.drainTimeout().toNanos();
        while ((tracker.inFlight() > 0 || pending.sum() > 0) && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        return Math.max(0, (System.nanoTime() - window.endNanos()) / 1e9);
    }

    private CompletableFuture<ProbeReading> probeAt(Run run, long atNanos) {
        CompletableFuture<ProbeReading> reading = new CompletableFuture<>();
        run.prober().schedule(() -> {
            try {
                reading.complete(readProbes(run.offsets(), run.database(), run.cpu(), run.heap()));
            } catch (RuntimeException e) {
                reading.completeExceptionally(e);
            }
        }, Math.max(0, atNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        return reading;
    }

    private ProbeReading readProbes(KafkaOffsetProbe offsets, DatabaseCommitProbe database, CpuTimeProbe cpu,
                                    HeapProbe heap) {
        DatabaseCommitProbe.Counters counters = null;
        if (database != null) {
            synchronized (database) {
                try {
                    counters = database.read();
                } catch (SQLException e) {
                    log.println("database probe failed: " + e.getMessage());
                }
            }
        }
        Long endOffsets = null;
        if (offsets != null) {
            synchronized (offsets) {
                try {
                    endOffsets = offsets.endOffsetSum();
                } catch (RuntimeException e) {
                    log.println("Kafka offset probe failed: " + e.getMessage());
                }
            }
        }
        return new ProbeReading(counters, endOffsets, cpu.cpuSeconds().orElse(null), heap.read());
    }

    private BenchmarkResult.Efficiency efficiency(ProbeReading start, ProbeReading end, long sagas, CpuTimeProbe cpu) {
        Long commits = null;
        Long rollbacks = null;
        if (start.db() != null && end.db() != null) {
            DatabaseCommitProbe.Counters delta = end.db().minus(start.db());
            commits = delta.commits();
            rollbacks = delta.rollbacks();
        }
        Long records = start.kafkaEndOffsets() != null && end.kafkaEndOffsets() != null
                ? end.kafkaEndOffsets() - start.kafkaEndOffsets() : null;
        Double cpuSeconds = start.cpuSeconds() != null && end.cpuSeconds() != null
                ? end.cpuSeconds() - start.cpuSeconds() : null;
        return new BenchmarkResult.Efficiency(
                commits, rollbacks, perSaga(commits, sagas, 1), perSaga(rollbacks, sagas, 1),
                records, perSaga(records, sagas, 1), cpuSeconds, perSaga(cpuSeconds, sagas, 1000), cpu.source());
    }

    private static Double perSaga(Number total, long sagas, int per) {
        return total == null || sagas == 0 ? null : total.doubleValue() * per / sagas;
    }

    private BenchmarkResult.Settings settings(TerminalObserver observer) {
        boolean open = config.mode() == BenchmarkConfig.Mode.OPEN;
        return new BenchmarkResult.Settings(
                open ? "open" : "closed",
                open ? config.ratePerSecond() : null,
                open && config.warmupRatePerSecond() != null ? config.warmupRatePerSecond() : null,
                open ? null : config.concurrency(),
                config.warmup().toMillis() / 1000.0,
                config.duration().toMillis() / 1000.0,
                observer.name(),
                config.baseUrl().toString(),
                config.mix().seed(),
                config.mix().skuCount(),
                config.mix().distribution().name(),
                config.mix().lineCounts().toString(),
                config.mix().maxQuantity(),
                config.mix().soldOutShare(),
                config.declineRate(),
                new LinkedHashMap<>(config.simulationOverrides()));
    }

    private void awaitHealthy(OrderflowClient client) {
        long deadline = System.nanoTime() + config.setupTimeout().toNanos();
        while (!client.healthy()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(client.baseUrl() + "/actuator/health is not UP after "
                        + config.setupTimeout());
            }
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
    }

    private JsonNode applySimulation(OrderflowClient client) {
        if (config.declineRate() == null && config.simulationOverrides().isEmpty()) {
            return null;
        }
        SimulationSettingsEditor editor = new SimulationSettingsEditor(json);
        JsonNode original = client.simulationSettings();
        JsonNode settings = editor.withAssignments(original, config.simulationOverrides());
        if (config.declineRate() != null) {
            String field = config.declineRateField() != null
                    ? config.declineRateField() : editor.paymentDeclineRatePath(original);
            settings = editor.with(settings, field, DoubleNode.valueOf(config.declineRate()));
            log.printf(Locale.ROOT, "fault injection: %s = %.3f%n", field, config.declineRate());
        }
        client.updateSimulationSettings(settings);
        return original;
    }

    private void restoreSimulation(OrderflowClient client, JsonNode original) {
        try {
            client.updateSimulationSettings(original);
        } catch (RuntimeException e) {
            log.println("could not restore the fault-injection settings: " + e.getMessage());
        }
    }

    private KafkaOffsetProbe openOffsetProbe() {
        if (config.kafkaBootstrapServers() == null || config.kafkaBootstrapServers().isBlank()) {
            return null;
        }
        Duration wait = config.observe() == BenchmarkConfig.Observe.KAFKA
                ? config.setupTimeout()
                : Duration.ofSeconds(Math.min(15, config.setupTimeout().toSeconds()));
        try {
            return new KafkaOffsetProbe(config.kafkaBootstrapServers(), config.topic(), wait);
        } catch (RuntimeException e) {
            log.println("Kafka not reachable (" + e.getMessage() + "): Kafka records per saga will not be measured"
                    + (config.observe() == BenchmarkConfig.Observe.KAFKA ? "" : ", observing through the read API"));
            return null;
        }
    }

    private DatabaseCommitProbe openDatabaseProbe() throws SQLException {
        if (config.dbUrl() == null || config.dbUrl().isBlank()) {
            log.println("no --db-url: database commits per saga will not be measured");
            return null;
        }
        return new DatabaseCommitProbe(config.dbUrl(), config.dbUser(), config.dbPassword());
    }

    private static double generatorCpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
    }

    private void closeQuietly(DatabaseCommitProbe database) {
        try {
            database.close();
        } catch (SQLException e) {
            log.println("closing the database probe failed: " + e.getMessage());
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicLong count = new AtomicLong();
        return runnable -> {
            Thread thread = new Thread(runnable, "bench-" + name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void writeHistograms(RunStatistics statistics, Path file) throws IOException {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), true, "UTF-8")) {
            out.println("# end-to-end latency, accept to terminal observed (ms)");
            statistics.endToEndRecorder().printPercentiles(out);
            out.println("# end-to-end latency, intended send to terminal observed (ms)");
            statistics.endToEndFromIntendedRecorder().printPercentiles(out);
        }
    }

    /** What one run works with, from the set-up to the result. */
    private record Run(
            String runId,
            Instant startedAt,
            double generatorCpuBefore,
            OrderflowClient client,
            OrderMix mix,
            MeasurementWindow window,
            RunStatistics statistics,
            OrderTracker tracker,
            TerminalObserver observer,
            KafkaOffsetProbe offsets,
            DatabaseCommitProbe database,
            CpuTimeProbe cpu,
            HeapProbe heap,
            ScheduledExecutorService sampler,
            ScheduledExecutorService prober) {
    }

    private record ProbeReading(DatabaseCommitProbe.Counters db, Long kafkaEndOffsets, Double cpuSeconds,
                                HeapProbe.Reading heap) {
    }
}
