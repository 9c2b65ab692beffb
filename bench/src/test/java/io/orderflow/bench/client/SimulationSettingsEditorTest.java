package io.orderflow.bench.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DoubleNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulationSettingsEditorTest {

    private final ObjectMapper json = new ObjectMapper();
    private final SimulationSettingsEditor editor = new SimulationSettingsEditor(json);

    @Test
    void findsAndSetsTheDeclineRateOfANestedPaymentSection() throws Exception {
        JsonNode settings = json.readTree("{\"payment\":{\"declineRate\":0.0,\"failureRate\":0.0,\"latencyMs\":5},"
                + "\"shipping\":{\"refusalRate\":0.0,\"failureRate\":0.0},\"seed\":7}");

        String path = editor.paymentDeclineRatePath(settings);
        JsonNode changed = editor.with(settings, path, DoubleNode.valueOf(0.1));

        assertThat(path).isEqualTo("payment.declineRate");
        assertThat(changed.at("/payment/declineRate").asDouble()).isEqualTo(0.1);
        assertThat(changed.at("/payment/latencyMs").asInt()).isEqualTo(5);
        assertThat(settings.at("/payment/declineRate").asDouble()).as("the original is untouched").isZero();
    }

    @Test
    void findsTheRejectionRateOfThePaymentAdapterInTheApplicationsSettings() throws Exception {
        // the shape of io.orderflow.write.simulation.SimulationSettings
        JsonNode settings = json.readTree("{"
                + "\"payment\":{\"rejectionRate\":0.0,\"technicalFailureRate\":0.0,\"latencyMinMillis\":0,"
                + "\"latencyMaxMillis\":0,\"timeoutMillis\":2000,\"seed\":42},"
                + "\"shipping\":{\"rejectionRate\":0.0,\"technicalFailureRate\":0.0,\"latencyMinMillis\":0,"
                + "\"latencyMaxMillis\":0,\"timeoutMillis\":2000,\"seed\":42}}");

        String path = editor.paymentDeclineRatePath(settings);
        JsonNode changed = editor.with(settings, path, DoubleNode.valueOf(0.1));

        assertThat(path).isEqualTo("payment.rejectionRate");
        assertThat(changed.at("/payment/rejectionRate").asDouble()).isEqualTo(0.1);
        assertThat(changed.at("/shipping/rejectionRate").asDouble()).isZero();
    }

    @Test
    void findsAFlatDeclineRateField() throws Exception {
        JsonNode settings = json.readTree("{\"paymentDeclineRate\":0.0,\"carrierRefusalRate\":0.0}");

        assertThat(editor.paymentDeclineRatePath(settings)).isEqualTo("paymentDeclineRate");
    }

    @Test
    void prefersTheFieldThatNamesPaymentWhenSeveralMentionDecline() throws Exception {
        JsonNode settings = json.readTree("{\"gateway\":{\"paymentDeclineRate\":0.0},\"other\":{\"declineRate\":0.0}}");

        assertThat(editor.paymentDeclineRatePath(settings)).isEqualTo("gateway.paymentDeclineRate");
    }

    @Test
    void refusesToGuessWhenNoFieldNamesARefusal() throws Exception {
        JsonNode settings = json.readTree("{\"payment\":{\"failureRate\":0.0}}");

        assertThatThrownBy(() -> editor.paymentDeclineRatePath(settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("payment.failureRate");
    }

    @Test
    void appliesAssignmentsAsJsonValues() throws Exception {
        JsonNode settings = json.readTree("{\"shipping\":{\"refusalRate\":0.0,\"enabled\":false},\"seed\":1}");
        Map<String, String> assignments = new LinkedHashMap<>();
        assignments.put("shipping.refusalRate", "0.05");
        assignments.put("shipping.enabled", "true");
        assignments.put("seed", "99");

        JsonNode changed = editor.withAssignments(settings, assignments);

        assertThat(changed.at("/shipping/refusalRate").asDouble()).isEqualTo(0.05);
        assertThat(changed.at("/shipping/enabled").asBoolean()).isTrue();
        assertThat(changed.at("/seed").asLong()).isEqualTo(99);
    }

    @Test
    void refusesToGuessBetweenTwoRefusalRatesOfWhichNoneIsThePayments() throws Exception {
        JsonNode settings = json.readTree("{\"carrier\":{\"refusalRate\":0.0},\"bank\":{\"declineRate\":0.0}}");

        assertThatThrownBy(() -> editor.paymentDeclineRatePath(settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--decline-rate-field");
    }

    @Test
    void refusesAFieldTheSettingsDoNotHave() throws Exception {
        JsonNode settings = json.readTree("{\"payment\":{\"declineRate\":0.0}}");

        assertThatThrownBy(() -> editor.withAssignments(settings, Map.of("payment.declinRate", "0.1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("payment.declinRate")
                .hasMessageContaining("payment.declineRate");
        assertThatThrownBy(() -> editor.with(settings, "payment", DoubleNode.valueOf(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
