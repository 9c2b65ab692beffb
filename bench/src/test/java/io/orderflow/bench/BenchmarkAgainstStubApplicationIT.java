package io.orderflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.bench.load.OrderMixSpec;
import io.orderflow.bench.load.SkuDistribution;
import io.orderflow.bench.load.WeightedChoice;
import io.orderflow.bench.report.BenchmarkResult;
import io.orderflow.bench.report.CsvReport;
import io.orderflow.bench.report.SummaryLine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import picocli.CommandLine;

/**
 * Runs the whole generator against {@link StubApplication} and a real KRaft broker: placing orders
 * over HTTP, observing their terminal events on Kafka (or through the read API), and the figures
 * and files that come out.
 */
class BenchmarkAgainstStubApplicationIT {

    private static final Duration SAGA_TIME = Duration.ofMillis(30);

    private static EmbeddedKafkaKraftBroker broker;
    private static StubApplication application;
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path directory;

    @BeforeAll
    static void startBrokerAndApplication() throws Exception {
        broker = new EmbeddedKafkaKraftBroker(1, 6, StubApplication.TOPIC);
        broker.afterPropertiesSet();
        application = new StubApplication(broker.getBrokersAsString(), SAGA_TIME);
    }

    @AfterAll
    static void stopBrokerAndApplication() {
        if (application != null) {
            application.close();
        }
        if (broker != null) {
            broker.destroy();
        }
    }

    @AfterEach
    void resetApplication() {
        application.refuseEvery(0);
        application.resetSimulation();
    }

    @Test
    void measuresAnOpenLoopEndToEndThroughKafka() throws Exception {
        BenchmarkResult result = run(config(BenchmarkConfig.Mode.OPEN, BenchmarkConfig.Observe.KAFKA, 0.2, 0.1));

        assertThat(result.settings().observer()).isEqualTo("kafka");
        // 50 orders/s for 4 s
        assertThat(result.backlog().sentMeasured()).isBetween(199L, 201L);
        assertThat(result.throughput().sagasPerSecond()).isBetween(40.0, 60.0);
        Map<String, Long> outcomes = result.outcomes();
        assertThat(outcomes).containsOnlyKeys("COMPLETED", "CANCELLED:PAYMENT_DECLINED", "REJECTED:OUT_OF_STOCK");
        long measured = outcomes.values().stream().mapToLong(Long::longValue).sum();
        assertThat(measured).isEqualTo(result.backlog().acceptedMeasured());
        assertThat(outcomes.get("CANCELLED:PAYMENT_DECLINED") / (double) measured).isBetween(0.06, 0.34);
        assertThat(outcomes.get("REJECTED:OUT_OF_STOCK") / (double) measured).isBetween(0.02, 0.22);
        // every saga takes 30 ms in the stub; the observation adds only the Kafka hop
        assertThat(result.latency().endToEnd().count()).isEqualTo(measured);
        assertThat(result.latency().endToEnd().p50()).isBetween(25.0, 500.0);
        assertThat(result.latency().endToEndFromIntended().p50()).isGreaterThanOrEqualTo(result.latency().endToEnd().p50());
        assertThat(result.latency().observedBeforeAccept()).as("202s processed late").isLessThan(measured / 20);
        assertThat(result.errors().count()).isZero();
        assertThat(result.backlog().trend().growing()).isFalse();
        assertThat(result.backlog().drained()).isTrue();
        assertThat(result.backlog().unfinished()).isZero();
        // the stub writes two records per order: OrderPlacedEvent and the terminal event
        assertThat(result.efficiency().kafkaRecordsPerSaga()).isBetween(1.6, 2.4);
        assertThat(result.efficiency().cpuSource()).isEqualTo("actuator:process.cpu.time");
        assertThat(result.efficiency().appCpuSecondsPer1000Sagas()).isPositive();
        assertThat(result.efficiency().dbCommitsPerSaga()).as("no --db-url").isNull();
        assertThat(result.heap().usedBeforeBytes()).isPositive();
        assertThat(result.heap().appHealthyAfter()).isTrue();
        assertThat(result.generator().kafkaRecordsSeen()).isPositive();
        assertThat(application.declineRate()).as("the fault injection is restored").isZero();
    }

    @Test
    void observesThroughTheReadApiWhenAskedTo() throws Exception {
        BenchmarkResult result = run(config(BenchmarkConfig.Mode.OPEN, BenchmarkConfig.Observe.API, 0.2, 0));

        assertThat(result.settings().observer()).isEqualTo("api");
        assertThat(result.outcomes()).containsKeys("COMPLETED", "CANCELLED:PAYMENT_DECLINED")
                .doesNotContainKey("UNFINISHED");
        assertThat(result.latency().endToEnd().p50()).isGreaterThanOrEqualTo(25.0);
        assertThat(result.generator().apiPolls()).isGreaterThanOrEqualTo(result.latency().endToEnd().count());
    }

    @Test
    void keepsTheConcurrencyInFlightInAClosedLoop() throws Exception {
        BenchmarkResult result = run(config(BenchmarkConfig.Mode.CLOSED, BenchmarkConfig.Observe.KAFKA, 0, 0));

        assertThat(result.settings().concurrency()).isEqualTo(4);
        assertThat(result.backlog().trend().max()).isLessThanOrEqualTo(4);
        // 4 orders in flight, each at least 30 ms: at most about 133 per second
        assertThat(result.throughput().sagasPerSecond()).isBetween(10.0, 140.0);
        assertThat(result.outcomes()).containsOnlyKeys("COMPLETED");
        assertThat(result.latency().endToEnd().p50()).isGreaterThanOrEqualTo(25.0);
        assertThat(result.latency().observedBeforeAccept()).isLessThan(result.latency().endToEnd().count() / 20);
    }

    @Test
    void countsRefusedOrdersAsErrorsByKind() throws Exception {
        application.refuseEvery(5);

        BenchmarkResult result = run(config(BenchmarkConfig.Mode.OPEN, BenchmarkConfig.Observe.KAFKA, 0, 0));

        assertThat(result.errors().byKind()).containsOnlyKeys("HTTP 503 Service Unavailable");
        assertThat(result.errors().count() / (double) result.backlog().sentMeasured()).isBetween(0.15, 0.25);
        assertThat(result.backlog().acceptedMeasured() + result.errors().count())
                .isEqualTo(result.backlog().sentMeasured());
    }

    @Test
    void printsOneSummaryLineAndAppendsJsonAndCsvFromTheCommandLine() throws Exception {
        Path jsonFile = directory.resolve("run.json");
        Path csvFile = directory.resolve("runs.csv");
        String[] args = {
            "--base-url", application.baseUrl().toString(), "--kafka-bootstrap", broker.getBrokersAsString(),
            "--rate", "40", "--warmup", "500ms", "--duration", "2s", "--skus", "5", "--decline-rate", "0.1",
            "--label", "stub, embedded broker", "--json", jsonFile.toString(), "--csv", csvFile.toString()};

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        BenchmarkCommand command = new BenchmarkCommand(new PrintStream(out, true, StandardCharsets.UTF_8), err);
        assertThat(new CommandLine(command).execute(args)).isZero();
        assertThat(new CommandLine(new BenchmarkCommand(new PrintStream(out, true, StandardCharsets.UTF_8), err))
                .execute(args)).isZero();

        List<String> summary = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(summary).hasSize(2).allMatch(line -> line.startsWith("orderflow-bench open rate=40.0/s"));
        JsonNode document = json.readTree(jsonFile.toFile());
        assertThat(document.at("/label").asText()).isEqualTo("stub, embedded broker");
        assertThat(document.at("/throughput/sagasPerSecond").asDouble()).isPositive();
        List<String> rows = Files.readAllLines(csvFile);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).isEqualTo(CsvReport.header());
        assertThat(rows.get(1)).contains("\"stub, embedded broker\"");
    }

    private BenchmarkResult run(BenchmarkConfig config) throws Exception {
        PrintStream log = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        BenchmarkResult result = new BenchmarkRun(config, log, json).execute();
        System.out.println(SummaryLine.of(result)); // the figures behind a failed assertion
        return result;
    }

    private BenchmarkConfig config(BenchmarkConfig.Mode mode, BenchmarkConfig.Observe observe, double declineRate,
                                   double soldOutShare) {
        OrderMixSpec mix = new OrderMixSpec(7, 10, "BENCH-", SkuDistribution.UNIFORM, 1.0,
                WeightedChoice.parse("1:2,2:1"), 3, soldOutShare, "EUR");
        return new BenchmarkConfig(application.baseUrl(), mode, 50, null, 4, Duration.ofSeconds(1), Duration.ofSeconds(4),
                Duration.ofSeconds(20), Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(30), observe,
                broker.getBrokersAsString(), StubApplication.TOPIC, Duration.ofMillis(20), mix, 100_000, false,
                declineRate, null, Map.of(), true, true, 1_000, 1.0, null, null, null, null, null, null, null, "it");
    }
}
