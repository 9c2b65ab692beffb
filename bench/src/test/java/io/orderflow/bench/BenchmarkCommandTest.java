package io.orderflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BenchmarkCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final BenchmarkCommand command = new BenchmarkCommand(
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void defaultsToTheMilestoneSetUp() {
        BenchmarkCommand.commandLine(command).parseArgs();

        BenchmarkConfig config = command.config();

        assertThat(config.mode()).isEqualTo(BenchmarkConfig.Mode.OPEN);
        assertThat(config.ratePerSecond()).isEqualTo(100.0);
        assertThat(config.duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.declineRate()).isEqualTo(0.1);
        assertThat(config.observe()).isEqualTo(BenchmarkConfig.Observe.KAFKA);
        assertThat(config.kafkaBootstrapServers()).isEqualTo("127.0.0.1:19092");
        assertThat(config.restoreSimulation()).isTrue();
        assertThat(config.idempotencyKeys()).isTrue();
    }

    @Test
    void readsAClosedLoopWithItsMix() {
        BenchmarkCommand.commandLine(command).parseArgs("--mode", "closed", "--concurrency", "32", "--warmup", "5s",
                "--duration", "2m", "--lines", "1:1,2:1", "--sku-distribution", "zipf", "--decline-rate", "keep",
                "--sim", "shipping.rejectionRate=0.05", "--observe", "api");

        BenchmarkConfig config = command.config();

        assertThat(config.mode()).isEqualTo(BenchmarkConfig.Mode.CLOSED);
        assertThat(config.concurrency()).isEqualTo(32);
        assertThat(config.duration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.mix().lineCounts().mean()).isEqualTo(1.5);
        assertThat(config.declineRate()).isNull();
        assertThat(config.simulationOverrides()).containsEntry("shipping.rejectionRate", "0.05");
        assertThat(config.observe()).isEqualTo(BenchmarkConfig.Observe.API);
    }

    @Test
    void letsALaterOptionOverrideAnEarlierOne() {
        BenchmarkCommand.commandLine(command).parseArgs("--rate", "100", "--csv", "a.csv", "--rate", "250", "--csv", "b.csv");

        BenchmarkConfig config = command.config();

        assertThat(config.ratePerSecond()).isEqualTo(250.0);
        assertThat(config.csvFile()).hasToString("b.csv");
    }

    @Test
    void exitsWithTwoOnInvalidSettings() {
        int status = BenchmarkCommand.commandLine(command).execute("--mode", "sideways");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("sideways");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void exitsWithTwoOnADeclineRateOutsideZeroToOne() {
        assertThat(BenchmarkCommand.commandLine(command).execute("--decline-rate", "1.5")).isEqualTo(2);
    }

    @Test
    void exitsWithOneWhenTheApplicationCannotBeReached() {
        // port 9 (discard) on loopback: nothing listens, the health check never answers UP
        int status = BenchmarkCommand.commandLine(command).execute("--base-url", "http://127.0.0.1:9", "--setup-timeout", "1s");

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("actuator/health");
    }
}
