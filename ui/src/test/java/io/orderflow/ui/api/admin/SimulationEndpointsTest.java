package io.orderflow.ui.api.admin;

import static io.orderflow.ui.api.ProblemAssertions.assertProblem;
import static io.orderflow.ui.api.ProblemAssertions.onlyInvalidField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.orderflow.ui.api.ApiWebMvcTest;
import io.orderflow.write.simulation.AdapterSettings;
import io.orderflow.write.simulation.SimulationControl;
import io.orderflow.write.simulation.SimulationSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@ApiWebMvcTest(SimulationController.class)
class SimulationEndpointsTest {

    private static final String FAULTY_PAYMENT = """
            {"payment": {"rejectionRate": 0.25, "technicalFailureRate": 0.1, "latencyMinMillis": 20,
                         "latencyMaxMillis": 200, "timeoutMillis": 1500, "seed": 7},
             "shipping": {"rejectionRate": 0, "technicalFailureRate": 0, "latencyMinMillis": 0,
                          "latencyMaxMillis": 0, "timeoutMillis": 2000, "seed": 42}}
            """;

    @Autowired
    private MockMvc mvc;

    @TestBean
    private SimulationControl simulationControl;

    static SimulationControl simulationControl() {
        return new SimulationControl(SimulationSettings.reliable());
    }

    @Test
    void answersTheSettingsInForce() throws Exception {
        mvc.perform(get("/api/admin/simulation"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.payment.rejectionRate").value(0.0))
                .andExpect(jsonPath("$.payment.timeoutMillis").value(AdapterSettings.DEFAULT_TIMEOUT_MILLIS))
                .andExpect(jsonPath("$.shipping.seed").value(AdapterSettings.DEFAULT_SEED));
    }

    @Test
    void replacesTheSettings() throws Exception {
        update(FAULTY_PAYMENT)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.payment.rejectionRate").value(0.25))
                .andExpect(jsonPath("$.payment.latencyMaxMillis").value(200));

        assertThat(simulationControl.current().payment())
                .isEqualTo(new AdapterSettings(0.25, 0.1, 20, 200, 1500, 7));
        mvc.perform(get("/api/admin/simulation"))
                .andExpect(jsonPath("$.payment.seed").value(7));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "payment.rejectionRate        | \"rejectionRate\": 0.25       | \"rejectionRate\": 1.5",
        "payment.technicalFailureRate | \"technicalFailureRate\": 0.1 | \"technicalFailureRate\": -0.1",
        "payment.timeoutMillis        | \"timeoutMillis\": 1500       | \"timeoutMillis\": 0",
        "payment.latencyMaxMillis     | \"latencyMaxMillis\": 200     | \"latencyMaxMillis\": 600001",
        "payment.seed                 | , \"seed\": 7                 | ''",
        "payment                      | \"latencyMaxMillis\": 200     | \"latencyMaxMillis\": 10"
    })
    void refusesInvalidSettingsAndKeepsTheOldOnes(String field, String valid, String invalid) throws Exception {
        assertProblem(update(FAULTY_PAYMENT.replace(valid, invalid)), 400, "validation-failed")
                .andExpect(onlyInvalidField(field));

        assertThat(simulationControl.current()).isEqualTo(SimulationSettings.reliable());
    }

    @Test
    void refusesSettingsWithoutAnAdapter() throws Exception {
        assertProblem(update("{\"payment\": null}"), 400, "validation-failed");

        assertThat(simulationControl.current()).isEqualTo(SimulationSettings.reliable());
    }

    @Test
    void refusesMalformedSettings() throws Exception {
        assertProblem(update("{\"payment\": {\"rejectionRate\": \"often\"}}"), 400, "malformed-request")
                .andExpect(onlyInvalidField("payment.rejectionRate"));
    }

    private ResultActions update(String body) throws Exception {
        return mvc.perform(put("/api/admin/simulation").contentType(MediaType.APPLICATION_JSON).content(body));
    }
}
