package io.orderflow.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReportTest {

    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path directory;

    @Test
    void writesEveryFigureUnderAStableName() throws Exception {
        Path file = directory.resolve("runs/run.json");

        new JsonReport(json).write(SampleResults.openLoop("pg15"), file);

        JsonNode document = json.readTree(file.toFile());
        assertThat(document.at("/label").asText()).isEqualTo("pg15");
        assertThat(document.at("/settings/mode").asText()).isEqualTo("open");
        assertThat(document.at("/settings/offeredRatePerSecond").asDouble()).isEqualTo(100.0);
        assertThat(document.at("/throughput/sagasPerSecond").asDouble()).isEqualTo(100.0);
        assertThat(document.at("/latency/endToEnd/p50").asDouble()).isEqualTo(40.5);
        assertThat(document.at("/latency/endToEnd/p95").asDouble()).isEqualTo(80.25);
        assertThat(document.at("/latency/endToEnd/p99").asDouble()).isEqualTo(120.125);
        assertThat(document.at("/latency/endToEnd/max").asDouble()).isEqualTo(310.5);
        assertThat(document.at("/latency/endToEndFromIntended/p99").asDouble()).isEqualTo(130.0);
        assertThat(document.at("/outcomes/CANCELLED:PAYMENT_DECLINED").asLong()).isEqualTo(600);
        assertThat(document.at("/errors/byKind/HTTP 503").asLong()).isEqualTo(2);
        assertThat(document.at("/backlog/trend/growing").asBoolean()).isFalse();
        assertThat(document.at("/efficiency/dbCommitsPerSaga").asDouble()).isEqualTo(11.0);
        assertThat(document.at("/efficiency/kafkaRecordsPerSaga").asDouble()).isEqualTo(14.0);
        assertThat(document.at("/efficiency/appCpuSecondsPer1000Sagas").asDouble()).isEqualTo(25.0);
        assertThat(document.at("/heap/liveDataAfterBytes").asLong()).isEqualTo(95L << 20);
    }

    @Test
    void writesFiguresThatWereNotMeasuredAsNull() throws Exception {
        JsonNode document = json.readTree(new JsonReport(json).render(SampleResults.withoutProbes()));

        assertThat(document.at("/efficiency/dbCommitsPerSaga").isNull()).isTrue();
        assertThat(document.at("/efficiency/cpuSource").asText()).isEqualTo("none");
    }
}
