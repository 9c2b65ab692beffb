package io.orderflow.bench.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ActuatorMetricsTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void readsTheProcessCpuTimeInNanosecondsAsSeconds() throws Exception {
        String body = "{\"name\":\"process.cpu.time\",\"baseUnit\":\"ns\","
                + "\"measurements\":[{\"statistic\":\"COUNT\",\"value\":1.25E10}],\"availableTags\":[]}";

        assertThat(ActuatorMetrics.parse(json.readTree(body)))
                .hasValueSatisfying(metric -> assertThat(metric.seconds()).isEqualTo(12.5));
    }

    @Test
    void readsAGaugeValueInBytes() throws Exception {
        String body = "{\"name\":\"jvm.memory.used\",\"baseUnit\":\"bytes\","
                + "\"measurements\":[{\"statistic\":\"VALUE\",\"value\":2.5E8}]}";

        assertThat(ActuatorMetrics.parse(json.readTree(body)))
                .hasValueSatisfying(metric -> assertThat(metric.value()).isEqualTo(2.5e8));
    }

    @Test
    void findsNothingInADocumentWithoutMeasurements() throws Exception {
        assertThat(ActuatorMetrics.parse(json.readTree("{\"name\":\"x\"}"))).isEmpty();
    }

    @Test
    void refusesToReadBytesAsTime() {
        assertThatThrownBy(() -> new ActuatorMetrics.Metric(1, "bytes").seconds())
                .isInstanceOf(IllegalStateException.class);
    }
}
