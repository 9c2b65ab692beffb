package io.orderflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.orderflow.app.support.PrivateKafkaBrokerInitializer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The application in its default profile: an H2 file database (here in a temporary directory
 * instead of {@code ./data}), with the same URL settings as {@code application.yml}.
 */
@SpringBootTest(classes = OrderflowApplication.class, properties = "orderflow.demo-data.enabled=false")
@ContextConfiguration(initializers = PrivateKafkaBrokerInitializer.class)
@AutoConfigureMockMvc
@AutoConfigureObservability(tracing = false)
class ApplicationBootsOnH2IT extends ApplicationBootContract {

    @Autowired
    MockMvc mvc;

    @TempDir
    static Path dataDirectory;

    @DynamicPropertySource
    static void h2FileDatabase(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + dataDirectory.resolve("orderflow")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=FALSE");
    }

    /** A command nobody handles: only the bus's message monitor sees it, as dispatched and failed. */
    record MetricsProbe() {
    }

    @Override
    String serializedDataType() {
        return "binary large object";
    }

    @Override
    String asText(String column) {
        return "utf8tostring(" + column + ")";
    }

    @Test
    void reportsHealthIncludingTheDeadlineScheduler() throws Exception {
        mvc.perform(get("/actuator/health"))
           .andExpect(status().isOk())
           .andExpect(jsonPath("$.status").value("UP"))
           .andExpect(jsonPath("$.components.db.status").value("UP"))
           .andExpect(jsonPath("$.components.dbScheduler.status").value("UP"));
    }

    @Test
    void publishesCommandBusMetricsForPrometheus() throws Exception {
        commandGateway.send(new MetricsProbe());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                mvc.perform(get("/actuator/prometheus")).andExpect(status().isOk())
                   .andReturn().getResponse().getContentAsString())
                .contains("commandBus_ingestedCounter_total{application=\"orderflow\",payloadType=\"MetricsProbe\"} 1.0")
                .contains("commandBus_failureCounter_total{application=\"orderflow\",payloadType=\"MetricsProbe\"} 1.0")
                .contains("commandBus_allTimer_seconds_count{application=\"orderflow\",payloadType=\"MetricsProbe\"}")
                .contains("eventProcessor_latency{application=\"orderflow\",processorName=\"OrderFulfilmentSagaProcessor\"}")
                .contains("executor_pool_max_threads{application=\"orderflow\",name=\"commandBus\"} 8.0")
                .contains("orderflow_command_batch_size_count{application=\"orderflow\"}")
                .contains("orderflow_command_batch_queued{application=\"orderflow\"}")
                .contains("orderflow_command_batch_rollbacks_total{application=\"orderflow\"}")
                .contains("orderflow_api_orders_refused_total{application=\"orderflow\"}")
                // orderflow.metrics.axon=lean: none of Axon's per-message percentile timers and capacity gauges
                .doesNotContain("commandBus_successTimer", "commandBus_capacity", "commandBus_allTimer_seconds{application=\"orderflow\",payloadType=\"MetricsProbe\",quantile="));
        mvc.perform(get("/actuator/metrics")).andExpect(status().isOk());
        mvc.perform(get("/actuator/info")).andExpect(status().isOk())
           .andExpect(jsonPath("$.application.name").value("orderflow"));
    }

    @Test
    void keepsTheDatabaseInAFile() {
        assertThat(dataDirectory.resolve("orderflow.mv.db")).exists();
    }

    @Test
    void allocatesEventGlobalIndexesOneByOne() {
        assertThat(jdbc.queryForObject(
                "select increment from information_schema.sequences where sequence_name = 'domain_event_entry_seq'",
                Long.class)).isEqualTo(1L);
    }
}
