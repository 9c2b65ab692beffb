package io.orderflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.bench.load.OrderMixSpec;
import io.orderflow.bench.load.SkuDistribution;
import io.orderflow.bench.load.WeightedChoice;
import io.orderflow.bench.report.BenchmarkResult;
import io.orderflow.bench.report.CsvReport;
import io.orderflow.bench.report.JsonReport;
import io.orderflow.bench.report.SummaryLine;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The load generator's command line. Prints one summary line on standard output (progress goes to
 * standard error), and optionally writes the full result as JSON and appends it as a CSV row. Exit
 * status 0 when the run completed, whatever the figures (targets are reported, not asserted); 1 when
 * the application, Kafka or the database could not be used; 2 for invalid options.
 */
@Command(name = "orderflow-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Drives orders through a running orderflow application and reports completed sagas/s,"
                + " end-to-end latency (HdrHistogram), outcomes, errors, backlog, database commits, Kafka records"
                + " and CPU per saga.")
public final class BenchmarkCommand implements Callable<Integer> {

    @Option(names = "--base-url", defaultValue = "http://127.0.0.1:8080", description = "The application. Default: ${DEFAULT-VALUE}")
    URI baseUrl;

    @Option(names = "--mode", defaultValue = "open", description = "open (fixed rate) or closed (fixed concurrency). Default: ${DEFAULT-VALUE}")
    String mode;

    @Option(names = "--rate", defaultValue = "100", description = "Orders per second offered in open mode. Default: ${DEFAULT-VALUE}")
    double rate;

    @Option(names = "--warmup-rate",
            description = "Orders per second offered during the warm-up in open mode (JIT warm-up below the measured rate). Default: --rate")
    Double warmupRate;

    @Option(names = "--concurrency", defaultValue = "16", description = "Orders in flight in closed mode. Default: ${DEFAULT-VALUE}")
    int concurrency;

    @Option(names = "--warmup", defaultValue = "15s", converter = DurationConverter.class,
            description = "Warm-up, excluded from the figures. Default: ${DEFAULT-VALUE}")
    Duration warmup;

    @Option(names = "--duration", defaultValue = "60s", converter = DurationConverter.class,
            description = "The measured window. Default: ${DEFAULT-VALUE}")
    Duration duration;

    @Option(names = "--drain-timeout", defaultValue = "60s", converter = DurationConverter.class,
            description = "Wait after the window for orders in flight. Default: ${DEFAULT-VALUE}")
    Duration drainTimeout;

    @Option(names = "--order-timeout", defaultValue = "60s", converter = DurationConverter.class,
            description = "Closed mode: how long a slot waits for one order. Default: ${DEFAULT-VALUE}")
    Duration orderTimeout;

    @Option(names = "--request-timeout", defaultValue = "10s", converter = DurationConverter.class,
            description = "Timeout of one HTTP request. Default: ${DEFAULT-VALUE}")
    Duration requestTimeout;

    @Option(names = "--setup-timeout", defaultValue = "90s", converter = DurationConverter.class,
            description = "Wait for the application, the topic and the catalogue. Default: ${DEFAULT-VALUE}")
    Duration setupTimeout;

    @Option(names = "--observe", defaultValue = "kafka",
            description = "kafka (terminal events on the topic), api (poll GET /api/orders/{id}) or auto (kafka if reachable). Default: ${DEFAULT-VALUE}")
    String observe;

    @Option(names = "--kafka-bootstrap", defaultValue = "127.0.0.1:19092", description = "Kafka bootstrap servers. Default: ${DEFAULT-VALUE}")
    String kafkaBootstrap;

    @Option(names = "--topic", defaultValue = "orderflow.events", description = "The event topic. Default: ${DEFAULT-VALUE}")
    String topic;

    @Option(names = "--poll-interval", defaultValue = "50ms", converter = DurationConverter.class,
            description = "API observer: time between two reads of one order. Default: ${DEFAULT-VALUE}")
    Duration pollInterval;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the order mix. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--skus", defaultValue = "50", description = "Distinct in-stock SKUs. Default: ${DEFAULT-VALUE}")
    int skuCount;

    @Option(names = "--sku-prefix", defaultValue = "BENCH-", description = "Prefix of the SKU codes. Default: ${DEFAULT-VALUE}")
    String skuPrefix;

    @Option(names = "--sku-distribution", defaultValue = "uniform", description = "uniform or zipf. Default: ${DEFAULT-VALUE}")
    String skuDistribution;

    @Option(names = "--zipf-exponent", defaultValue = "1.0", description = "Exponent of the zipf distribution. Default: ${DEFAULT-VALUE}")
    double zipfExponent;

    @Option(names = "--lines", defaultValue = "1:50,2:30,3:15,4:5",
            description = "Lines per order as count:weight pairs. Default: ${DEFAULT-VALUE}")
    String lines;

    @Option(names = "--max-quantity", defaultValue = "3", description = "Largest quantity of a line. Default: ${DEFAULT-VALUE}")
    int maxQuantity;

    @Option(names = "--sold-out-share", defaultValue = "0",
            description = "Fraction of orders with a line on a SKU without stock (REJECTED). Default: ${DEFAULT-VALUE}")
    double soldOutShare;

    @Option(names = "--currency", defaultValue = "EUR", description = "Currency of the orders. Default: ${DEFAULT-VALUE}")
    String currency;

    @Option(names = "--stock-per-sku", defaultValue = "5000000", description = "Stock given to each SKU before the run. Default: ${DEFAULT-VALUE}")
    int stockPerSku;

    @Option(names = "--skip-catalogue-setup", description = "Use the catalogue as it is.")
    boolean skipCatalogueSetup;

    @Option(names = "--decline-rate", defaultValue = "0.1",
            description = "Payment decline rate to inject (orders that compensate and end CANCELLED); 'keep' leaves the setting alone. Default: ${DEFAULT-VALUE}")
    String declineRate;

    @Option(names = "--decline-rate-field",
            description = "Dotted path of the decline rate in GET /api/admin/simulation (found automatically when omitted).")
    String declineRateField;

    @Option(names = "--sim", paramLabel = "PATH=VALUE",
            description = "Set another fault-injection field for the run, e.g. --sim shipping.rejectionRate=0.05 (repeatable).")
    Map<String, String> simulationOverrides = new LinkedHashMap<>();

    @Option(names = "--keep-simulation", description = "Leave the changed fault-injection settings in place after the run.")
    boolean keepSimulation;

    @Option(names = "--no-idempotency-keys", description = "Send orders without an Idempotency-Key header.")
    boolean noIdempotencyKeys;

    @Option(names = "--max-outstanding", defaultValue = "2000",
            description = "Open mode: most HTTP requests in flight; a due send beyond it is dropped and reported. Default: ${DEFAULT-VALUE}")
    int maxOutstanding;

    @Option(names = "--backlog-slope-threshold", defaultValue = "1.0",
            description = "In-flight growth (orders/s) above which the backlog counts as growing. Default: ${DEFAULT-VALUE}")
    double backlogSlopeThreshold;

    @Option(names = "--db-url", description = "JDBC URL of the application's PostgreSQL database (commits per saga).")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "orderflow", description = "Database user. Default: ${DEFAULT-VALUE}")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "orderflow", description = "Database password. Default: ${DEFAULT-VALUE}")
    String dbPassword;

    @Option(names = "--app-pid", description = "The application's process id: CPU time from /proc when the metric is missing.")
    Long appPid;

    @Option(names = "--json", description = "Write the full result to this JSON file.")
    Path jsonFile;

    @Option(names = "--csv", description = "Append the result as one row to this CSV file.")
    Path csvFile;

    @Option(names = "--histogram", description = "Write the end-to-end percentile distributions to this file.")
    Path histogramFile;

    @Option(names = "--label", defaultValue = "", description = "Free text describing the set-up, copied to JSON and CSV.")
    String label;

    private final PrintStream out;
    private final PrintStream err;

    /** A command that prints to the process's standard streams. */
    public BenchmarkCommand() {
        this(System.out, System.err);
    }

    BenchmarkCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(commandLine(new BenchmarkCommand()).execute(args));
    }

    /**
     * The picocli command line of a command. A later option wins over an earlier one:
     * run-benchmark.sh passes its defaults first and the user's options after them.
     */
    static CommandLine commandLine(BenchmarkCommand command) {
        return new CommandLine(command).setOverwrittenOptionsAllowed(true);
    }

    @Override
    public Integer call() throws Exception {
        BenchmarkConfig config;
        try {
            config = config();
        } catch (IllegalArgumentException e) {
            err.println("invalid options: " + e.getMessage());
            return 2;
        }
        ObjectMapper json = new ObjectMapper();
        BenchmarkResult result;
        try {
            result = new BenchmarkRun(config, err, json).execute();
        } catch (Exception e) {
            err.println("benchmark failed: " + e);
            return 1;
        }
        out.println(SummaryLine.of(result));
        if (config.jsonFile() != null) {
            new JsonReport(json).write(result, config.jsonFile());
            err.println("JSON written to " + config.jsonFile());
        }
        if (config.csvFile() != null) {
            new CsvReport().append(result, config.csvFile());
            err.println("CSV row appended to " + config.csvFile());
        }
        return 0;
    }

    /** The validated settings these options describe. */
    BenchmarkConfig config() {
        OrderMixSpec mix = new OrderMixSpec(seed, skuCount, skuPrefix, enumValue(SkuDistribution.class, skuDistribution),
                zipfExponent, WeightedChoice.parse(lines), maxQuantity, soldOutShare, currency);
        Double decline = "keep".equalsIgnoreCase(declineRate.trim()) ? null : Double.valueOf(declineRate.trim());
        return new BenchmarkConfig(baseUrl, enumValue(BenchmarkConfig.Mode.class, mode), rate, warmupRate, concurrency, warmup,
                duration, drainTimeout, orderTimeout, requestTimeout, setupTimeout,
                enumValue(BenchmarkConfig.Observe.class, observe), kafkaBootstrap, topic, pollInterval, mix,
                stockPerSku, skipCatalogueSetup, decline, declineRateField, simulationOverrides, !keepSimulation,
                !noIdempotencyKeys, maxOutstanding, backlogSlopeThreshold, dbUrl, dbUser, dbPassword, appPid,
                jsonFile, csvFile, histogramFile, label);
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + value + "' is not one of "
                    + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }
}
